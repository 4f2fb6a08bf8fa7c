/**
 * An in-memory BM25 inverted index over passages.
 *
 * Chosen over SQLite FTS5 / FlexSearch / MiniSearch (../shared/recipes/dependencies.md): it is
 * pure JS with no WASM to ship, it scores with real BM25 (FlexSearch does not), it supports
 * incremental add/remove (lunr does not) and it serialises to a compact snapshot we control.
 * Queries are pruned to the rarest terms so their cost stays flat as the corpus grows.
 */

export interface Hit {
  passage: number;
  score: number;
}

export interface SearchOptions {
  limit: number;
  /** Only passages accepted by the filter are returned (e.g. the cited sources). */
  filter?: (passage: number) => boolean;
  /** Use at most this many query terms, the rarest first. */
  maxTerms?: number;
}

const K1 = 1.2;
const B = 0.75;

/** Growable postings list of (passage, term frequency). */
class Postings {
  ids: Uint32Array = new Uint32Array(4);
  tfs: Uint16Array = new Uint16Array(4);
  length = 0;
  push(id: number, tf: number): void {
    if (this.length === this.ids.length) {
      const ids = new Uint32Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const tfs = new Uint16Array(this.tfs.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.ids[this.length] = id;
    this.tfs[this.length] = Math.min(tf, 65535);
    this.length++;
  }
}

export interface Bm25Snapshot {
  terms: string[];
  /** Per term: passage ids then term frequencies, as plain arrays. */
  postings: Array<[number[], number[]]>;
  lengths: number[];
  deleted: number[];
}

export class Bm25Index {
  readonly #postings = new Map<string, Postings>();
  /** Length (in terms) of each passage; index = passage id. -1 marks a removed passage. */
  #lengths: number[] = [];
  #live = 0;
  #totalLength = 0;
  #deleted = 0;

  get size(): number {
    return this.#live;
  }

  add(passage: number, keys: readonly string[]): void {
    const tf = new Map<string, number>();
    for (const k of keys) tf.set(k, (tf.get(k) ?? 0) + 1);
    for (const [k, n] of tf) {
      let p = this.#postings.get(k);
      if (!p) this.#postings.set(k, (p = new Postings()));
      p.push(passage, n);
    }
    while (this.#lengths.length < passage) this.#lengths.push(-1);
    this.#lengths[passage] = keys.length;
    this.#live++;
    this.#totalLength += keys.length;
  }

  /** Removes passages; their postings are skipped at query time and compacted when many pile up. */
  remove(passages: Iterable<number>): void {
    for (const id of passages) {
      const len = this.#lengths[id];
      if (len === undefined || len < 0) continue;
      this.#lengths[id] = -1;
      this.#live--;
      this.#totalLength -= len;
      this.#deleted++;
    }
    if (this.#deleted > 1000 && this.#deleted > this.#live) this.#compact();
  }

  /** Number of live passages containing `key`. */
  df(key: string): number {
    const p = this.#postings.get(key);
    if (!p) return 0;
    if (this.#deleted === 0) return p.length;
    let n = 0;
    for (let i = 0; i < p.length; i++) if (this.#lengths[p.ids[i]] >= 0) n++;
    return n;
  }

  idf(key: string): number {
    const n = this.df(key);
    return Math.log(1 + (this.#live - n + 0.5) / (n + 0.5));
  }

  search(keys: readonly string[], opts: SearchOptions): Hit[] {
    let unique = [...new Set(keys)].filter((k) => this.#postings.has(k));
    if (opts.maxTerms && unique.length > opts.maxTerms) {
      unique = unique.sort((a, b) => this.#postings.get(a)!.length - this.#postings.get(b)!.length).slice(0, opts.maxTerms);
    }
    const avg = this.#live > 0 ? this.#totalLength / this.#live : 1;
    const scores = new Map<number, number>();
    for (const k of unique) {
      const p = this.#postings.get(k)!;
      const idf = this.idf(k);
      for (let i = 0; i < p.length; i++) {
        const id = p.ids[i];
        const len = this.#lengths[id];
        if (len < 0) continue;
        if (opts.filter && !opts.filter(id)) continue;
        const tf = p.tfs[i];
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
        scores.set(id, (scores.get(id) ?? 0) + s);
      }
    }
    const hits: Hit[] = [];
    for (const [passage, score] of scores) hits.push({ passage, score });
    hits.sort((a, b) => b.score - a.score || a.passage - b.passage);
    return hits.slice(0, opts.limit);
  }

  #compact(): void {
    for (const [k, p] of this.#postings) {
      const next = new Postings();
      for (let i = 0; i < p.length; i++) if (this.#lengths[p.ids[i]] >= 0) next.push(p.ids[i], p.tfs[i]);
      if (next.length === 0) this.#postings.delete(k);
      else this.#postings.set(k, next);
    }
    this.#deleted = 0;
  }

  toSnapshot(): Bm25Snapshot {
    this.#compact();
    const terms: string[] = [];
    const postings: Array<[number[], number[]]> = [];
    for (const [k, p] of this.#postings) {
      terms.push(k);
      postings.push([Array.from(p.ids.subarray(0, p.length)), Array.from(p.tfs.subarray(0, p.length))]);
    }
    const deleted: number[] = [];
    this.#lengths.forEach((l, i) => l < 0 && deleted.push(i));
    return { terms, postings, lengths: this.#lengths.map((l) => Math.max(l, 0)), deleted };
  }

  static fromSnapshot(s: Bm25Snapshot): Bm25Index {
    const index = new Bm25Index();
    s.terms.forEach((k, i) => {
      const p = new Postings();
      const [ids, tfs] = s.postings[i];
      p.ids = Uint32Array.from(ids);
      p.tfs = Uint16Array.from(tfs);
      p.length = ids.length;
      index.#postings.set(k, p);
    });
    const dead = new Set(s.deleted);
    index.#lengths = s.lengths.map((l, i) => (dead.has(i) ? -1 : l));
    for (const l of index.#lengths) if (l >= 0) (index.#live++, (index.#totalLength += l));
    return index;
  }
}
