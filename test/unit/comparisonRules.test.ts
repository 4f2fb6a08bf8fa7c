import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Corpus, checkDraft } from '../../server/src/engine';
import { aliasesOf } from '../../server/src/engine/verdict/aliases';
import { wordKey } from '../../server/src/engine/text/tokens';

const SOURCES = [
  {
    id: 'wire',
    path: 'wire.txt',
    text: [
      'Valdorian President Anton Krell met union leaders in Porto Leste on Monday.',
      'Krell ruled out any new tax on fuel this year.',
      'The finance ministry said there had been no confirmation from the central bank.',
      'The communist weekly Stella reported that the harbour authority had approved the expansion in March.',
      'Environmental groups condemned the dredging, while allies like Mayor Ines Koval praised it as overdue.',
    ].join('\n'),
    meta: { date: '2026-05-06' },
  },
];

function verdicts(draft: string): string[] {
  const corpus = new Corpus(SOURCES);
  return checkDraft(corpus, draft).claims.map((c) => c.verdict);
}

test('aliases learned from appositions: "the Valdorian leader" is Krell', () => {
  const corpus = new Corpus(SOURCES);
  const table = aliasesOf(corpus.source('wire')!);
  assert.ok([...table.values()].some((names) => names.has(wordKey('krell'))));
  assert.deepEqual(verdicts('The Valdorian leader met union leaders in Porto Leste.'), ['supported']);
});

test('negation: an asserted denial conflicts, a matching denial supports', () => {
  assert.deepEqual(verdicts('Krell has announced a new tax on fuel this year.'), ['conflict']);
  assert.deepEqual(verdicts('Krell ruled out a new tax on fuel this year.'), ['supported']);
  assert.deepEqual(verdicts('The central bank confirmed it, the finance ministry said.'), ['conflict']);
});

test('swaps: a descriptor or a place in the same slot conflicts', () => {
  assert.deepEqual(verdicts('The conservative weekly Stella reported that the harbour authority approved the expansion.'), ['conflict']);
  assert.deepEqual(verdicts('Krell met union leaders in Lisbon on Monday.'), ['conflict']);
  // A name in another role is extra detail, not a swap.
  assert.deepEqual(verdicts('Krell met union leaders and Lisbon bankers in Porto Leste on Monday.'), ['unsupported']);
});

test('a verb bound to a name: the source praises where the draft condemns', () => {
  assert.deepEqual(verdicts('Mayor Ines Koval has condemned the dredging.'), ['conflict']);
  assert.deepEqual(verdicts('Mayor Ines Koval has praised the dredging as overdue.'), ['supported']);
});

test('dates: a month that does not overlap conflicts, a part of the month supports', () => {
  assert.deepEqual(verdicts('Stella reported that the harbour authority approved the expansion in June.'), ['conflict']);
  assert.deepEqual(verdicts('Stella reported that the harbour authority approved the expansion in early March.'), ['unsupported']);
});
