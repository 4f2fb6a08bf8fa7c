import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Corpus, checkDraft } from '../../server/src/engine';

const corpus = new Corpus([
  {
    id: 'gazette',
    path: 'sources/gazette.txt',
    text: 'The Lindqvist bridge over the Almar river reopened on 3 March after repairs costing €12 million, the city council said.',
    meta: { date: '2026-03-04' },
  },
]);

test('cached verdicts keep exact ranges when the sentence moves', () => {
  const cache = new Map<string, unknown>();
  const draft = 'The Lindqvist bridge reopened after repairs costing €15 million.\n';
  const first = checkDraft(corpus, draft, { cache });
  const moved = checkDraft(corpus, 'A new opening line.\n\n' + draft, { cache });
  const a = first.claims.find((c) => c.verdict === 'conflict');
  const b = moved.claims.find((c) => c.verdict === 'conflict');
  assert.ok(a && b, 'the wrong figure is a conflict both times');
  assert.equal(b.range.start.line, a.range.start.line + 2);
  const fa = a.facts.find((f) => f.kind === 'number')!;
  const fb = b.facts.find((f) => f.kind === 'number')!;
  assert.equal(fb.range.start.line, fa.range.start.line + 2);
  assert.equal(fb.range.start.character, fa.range.start.character);
  assert.equal(fb.text, '€15 million');
});

test('a changed corpus invalidates cached verdicts', () => {
  const cache = new Map<string, unknown>();
  const c = new Corpus([{ id: 'a', path: 'a.txt', text: 'The ferry service to Holm carried 4,200 passengers in May.', meta: {} }]);
  const draft = 'The ferry service to Holm carried 4,200 passengers in May.';
  assert.equal(checkDraft(c, draft, { cache }).claims[0].verdict, 'supported');
  c.upsert({ id: 'a', path: 'a.txt', text: 'The ferry service to Holm carried 3,100 passengers in May.', meta: {} });
  assert.equal(checkDraft(c, draft, { cache }).claims[0].verdict, 'conflict');
});
