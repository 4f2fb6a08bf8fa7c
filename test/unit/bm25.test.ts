import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bm25Index, MAX_LENGTH } from '../../server/src/engine/retrieval/bm25';
import { Corpus } from '../../server/src/engine/corpus';
import { wordKey } from '../../server/src/engine/text/tokens';

/** Query keys as the engine builds them. */
const keys = (s: string) => s.split(' ').map(wordKey);

function index(): Bm25Index {
  const ix = new Bm25Index();
  ix.add(0, ['harbour', 'ferry', 'crossing']);
  ix.add(1, ['ferry', 'ferry', 'ticket', 'price']);
  ix.add(2, ['library', 'reading', 'room']);
  ix.add(3, ['harbour', 'crane', 'harbour', 'harbour', 'crane', 'dock', 'quay', 'pier', 'wall', 'light']);
  ix.add(4, ['ferry', 'harbour', 'crossing', 'passenger']);
  return ix;
}

test('BM25 ranks by term rarity and frequency, normalised by length', () => {
  const ix = index();
  assert.equal(ix.size, 5);
  assert.deepEqual(
    ix.search(['ferry', 'crossing', 'passenger'], { limit: 10 }).map((h) => h.passage),
    [4, 0, 1],
  );
  // A rare term outweighs a common one.
  assert.ok(ix.idf('passenger') > ix.idf('ferry'));
  // Higher term frequency ranks first for a single term; a long passage is penalised.
  assert.deepEqual(
    ix.search(['ferry'], { limit: 10 }).map((h) => h.passage),
    [1, 0, 4],
  );
  const hits = ix.search(['harbour'], { limit: 10 });
  assert.deepEqual(hits.map((h) => h.passage), [3, 0, 4]);
  assert.ok(hits[0].score > hits[1].score);
  assert.ok(hits[1].score > hits[2].score, 'same tf: the shorter passage (3 terms) beats the longer (4 terms)');
});

test('BM25 scores match the formula', () => {
  const ix = new Bm25Index();
  ix.add(0, ['a', 'b']);
  ix.add(1, ['c', 'd']);
  const [hit] = ix.search(['a'], { limit: 1 });
  const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
  assert.ok(Math.abs(hit.score - idf) < 1e-12, `${hit.score} vs ${idf}`);
});

test('limit, filter and unknown terms', () => {
  const ix = index();
  assert.equal(ix.search(['ferry'], { limit: 2 }).length, 2);
  assert.deepEqual(
    ix.search(['ferry'], { limit: 10, filter: (p) => p !== 1 }).map((h) => h.passage),
    [0, 4],
  );
  assert.deepEqual(ix.search(['submarine'], { limit: 10 }), []);
});

test('remove drops passages from results and statistics; add brings new ones', () => {
  const ix = index();
  ix.remove([1, 4]);
  assert.equal(ix.size, 3);
  assert.equal(ix.df('ferry'), 1);
  assert.deepEqual(ix.search(['ferry'], { limit: 10 }).map((h) => h.passage), [0]);
  ix.remove([1]); // removing twice is harmless
  assert.equal(ix.size, 3);
  ix.add(5, ['ferry', 'timetable']);
  assert.equal(ix.size, 4);
  assert.deepEqual(ix.search(['ferry', 'timetable'], { limit: 10 }).map((h) => h.passage), [5, 0]);
});

test('snapshot round trip keeps rankings and removals', () => {
  const ix = index();
  ix.remove([0]);
  const copy = Bm25Index.fromSnapshot(JSON.parse(JSON.stringify(ix.toSnapshot())));
  assert.equal(copy.size, 4);
  assert.deepEqual(copy.search(['ferry', 'crossing'], { limit: 10 }), ix.search(['ferry', 'crossing'], { limit: 10 }));
});

test('maxTerms keeps the rarest query terms', () => {
  const ix = index();
  // "ferry" is in 3 passages, "library" in 1: with one term only "library" is searched.
  assert.deepEqual(ix.search(['ferry', 'library'], { limit: 10, maxTerms: 1 }).map((h) => h.passage), [2]);
});

test('Corpus: upsert replaces a source, remove drops it, version changes', () => {
  const corpus = new Corpus([
    { id: 'a', path: 'a.txt', meta: {}, text: 'The Kellmoor ferry carried 412 passengers.\nThe library opened a reading room.' },
    { id: 'b', path: 'b.txt', meta: {}, text: 'A new crane arrived at the Kellmoor docks.' },
  ]);
  assert.equal(corpus.size, 2);
  assert.equal(corpus.passageCount, 3);
  const v = corpus.version;
  const ferry = (c: Corpus) => c.search(keys('ferry'), 10).map((h) => h.passageRef.sourceId);
  assert.deepEqual(ferry(corpus), ['a']);
  assert.deepEqual(
    corpus.search(keys('crane dock'), 10).map((h) => h.passageRef.text),
    ['A new crane arrived at the Kellmoor docks.'],
  );
  corpus.upsert({ id: 'b', path: 'b.txt', meta: {}, text: 'The ferry timetable changed in spring.' });
  assert.ok(corpus.version > v);
  assert.equal(corpus.size, 2);
  assert.equal(corpus.passageCount, 3);
  assert.deepEqual(corpus.search(keys('crane dock'), 10), []);
  corpus.remove('a');
  assert.equal(corpus.has('a'), false);
  assert.equal(corpus.passageCount, 1);
  assert.deepEqual(ferry(corpus), ['b']);
  // Search restricted to some sources.
  assert.equal(corpus.search(keys('timetable'), 10, new Set(['b'])).length, 1);
  assert.deepEqual(corpus.search(keys('timetable'), 10, new Set(['a'])), []);
});

test('Corpus: next/previous walk the passages of a source', () => {
  const corpus = new Corpus([{ id: 'a', path: 'a.txt', meta: {}, text: 'First one here. Second one here. Third one here.' }]);
  const [first, second] = corpus.source('a')!.passages;
  assert.equal(corpus.next(first)?.text, 'Second one here.');
  assert.equal(corpus.previous(second)?.text, 'First one here.');
  assert.equal(corpus.previous(first), undefined);
});

test('a passage longer than the 16-bit length limit counts as that long, and stays searchable', () => {
  const ix = new Bm25Index();
  const huge = Array.from({ length: MAX_LENGTH + 5000 }, (_, i) => (i === 7 ? 'needle' : `filler${i % 50}`));
  ix.add(0, huge);
  ix.add(1, ['needle', 'short']);
  const hits = ix.search(['needle'], { limit: 5 });
  assert.deepEqual(hits.map((h) => h.passage), [1, 0]);
  assert.ok(hits[1].score > 0);
  // Through a packed copy the lengths stay the same.
  const copy = Bm25Index.fromPacked(ix.pack(true));
  assert.deepEqual(copy.search(['needle'], { limit: 5 }), hits);
});
