/**
 * The BM25 index keeps small postings lists in regions of shared blocks (size classes, freed regions
 * reused) and long ones in arrays of their own.
 * These tests compare it, on random add/remove sequences large enough to move and repack regions
 * and to compact removals, with a plain Map-based BM25 written the obvious way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bm25Index, type Hit } from '../../server/src/engine/retrieval/bm25';
import { indexedKeys, isIndexed, tokenize } from '../../server/src/engine/text/tokens';
import { indexKeys } from '../../server/src/engine/corpus';

class Reference {
  postings = new Map<string, Array<[number, number]>>();
  lengths: number[] = [];
  add(id: number, keys: string[]): void {
    const tf = new Map<string, number>();
    for (const k of keys) tf.set(k, (tf.get(k) ?? 0) + 1);
    for (const [k, n] of tf) {
      if (!this.postings.has(k)) this.postings.set(k, []);
      this.postings.get(k)!.push([id, n]);
    }
    while (this.lengths.length < id) this.lengths.push(-1);
    this.lengths[id] = keys.length;
  }
  remove(ids: number[]): void {
    for (const id of ids) if (this.lengths[id] !== undefined) this.lengths[id] = -1;
  }
  get live(): number {
    return this.lengths.filter((l) => l >= 0).length;
  }
  df(k: string): number {
    return (this.postings.get(k) ?? []).filter(([id]) => this.lengths[id] >= 0).length;
  }
  search(keys: string[], limit: number): Hit[] {
    const avg = this.lengths.filter((l) => l >= 0).reduce((a, b) => a + b, 0) / Math.max(1, this.live);
    const scores = new Map<number, number>();
    for (const k of new Set(keys)) {
      const n = this.df(k);
      const idf = Math.log(1 + (this.live - n + 0.5) / (n + 0.5));
      for (const [id, tf] of this.postings.get(k) ?? []) {
        const len = this.lengths[id];
        if (len < 0) continue;
        scores.set(id, (scores.get(id) ?? 0) + (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * len) / avg)));
      }
    }
    return [...scores].map(([passage, score]) => ({ passage, score })).sort((a, b) => b.score - a.score || a.passage - b.passage).slice(0, limit);
  }
}

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
}

function close(a: Hit[], b: Hit[]): void {
  assert.deepEqual(a.map((h) => h.passage), b.map((h) => h.passage));
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i].score - b[i].score) < 1e-9);
}

test('arena postings match a plain BM25 through growth, removal, compaction and snapshots', () => {
  const r = rng(7);
  // Zipf-like vocabulary: a few very common terms and a long tail, so regions of all sizes move.
  const vocab = Array.from({ length: 3000 }, (_, i) => `t${i}`);
  const word = () => vocab[Math.floor(Math.pow(r(), 3) * vocab.length)];
  const ix = new Bm25Index();
  const ref = new Reference();
  let id = 0;
  const queries = Array.from({ length: 30 }, () => Array.from({ length: 1 + Math.floor(r() * 5) }, word));
  const compare = () => {
    assert.equal(ix.size, ref.live);
    for (const q of queries) {
      close(ix.search(q, { limit: 15 }), ref.search(q, 15));
      for (const k of q) assert.equal(ix.df(k), ref.df(k));
    }
  };
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < 3000; i++) {
      const keys = Array.from({ length: 1 + Math.floor(r() * 12) }, word);
      ix.add(id, keys);
      ref.add(id, keys);
      id++;
    }
    compare();
    // Remove more than stays live, so the index compacts.
    const gone: number[] = [];
    for (let i = 0; i < id; i++) if (r() < 0.6) gone.push(i);
    ix.remove(gone);
    ref.remove(gone);
    compare();
  }
  const copy = Bm25Index.fromSnapshot(JSON.parse(JSON.stringify(ix.toSnapshot())));
  for (const q of queries) close(copy.search(q, { limit: 15 }), ref.search(q, 15));
  // A restored index keeps growing correctly.
  for (let i = 0; i < 2000; i++) {
    const keys = Array.from({ length: 1 + Math.floor(r() * 12) }, word);
    copy.add(id, keys);
    ref.add(id, keys);
    id++;
  }
  for (const q of queries) close(copy.search(q, { limit: 15 }), ref.search(q, 15));
});

test('indexedKeys gives the keys of the indexed tokens, without building tokens', () => {
  const texts = [
    'The Mayor’s office said 1,200 residents were evacuated on Sunday.',
    "Société Générale's profits rose 4.5% in the U.S. and in Zürich; it's the firm's best year.",
    'ÉLAN and élan, naïve coöperation, the 3rd of May, twenty-three people, \u{1D400}bc Ⅻ.',
    'x y 7 of the and 12th',
  ];
  for (const t of texts) {
    assert.deepEqual(indexedKeys(t), indexKeys(tokenize(t)));
    assert.deepEqual(indexedKeys(t), tokenize(t).filter(isIndexed).map((k) => k.key));
  }
});

test('search over many windows of passage ids matches a plain BM25, with gaps, removals and a filter', () => {
  const r = rng(11);
  const vocab = Array.from({ length: 400 }, (_, i) => `w${i}`);
  const word = () => vocab[Math.floor(Math.pow(r(), 2) * vocab.length)];
  const ix = new Bm25Index();
  const ref = new Reference();
  // Over 200,000 ids (several score windows), with runs of unused ids between passages.
  let id = 0;
  for (let i = 0; i < 60000; i++) {
    id += r() < 0.05 ? 1 + Math.floor(r() * 5000) : 1 + Math.floor(r() * 3);
    const keys = Array.from({ length: 1 + Math.floor(r() * 4) }, word);
    ix.add(id, keys);
    ref.add(id, keys);
  }
  // A term that only the last passages have: its list starts windows after the others.
  for (let i = 0; i < 5; i++) {
    id += 70000;
    ix.add(id, ['late', 'w1']);
    ref.add(id, ['late', 'w1']);
  }
  assert.ok(id > 4 * 65536);
  const gone: number[] = [];
  for (let i = 0; i < id; i += 1 + Math.floor(r() * 40)) gone.push(i);
  ix.remove(gone);
  ref.remove(gone);
  const queries = [['late'], ['late', 'w0'], ['w399', 'w1', 'w250'], ...Array.from({ length: 20 }, () => Array.from({ length: 1 + Math.floor(r() * 4) }, word))];
  for (const q of queries) close(ix.search(q, { limit: 25 }), ref.search(q, 25));
  // Filtered: only odd passage ids.
  const odd = (p: number) => p % 2 === 1;
  for (const q of queries.slice(0, 8)) {
    const want = ref.search(q, 1e9).filter((h) => odd(h.passage)).slice(0, 10);
    close(ix.search(q, { limit: 10, filter: odd }), want);
  }
});
