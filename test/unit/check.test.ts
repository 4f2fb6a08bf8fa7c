import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Corpus, checkDraft, type ClaimResult } from '../../server/src/engine';
import { FILLER } from '../helpers/filler';


const corpus = new Corpus([
  {
    id: 'herald',
    path: 'sources/herald.txt',
    meta: {},
    text: 'Kellmoor Herald\n\nThe storm damaged 61 fishing boats in the Kellmoor harbour, the harbour master said.\nThe harbour trust did not approve the plan for a second pier.',
  },
  {
    id: 'courier',
    path: 'sources/courier.txt',
    meta: {},
    text: 'Coast Courier\n\nThe storm damaged 65 fishing boats in the Kellmoor harbour, according to the coastguard.',
  },
  { id: 'notes', path: 'sources/notes.txt', meta: {}, text: FILLER },
]);

function claim(sentence: string): ClaimResult {
  const claims = checkDraft(corpus, sentence + '\n').claims;
  assert.equal(claims.length, 1, `one claim for ${sentence}`);
  return claims[0];
}

test('a figure incompatible with every source is a conflict naming all of them', () => {
  const c = claim('The storm damaged 80 fishing boats in the Kellmoor harbour.');
  assert.equal(c.verdict, 'conflict');
  assert.equal(c.kind, 'conflict.number');
  assert.equal(c.message, 'Sources give 61 (herald) and 65 (courier); the draft says 80.');
  assert.deepEqual(
    c.evidence.map((e) => [e.source, e.relation, e.path, e.position.line]),
    [
      ['herald', 'conflicts', 'sources/herald.txt', 2],
      ['courier', 'conflicts', 'sources/courier.txt', 2],
    ],
  );
  const fact = c.facts.find((f) => f.kind === 'number')!;
  assert.equal(fact.text, '80');
  assert.equal(fact.status, 'conflict');
});

test('qualifiers are respected: "more than 60" is supported by 61 and 65', () => {
  const c = claim('The storm damaged more than 60 fishing boats in the Kellmoor harbour.');
  assert.equal(c.verdict, 'supported');
  assert.ok(c.evidence.length > 0);
  assert.ok(c.evidence.every((e) => e.relation === 'supports'));
});

test('"fewer than 50" conflicts with 61 and 65', () => {
  const c = claim('The storm damaged fewer than 50 fishing boats in the Kellmoor harbour.');
  assert.equal(c.verdict, 'conflict');
  assert.equal(c.kind, 'conflict.number');
});

test('when sources disagree, a value one of them gives is not a conflict', () => {
  const c = claim('The storm damaged 65 fishing boats in the Kellmoor harbour.');
  assert.equal(c.verdict, 'supported');
  assert.equal(c.evidence[0].source, 'courier');
});

test('asserting what a source denies is a negation conflict', () => {
  const c = claim('The harbour trust approved the plan for a second pier.');
  assert.equal(c.verdict, 'conflict');
  assert.equal(c.kind, 'conflict.negation');
  assert.equal(c.evidence[0].source, 'herald');
});

test('a claim no source states is unsupported with no evidence', () => {
  const c = claim('The Kellmoor harbour trust will build a lighthouse museum in Dunmore.');
  assert.equal(c.verdict, 'unsupported');
  assert.equal(c.kind, 'unsupported');
  assert.deepEqual(c.evidence, []);
  assert.match(c.message, /^No source supports this claim\./);
});

test('confidence is within 0..1 and non-claims are skipped', () => {
  const draft = [
    '# Storm notes',
    '',
    'What happened to the Kellmoor boats?',
    '',
    'The storm damaged 80 fishing boats in the Kellmoor harbour. Please check the figures before this runs.',
    '',
  ].join('\n');
  const claims = checkDraft(corpus, draft).claims;
  assert.equal(claims.length, 1);
  assert.equal(claims[0].range.start.line, 4);
  for (const c of claims) assert.ok(c.confidence >= 0 && c.confidence <= 1);
});

test('the cache gives identical results and is keyed by corpus version', () => {
  const cache = new Map<string, unknown>();
  const draft = 'The storm damaged 80 fishing boats in the Kellmoor harbour.\n';
  const first = checkDraft(corpus, draft, { cache });
  assert.equal(cache.size, 1);
  const second = checkDraft(corpus, draft, { cache });
  assert.deepEqual(second, first);
  assert.equal(cache.size, 1);
});

test('plain-text drafts are checked without Markdown parsing', () => {
  const draft = '# not a heading in plain text, 80 fishing boats were damaged in the Kellmoor harbour.\n';
  const md = checkDraft(corpus, draft).claims;
  const txt = checkDraft(corpus, draft, { markdown: false }).claims;
  assert.equal(md.length, 0);
  assert.equal(txt.length, 1);
});
