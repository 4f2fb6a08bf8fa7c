import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Corpus, checkDraft } from '../../server/src/engine';
import { extractQuantities } from '../../server/src/engine/facts/numbers';

/** One-source corpus and the verdict of a one-sentence draft against it. */
function verdict(source: string, draft: string): string {
  const corpus = new Corpus([{ id: 'src', path: 'src.txt', text: source, meta: { date: '2026-03-12' } }]);
  const claims = checkDraft(corpus, draft).claims;
  assert.equal(claims.length, 1, `one claim in: ${draft}`);
  return claims[0].verdict;
}

test('frequencies are figures: "three times a week" conflicts with "twice a week"', () => {
  const src = 'The Holm ferry sails twice a week between November and March, the operator said.';
  assert.equal(verdict(src, 'The Holm ferry sails three times a week in winter.'), 'conflict');
  assert.equal(verdict(src, 'The Holm ferry sails twice a week in winter.'), 'supported');
});

test('a comparative in the opposite direction is a conflict', () => {
  const src = 'The new pack weighs about 3.4 tonnes, roughly 400 kg more than the current pack.';
  assert.equal(verdict(src, 'The new pack is about 400 kg lighter than the current pack.'), 'conflict');
  assert.equal(verdict(src, 'The new pack is about 400 kg heavier than the current pack.'), 'supported');
});

test('circa and ranges keep their kind', () => {
  const [c] = extractQuantities('a share of c.13% in 2025');
  assert.equal(c.qualifier, 'approx');
  assert.equal(c.value, 13);
  const q = extractQuantities('margin rose 73% to €31.5 million');
  assert.deepEqual(q.map((x) => [x.value, x.unit, x.qualifier]), [[73, 'percent', 'exact'], [31.5e6, 'eur', 'exact']]);
  const [r] = extractQuantities('revenue of €1.7 billion to €1.8 billion');
  assert.deepEqual([r.value, r.high, r.qualifier], [1.7e9, 1.8e9, 'range']);
});

test('an expectation is not the outcome, and a comparison base is not the news', () => {
  const src = 'The company delivered 1,146 buses in the quarter. Net profit was €19.8 million, compared with €7.0 million a year earlier.';
  assert.notEqual(verdict(src, 'Analysts had expected deliveries of 1,100 buses in the quarter.'), 'conflict');
  assert.equal(verdict(src, 'Net profit was €21 million in the quarter.'), 'conflict');
});

test('numbers inside names are not figures', () => {
  assert.deepEqual(extractQuantities('The Arc 12 and Air Force One are names.').map((q) => q.text), []);
});
