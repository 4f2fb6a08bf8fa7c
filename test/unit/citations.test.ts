import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCitations } from '../../server/src/engine/draft/citations';
import { parseDraft } from '../../server/src/engine/draft/markdown';
import { Corpus, checkDraft } from '../../server/src/engine';

function groups(text: string) {
  return findCitations(text, [{ start: 0, end: text.length }]).map((g) => ({
    group: text.slice(g.start, g.end),
    keys: g.keys.map((k) => k.key),
    spans: g.keys.map((k) => text.slice(k.start, k.end)),
  }));
}

test('Pandoc citation forms', () => {
  assert.deepEqual(groups('One [@alpha].'), [{ group: '[@alpha]', keys: ['alpha'], spans: ['@alpha'] }]);
  assert.deepEqual(groups('Two [@alpha; @beta-2].'), [{ group: '[@alpha; @beta-2]', keys: ['alpha', 'beta-2'], spans: ['@alpha', '@beta-2'] }]);
  assert.deepEqual(groups('Locator [see @gamma, p. 3].'), [{ group: '[see @gamma, p. 3]', keys: ['gamma'], spans: ['@gamma'] }]);
  assert.deepEqual(groups('Suppressed author [-@delta].'), [{ group: '[-@delta]', keys: ['delta'], spans: ['@delta'] }]);
  assert.deepEqual(groups('Prefix and suffix [see @a, ch. 2; also @b.c, pp. 4-5].'), [
    { group: '[see @a, ch. 2; also @b.c, pp. 4-5]', keys: ['a', 'b.c'], spans: ['@a', '@b.c'] },
  ]);
});

test('not citations: e-mail addresses, links, footnotes, brackets without @', () => {
  assert.deepEqual(groups('Mail [desk@example.org] now.'), []);
  assert.deepEqual(groups('A [link @x](https://example.com) here.'), []);
  assert.deepEqual(groups('A note [^1] and [plain words].'), []);
});

test('only the given ranges are searched', () => {
  const text = '[@a] middle [@b]';
  assert.deepEqual(
    findCitations(text, [{ start: 5, end: text.length }]).map((g) => g.keys.map((k) => k.key)),
    [['b']],
  );
});

test('citations in code are not found once the draft is parsed', () => {
  const draft = 'Claim here [@real].\n\n`[@incode]` and\n\n```\n[@block]\n```\n';
  const { prose, blocks } = parseDraft(draft);
  assert.deepEqual(
    findCitations(prose, blocks).flatMap((g) => g.keys.map((k) => k.key)),
    ['real'],
  );
});

test('checkDraft: citation refs with exact ranges, unknown ids flagged', () => {
  const corpus = new Corpus([
    { id: 'alpha', path: 'alpha.txt', meta: {}, text: 'The Kellmoor ferry carried 412 passengers on its first crossing.' },
  ]);
  const draft = 'The Kellmoor ferry carried 412 passengers \u{1F6A2} on its first crossing [@alpha; @nowhere].\n';
  const report = checkDraft(corpus, draft);
  assert.deepEqual(
    report.citations.map((c) => [c.key, c.unknown, c.range, draft.slice(c.start, c.end)]),
    [
      ['alpha', false, { start: { line: 0, character: 68 }, end: { line: 0, character: 74 } }, '@alpha'],
      ['nowhere', true, { start: { line: 0, character: 76 }, end: { line: 0, character: 84 } }, '@nowhere'],
    ],
  );
  assert.deepEqual(report.citations[0].groupRange, { start: { line: 0, character: 67 }, end: { line: 0, character: 85 } });
  assert.equal(report.claims.length, 1);
  assert.deepEqual(report.claims[0].cited, ['alpha', 'nowhere']);
  // The citation brackets are not words of the sentence, but the claim range covers them.
  assert.equal(report.claims[0].text, draft.slice(0, draft.indexOf('.') + 1));
});

test('a cited sentence is judged against the cited source only', () => {
  const corpus = new Corpus([
    { id: 'herald', path: 'herald.txt', meta: {}, text: 'The Kellmoor ferry carried 412 passengers on its first crossing.\nThe museum opened in a former customs house.' },
    { id: 'courier', path: 'courier.txt', meta: {}, text: 'The town library lends bicycles to its members in summer.\nA new cycle path links the station with the campus.' },
  ]);
  const open = checkDraft(corpus, 'The Kellmoor ferry carried 412 passengers on its first crossing.\n').claims[0];
  assert.equal(open.verdict, 'supported');
  assert.equal(open.evidence[0].source, 'herald');
  const cited = checkDraft(corpus, 'The Kellmoor ferry carried 412 passengers on its first crossing [@courier].\n').claims[0];
  assert.deepEqual(cited.cited, ['courier']);
  assert.notEqual(cited.verdict, 'supported');
  assert.equal(cited.kind, 'citation.mismatch');
  assert.deepEqual(cited.suggestedSources, ['herald']);
});
