import { freeNow, grownU32 } from '../buffers';
import { TermTable } from './termTable';

/**
 * An in-memory BM25 inverted index over passages.
 *
 * Chosen over SQLite FTS5 / FlexSearch / MiniSearch (../shared/recipes/dependencies.md): it is
 * pure JS with no WASM to ship, it scores with real BM25 (FlexSearch does not), it supports
 * incremental add/remove (lunr does not) and it serialises to a compact snapshot we control.
 * Queries are pruned to the rarest terms so their cost stays flat as the corpus grows.
 *
 * Memory layout (measured on the 10,000-document bench: 1.1 M passages, 11 M postings): a term's
 * postings are one byte string of varints, passage-id gaps (ids only grow within a list) with
 * the term frequency folded in, about 1.4 bytes a posting instead of 6 for a Uint32 id plus a
 * Uint16 frequency. Lists live in regions of shared 1 MB blocks (a slab allocator: power-of-two
 * size classes, freed regions are reused by the next list of that size, so nothing is copied
 * wholesale and no garbage piles up); a list that outgrows the largest class gets a block of its
 * own. The whole index is a handful of typed arrays, so it can be handed to another thread or
 * written to disk without copying (`pack`/`fromPacked`).
 */

export interface Hit {
  passage: number;
  score: number;
}

/** A word's form as addForms takes it: its key, and a term number cached for one index. */
export interface TermForm {
  key: string;
  termOwner?: object;
  termId?: number;
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

export interface Bm25Snapshot {
  terms: string[];
  /** Per term: passage ids then term frequencies, as plain arrays. */
  postings: Array<[number[], number[]]>;
  lengths: number[];
  deleted: number[];
}

/**
 * The index as typed arrays (plus the term list): what `pack` gives and `fromPacked` takes.
 * Term `t`'s postings are `blocks[block[t]]` bytes `[offset[t], offset[t] + bytes[t])`.
 */
export interface PackedIndex {
  terms: string[];
  block: Uint32Array;
  offset: Uint32Array;
  bytes: Uint32Array;
  count: Uint32Array;
  /** Last passage id of each list (the base of the next gap). */
  last: Uint32Array;
  blocks: Uint8Array[];
  /** Per passage id: its length in terms (at most MAX_LENGTH), REMOVED for removed (or never added) ids. */
  lengths: Uint16Array;
}

/** Bytes per shared block. */
const BLOCK = 1 << 20;
/** Largest region (bytes) kept in the shared blocks; longer lists get a block of their own. */
const MAX_SMALL = 4096;
/** Size classes 8, 16, ... MAX_SMALL bytes. */
const MIN_CLASS_BITS = 3;
const CLASSES = Math.log2(MAX_SMALL) - MIN_CLASS_BITS + 1;
const classOf = (size: number): number => Math.log2(size) - MIN_CLASS_BITS;
/**
 * Passage lengths are 16-bit (2.2 MB instead of 4.4 at 10,000 documents): a passage of more
 * than MAX_LENGTH indexed words (a splitting accident, not a sentence) counts as MAX_LENGTH long.
 */
export const MAX_LENGTH = 0xfffe;
/** The length of a removed passage id, or one never added. */
export const REMOVED = 0xffff;

/** Passage ids scored at a time by search (a 512 KB score table). */
const WINDOW = 1 << 16;
/** Upper bound of the bytes of one posting: two 5-byte varints. */
const MAX_POSTING = 10;
const NONE = 0xffffffff;

/** Writes varint `v` (< 2^36) at `p` and returns the offset after it. */
function putVarint(buf: Uint8Array, p: number, v: number): number {
  while (v >= 128) {
    buf[p++] = (v % 128) | 128;
    v = Math.floor(v / 128);
  }
  buf[p++] = v;
  return p;
}

/** Bytes of the varint of `v`. */
function varintLength(v: number): number {
  let n = 1;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Bytes of the encoding of one posting after passage `last` (what encodePosting writes). */
function postingLength(last: number, id: number, tf: number): number {
  const gap = last === NONE ? id : id - last - 1;
  return varintLength(gap * 2 + (tf > 1 ? 1 : 0)) + (tf > 1 ? varintLength(tf - 2) : 0);
}

/**
 * The first posting of a list at `from` (its id counts from the list's start): sets FIRST's id,
 * tf, and where the rest of the list begins.
 */
const FIRST = { id: 0, tf: 1, rest: 0 };
function readFirstPosting(src: Uint8Array, from: number): void {
  let q = from;
  let v = 0;
  for (let scale = 1; ; scale *= 128) {
    const b = src[q++];
    v += (b & 127) * scale;
    if (b < 128) break;
  }
  const more = v % 2;
  FIRST.id = (v - more) / 2;
  FIRST.tf = 1;
  if (more === 1) {
    let x = 0;
    for (let scale = 1; ; scale *= 128) {
      const b = src[q++];
      x += (b & 127) * scale;
      if (b < 128) break;
    }
    FIRST.tf = x + 2;
  }
  FIRST.rest = q;
}

/** The varint encoding of one posting after passage `last` (NONE for the first of a list). */
function encodePosting(buf: Uint8Array, p: number, last: number, id: number, tf: number): number {
  const gap = last === NONE ? id : id - last - 1;
  p = putVarint(buf, p, gap * 2 + (tf > 1 ? 1 : 0));
  if (tf > 1) p = putVarint(buf, p, tf - 2);
  return p;
}

/**
 * Iterates the postings of a byte list: calls `fn(id, tf)` for each. Kept as a small reader
 * object so the search loop below can inline the decoding instead.
 */
function forEachPosting(buf: Uint8Array, from: number, to: number, fn: (id: number, tf: number) => void): void {
  let p = from;
  let id = -1;
  while (p < to) {
    let b = buf[p++];
    let v = b & 127;
    if (b >= 128) {
      let scale = 128;
      do {
        b = buf[p++];
        v += (b & 127) * scale;
        scale *= 128;
      } while (b >= 128);
    }
    const more = v % 2;
    id += (v - more) / 2 + 1;
    let tf = 1;
    if (more) {
      b = buf[p++];
      let t = b & 127;
      let scale = 128;
      while (b >= 128) {
        b = buf[p++];
        t += (b & 127) * scale;
        scale *= 128;
      }
      tf = t + 2;
    }
    fn(id, tf);
  }
}

export class Bm25Index {
  /** Term → term number (in first-seen order, which snapshots keep). */
  #terms = new TermTable();
  #termCount = 0;
  /** Per term number: block, byte offset, bytes used, bytes of room, postings, last passage id. */
  #block: Uint32Array = new Uint32Array(1024);
  #offset: Uint32Array = new Uint32Array(1024);
  #bytes: Uint32Array = new Uint32Array(1024);
  #room: Uint32Array = new Uint32Array(1024);
  #count: Uint32Array = new Uint32Array(1024);
  #last: Uint32Array = new Uint32Array(1024);
  /** Shared slab blocks, own blocks of long lists, and blocks taken over from a packed index. */
  #blocks: Array<Uint8Array | undefined> = [];
  /** The slab block being filled, and how much of it is used. */
  #slab = -1;
  #slabUsed = BLOCK;
  /** Per size class: freed regions (block, offset pairs), ready for reuse. */
  #free: number[][] = Array.from({ length: CLASSES }, () => []);
  /** Blocks this index allocated (those taken over from a packed index may be shared). */
  #made = new WeakSet<Uint8Array>();
  /** Whether the lists fill one block with no room to spare (shrink has nothing to do). */
  #exact = false;
  /** Length (in terms) of each passage; index = passage id. -1 marks a removed passage. */
  #lengths: Uint16Array = new Uint16Array(1024).fill(REMOVED);
  #lengthCount = 0;
  #maxLength = 0;
  #live = 0;
  #totalLength = 0;
  #deleted = 0;
  /** Reused per add() and per search(). */
  readonly #tf = new Map<string, number>();
  /** Scores of one window of passage ids while searching, and which of them are set. */
  readonly #scores = new Float64Array(WINDOW);
  readonly #touched = new Uint32Array(WINDOW);
  /** BM25 length normalisation per passage length, for the average length it was built for. */
  #norm: Float64Array = new Float64Array(0);
  #normAvg = NaN;

  get size(): number {
    return this.#live;
  }

  /** Number of passage ids used so far (live or removed): the next id must be at least this. */
  get idCount(): number {
    return this.#lengthCount;
  }

  add(passage: number, keys: readonly string[]): void {
    const tf = this.#tf;
    tf.clear();
    for (const k of keys) tf.set(k, (tf.get(k) ?? 0) + 1);
    for (const [k, n] of tf) {
      this.#push(this.termId(k), passage, n);
    }
    tf.clear();
    this.#setLength(passage, keys.length);
  }

  /**
   * Adds a passage given as the forms of its indexed words (tokens.indexedForms): `add` without
   * a Map per passage and without looking each key up (a form remembers its term number).
   */
  addForms(passage: number, forms: ArrayLike<TermForm>, n: number): void {
    if (++this.#generation === 0x7fffffff) {
      this.#mark.fill(0);
      this.#generation = 1;
    }
    const generation = this.#generation;
    if (this.#scratchIds.length < n) {
      this.#scratchIds = new Uint32Array(n * 2);
      this.#scratchTfs = new Uint32Array(n * 2);
    }
    const ids = this.#scratchIds;
    const tfs = this.#scratchTfs;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const f = forms[i];
      let t: number;
      if (f.termOwner === this.#termToken) t = f.termId!;
      else {
        t = this.termId(f.key);
        f.termOwner = this.#termToken;
        f.termId = t;
      }
      if (t >= this.#mark.length) {
        const mark = new Int32Array(Math.max(1024, this.#termCount * 2));
        mark.set(this.#mark);
        const pos = new Int32Array(mark.length);
        pos.set(this.#pos);
        freeNow(this.#mark, this.#pos);
        this.#mark = mark;
        this.#pos = pos;
      }
      if (this.#mark[t] === generation) tfs[this.#pos[t]]++;
      else {
        this.#mark[t] = generation;
        this.#pos[t] = m;
        ids[m] = t;
        tfs[m] = 1;
        m++;
      }
    }
    for (let j = 0; j < m; j++) this.#push(ids[j], passage, tfs[j]);
    this.#setLength(passage, n);
  }

  /** Identifies this index's term numbering in the forms that cache a term number. */
  #termToken: object = {};
  /** Per term: the addForms call that last saw it, and where its frequency is counted. */
  #mark: Int32Array = new Int32Array(0);
  #pos: Int32Array = new Int32Array(0);
  #generation = 0;
  #scratchIds: Uint32Array = new Uint32Array(256);
  #scratchTfs: Uint32Array = new Uint32Array(256);

  /** The term number of `key`, creating the term if needed. */
  termId(key: string): number {
    const t = this.#terms.get(key);
    return t >= 0 ? t : this.#addTerm(key);
  }

  /** A new term `key` with an empty list (term numbers and the term table stay in step). */
  #addTerm(key: string): number {
    const t = this.#newTerm();
    this.#terms.add(key);
    return t;
  }

  #setLength(passage: number, words: number): void {
    const length = Math.min(words, MAX_LENGTH);
    if (passage >= this.#lengths.length) this.#lengths = this.#lengthsFor(Math.max(passage + 1, this.#lengths.length * 2));
    if (passage > this.#lengthCount) this.#lengths.fill(REMOVED, this.#lengthCount, passage);
    const old = passage < this.#lengthCount ? this.#lengths[passage] : REMOVED;
    if (old !== REMOVED) {
      // Added twice: the new length replaces the old one.
      this.#live--;
      this.#totalLength -= old;
    }
    this.#lengths[passage] = length;
    if (passage >= this.#lengthCount) this.#lengthCount = passage + 1;
    if (length > this.#maxLength) this.#maxLength = length;
    this.#live++;
    this.#totalLength += length;
  }

  /** The length of a passage (-1: removed), or undefined for ids never added. */
  #length(id: number): number | undefined {
    if (id >= this.#lengthCount) return undefined;
    const l = this.#lengths[id];
    return l === REMOVED ? -1 : l;
  }

  /** This index's lengths in an array of `size` (the rest REMOVED); the old array is freed. */
  #lengthsFor(size: number): Uint16Array {
    const next = new Uint16Array(size);
    next.set(this.#lengths.subarray(0, Math.min(this.#lengthCount, size)));
    next.fill(REMOVED, Math.min(this.#lengthCount, size));
    freeNow(this.#lengths);
    return next;
  }

  #newTerm(): number {
    const t = this.#termCount++;
    if (t >= this.#block.length) {
      this.#block = grownU32(this.#block, t + 1);
      this.#offset = grownU32(this.#offset, t + 1);
      this.#bytes = grownU32(this.#bytes, t + 1);
      this.#room = grownU32(this.#room, t + 1);
      this.#count = grownU32(this.#count, t + 1);
      this.#last = grownU32(this.#last, t + 1);
    }
    this.#clearList(t);
    return t;
  }

  /** Term `t` with an empty list and no region. */
  #clearList(t: number): void {
    this.#block[t] = 0;
    this.#offset[t] = 0;
    this.#bytes[t] = 0;
    this.#room[t] = 0;
    this.#count[t] = 0;
    this.#last[t] = NONE;
  }

  #push(t: number, id: number, tf: number): void {
    const v = Math.min(tf, 65535);
    const last = this.#last[t];
    if (last !== NONE && id <= last) {
      this.#insert(t, id, v);
      return;
    }
    if (this.#bytes[t] + MAX_POSTING > this.#room[t]) this.#grow(t, this.#bytes[t] + MAX_POSTING);
    const buf = this.#blocks[this.#block[t]]!;
    const at = this.#offset[t] + this.#bytes[t];
    this.#bytes[t] += encodePosting(buf, at, last, id, v) - at;
    this.#last[t] = id;
    this.#count[t]++;
  }

  /** Adds a posting whose id is not above the list's last (rare: a passage id added again). */
  #insert(t: number, id: number, tf: number): void {
    const ids: number[] = [];
    const tfs: number[] = [];
    let placed = false;
    this.#each(t, (pid, ptf) => {
      if (!placed && pid >= id) {
        ids.push(id);
        tfs.push(tf);
        placed = true;
        if (pid === id) return;
      }
      ids.push(pid);
      tfs.push(ptf);
    });
    if (!placed) {
      ids.push(id);
      tfs.push(tf);
    }
    this.#release(t);
    this.#setList(t, ids, tfs);
  }

  /** Calls `fn` for each posting of term `t`, in id order. */
  #each(t: number, fn: (id: number, tf: number) => void): void {
    const n = this.#bytes[t];
    if (n === 0) return;
    const off = this.#offset[t];
    forEachPosting(this.#blocks[this.#block[t]]!, off, off + n, fn);
  }

  /** A free region of `size` bytes (a size class) in the shared blocks, as [block, offset]. */
  #allocate(size: number): [number, number] {
    const free = this.#free[classOf(size)];
    if (free.length > 0) {
      const off = free.pop()!;
      return [free.pop()!, off];
    }
    if (this.#slabUsed + size > BLOCK) {
      this.#slab = this.#newBlock(this.#make(BLOCK));
      this.#slabUsed = 0;
    }
    const off = this.#slabUsed;
    this.#slabUsed += size;
    return [this.#slab, off];
  }

  /** A new block of `size` bytes, which this index may free. */
  #make(size: number): Uint8Array {
    const b = new Uint8Array(size);
    this.#made.add(b);
    return b;
  }

  #newBlock(b: Uint8Array): number {
    this.#blocks.push(b);
    return this.#blocks.length - 1;
  }

  /** Gives back term `t`'s region (a slab region is reused; an own block is dropped). */
  #release(t: number): void {
    const room = this.#room[t];
    if (room === 0) return;
    const small = room <= MAX_SMALL && (room & (room - 1)) === 0 && this.#isSlab(this.#block[t]);
    if (small) this.#free[classOf(room)].push(this.#block[t], this.#offset[t]);
    else if (this.#blocks[this.#block[t]]?.length === room && this.#offset[t] === 0) {
      const b = this.#blocks[this.#block[t]]!;
      if (this.#made.has(b)) freeNow(b);
      this.#blocks[this.#block[t]] = undefined;
    }
    this.#clearList(t);
  }

  /** Whether block `b` is a shared slab block (regions of several lists). */
  #isSlab(b: number): boolean {
    return this.#blocks[b]?.length === BLOCK && !this.#own.has(b);
  }

  /** Blocks that belong to one list only (long lists, or a packed index's postings). */
  readonly #own = new Set<number>();

  /** Moves term `t`'s postings to a region with room for at least `need` bytes. */
  #grow(t: number, need: number): void {
    const used = this.#bytes[t];
    const oldBuf = this.#room[t] > 0 ? this.#blocks[this.#block[t]] : undefined;
    const oldOff = this.#offset[t];
    let size = 1 << MIN_CLASS_BITS;
    while (size < need || size < this.#room[t] * 2) size *= 2;
    let block: number;
    let off: number;
    this.#exact = false;
    if (size > MAX_SMALL) {
      block = this.#newBlock(this.#make(size));
      this.#own.add(block);
      off = 0;
    } else [block, off] = this.#allocate(size);
    const buf = this.#blocks[block]!;
    if (oldBuf && used > 0) buf.set(oldBuf.subarray(oldOff, oldOff + used), off);
    // Release the old region (keeping the list's counters).
    const count = this.#count[t];
    const last = this.#last[t];
    this.#release(t);
    this.#block[t] = block;
    this.#offset[t] = off;
    this.#bytes[t] = used;
    this.#room[t] = size;
    this.#count[t] = count;
    this.#last[t] = last;
  }

  /** Gives the empty term `t` the postings `ids`/`tfs` (ascending ids). */
  #setList(t: number, ids: ArrayLike<number>, tfs: ArrayLike<number>): void {
    for (let i = 0; i < ids.length; i++) this.#push(t, ids[i], tfs[i]);
  }

  /** Removes passages; their postings are skipped at query time and compacted when many pile up. */
  remove(passages: Iterable<number>): void {
    for (const id of passages) {
      const len = this.#length(id);
      if (len === undefined || len < 0) continue;
      this.#lengths[id] = REMOVED;
      this.#live--;
      this.#totalLength -= len;
      this.#deleted++;
    }
    if (this.#deleted > 1000 && this.#deleted > this.#live) this.#compact();
  }

  /** Number of live passages containing `key`. */
  df(key: string): number {
    const t = this.#terms.get(key);
    if (t < 0) return 0;
    const n = this.#count[t];
    if (this.#deleted === 0 || n === 0) return n;
    let live = 0;
    const lengths = this.#lengths;
    this.#each(t, (id) => {
      if (lengths[id] !== REMOVED) live++;
    });
    return live;
  }

  idf(key: string): number {
    const n = this.df(key);
    return Math.log(1 + (this.#live - n + 0.5) / (n + 0.5));
  }

  /** `K1 * (1 - B + (B * len) / avg)` for every length up to the longest passage. */
  #normFor(avg: number): Float64Array {
    if (this.#normAvg !== avg || this.#norm.length <= this.#maxLength) {
      const norm = this.#norm.length > this.#maxLength ? this.#norm : new Float64Array(this.#maxLength + 1);
      for (let len = 0; len < norm.length; len++) norm[len] = K1 * (1 - B + (B * len) / avg);
      this.#norm = norm;
      this.#normAvg = avg;
    }
    return this.#norm;
  }

  search(keys: readonly string[], opts: SearchOptions): Hit[] {
    let unique = [...new Set(keys)].filter((k) => this.#terms.get(k) >= 0);
    if (opts.maxTerms && unique.length > opts.maxTerms) {
      unique = unique.sort((a, b) => this.#count[this.#terms.get(a)] - this.#count[this.#terms.get(b)]).slice(0, opts.maxTerms);
    }
    const avg = this.#live > 0 ? this.#totalLength / this.#live : 1;
    const scores = this.#scores;
    const touched = this.#touched;
    const lengths = this.#lengths;
    const norm = this.#normFor(avg);
    const filter = opts.filter;
    const k1p1 = K1 + 1;
    // Per query term: its list, where decoding stands in it, and the last id decoded.
    const idfs: number[] = [];
    const bufs: Uint8Array[] = [];
    const at: number[] = [];
    const ends: number[] = [];
    const ids: number[] = [];
    for (const k of unique) {
      const t = this.#terms.get(k);
      const n = this.#bytes[t];
      if (n === 0) continue;
      idfs.push(this.idf(k));
      bufs.push(this.#blocks[this.#block[t]]!);
      at.push(this.#offset[t]);
      ends.push(this.#offset[t] + n);
      ids.push(-1);
    }
    const hits: Hit[] = [];
    // Passages are scored a window of ids at a time, each term's postings in turn (query order,
    // so every passage's sum is built in the same order as over the whole corpus at once, and is
    // bit-identical): the score table covers a window, not the corpus (14 MB less at 10,000
    // documents), and stays in the processor's cache. A zero score marks a passage not scored
    // yet in this window (every score is positive); `touched` lists the scored ones.
    for (let base = 0; base < this.#lengthCount; base += WINDOW) {
      const limitId = base + WINDOW;
      let nTouched = 0;
      let any = false;
      for (let q = 0; q < idfs.length; q++) {
        let id = ids[q];
        const buf = bufs[q];
        const idf = idfs[q];
        let p = at[q];
        const end = ends[q];
        while (p < end) {
          const at0 = p;
          const before = id;
          let b = buf[p++];
          let v = b & 127;
          if (b >= 128) {
            b = buf[p++];
            v |= (b & 127) << 7;
            if (b >= 128) {
              b = buf[p++];
              v |= (b & 127) << 14;
              if (b >= 128) {
                b = buf[p++];
                v |= (b & 127) << 21;
                if (b >= 128) {
                  b = buf[p++];
                  v += (b & 127) * 268435456;
                  if (b >= 128) {
                    b = buf[p++];
                    v += (b & 127) * 34359738368;
                  }
                }
              }
            }
          }
          const more = v % 2;
          id += (v - more) / 2 + 1;
          let tf = 1;
          if (more === 1) {
            b = buf[p++];
            tf = b & 127;
            if (b >= 128) {
              b = buf[p++];
              tf |= (b & 127) << 7;
              if (b >= 128) {
                b = buf[p++];
                tf |= (b & 127) << 14;
              }
            }
            tf += 2;
          }
          if (id >= limitId) {
            // It belongs to a later window: read it again from there.
            p = at0;
            id = before;
            break;
          }
          const len = lengths[id];
          if (len === REMOVED) continue;
          if (filter && !filter(id)) continue;
          const s = (idf * tf * k1p1) / (tf + norm[len]);
          const w = id - base;
          if (scores[w] === 0) touched[nTouched++] = w;
          scores[w] += s;
        }
        at[q] = p;
        ids[q] = id;
        if (p < end) any = true;
      }
      offerHits(hits, scores, touched, nTouched, base, opts.limit);
      for (let i = 0; i < nTouched; i++) scores[touched[i]] = 0;
      if (!any) break;
    }
    return hits;
  }

  /** Rebuilds the postings without removed passages (and without terms left with none). */
  #compact(): void {
    const next = new Bm25Index();
    const lengths = this.#lengths;
    for (let t = 0; t < this.#termCount; t++) {
      const ids: number[] = [];
      const tfs: number[] = [];
      this.#each(t, (id, tf) => {
        if (lengths[id] === REMOVED) return;
        ids.push(id);
        tfs.push(tf);
      });
      if (ids.length === 0) continue;
      next.#setList(next.#addTerm(this.#terms.key(t)), ids, tfs);
    }
    this.#adoptPostings(next);
    this.#deleted = 0;
  }

  #adoptPostings(from: Bm25Index): void {
    for (const b of this.#blocks) if (b && this.#made.has(b)) freeNow(b);
    freeNow(this.#block, this.#offset, this.#bytes, this.#room, this.#count, this.#last);
    // Term numbers change: forms must look their term up again.
    this.#termToken = {};
    this.#terms = from.#terms;
    this.#termCount = from.#termCount;
    this.#block = from.#block;
    this.#offset = from.#offset;
    this.#bytes = from.#bytes;
    this.#room = from.#room;
    this.#count = from.#count;
    this.#last = from.#last;
    this.#blocks = from.#blocks;
    this.#slab = from.#slab;
    this.#slabUsed = from.#slabUsed;
    this.#free = from.#free;
    this.#made = from.#made;
    this.#exact = from.#exact;
    this.#own.clear();
    for (const b of from.#own) this.#own.add(b);
  }

  toSnapshot(): Bm25Snapshot {
    this.#compact();
    const terms: string[] = [];
    const postings: Array<[number[], number[]]> = [];
    for (let t = 0; t < this.#termCount; t++) {
      terms.push(this.#terms.key(t));
      const ids: number[] = [];
      const tfs: number[] = [];
      this.#each(t, (id, tf) => {
        ids.push(id);
        tfs.push(tf);
      });
      postings.push([ids, tfs]);
    }
    const deleted: number[] = [];
    const lengths: number[] = new Array(this.#lengthCount);
    for (let i = 0; i < this.#lengthCount; i++) {
      const l = this.#lengths[i];
      if (l === REMOVED) deleted.push(i);
      lengths[i] = l === REMOVED ? 0 : l;
    }
    return { terms, postings, lengths, deleted };
  }

  static fromSnapshot(s: Bm25Snapshot): Bm25Index {
    const index = new Bm25Index();
    s.terms.forEach((k, i) => {
      const [ids, tfs] = s.postings[i];
      const t = index.#addTerm(k);
      // Lists are kept in id order.
      const order = ids.map((_, j) => j).sort((a, b) => ids[a] - ids[b]);
      index.#setList(
        t,
        order.map((j) => ids[j]),
        order.map((j) => tfs[j]),
      );
    });
    const dead = new Set(s.deleted);
    const lengths = new Uint16Array(Math.max(1024, s.lengths.length)).fill(REMOVED);
    s.lengths.forEach((l, i) => (lengths[i] = dead.has(i) ? REMOVED : Math.min(l, MAX_LENGTH)));
    index.#adoptLengths(lengths, s.lengths.length);
    return index;
  }

  #adoptLengths(lengths: Uint16Array, count: number): void {
    this.#lengths = lengths;
    this.#lengthCount = count;
    this.#live = 0;
    this.#totalLength = 0;
    this.#deleted = 0;
    this.#maxLength = 0;
    for (let i = 0; i < count; i++) {
      const l = lengths[i];
      if (l !== REMOVED) {
        this.#live++;
        this.#totalLength += l;
        if (l > this.#maxLength) this.#maxLength = l;
      } else this.#deleted++;
    }
  }

  /**
   * The index as typed arrays. With `compact`, removed passages are dropped from the lists and
   * all lists are copied into one block (for a file); otherwise the arrays are shared with this
   * index (for handing it to another thread: the index must not be used afterwards).
   */
  pack(compact = false): PackedIndex {
    if (compact && this.#deleted > 0) this.#compact();
    const n = this.#termCount;
    const terms = this.#terms.keys();
    if (!compact) {
      return {
        terms,
        block: this.#block.subarray(0, n),
        offset: this.#offset.subarray(0, n),
        bytes: this.#bytes.subarray(0, n),
        count: this.#count.subarray(0, n),
        last: this.#last.subarray(0, n),
        blocks: this.#blocks.map((b) => b ?? new Uint8Array(0)),
        lengths: this.#lengths.subarray(0, this.#lengthCount),
      };
    }
    let total = 0;
    for (let t = 0; t < n; t++) total += this.#bytes[t];
    const out = new Uint8Array(total);
    const offset = new Uint32Array(n);
    let at = 0;
    for (let t = 0; t < n; t++) {
      const b = this.#bytes[t];
      offset[t] = at;
      if (b > 0) out.set(this.#blocks[this.#block[t]]!.subarray(this.#offset[t], this.#offset[t] + b), at);
      at += b;
    }
    return {
      terms,
      block: new Uint32Array(n),
      offset,
      bytes: this.#bytes.slice(0, n),
      count: this.#count.slice(0, n),
      last: this.#last.slice(0, n),
      blocks: [out],
      lengths: this.#lengths.slice(0, this.#lengthCount),
    };
  }

  /** An index over the arrays of `pack` (taken over, not copied). */
  static fromPacked(p: PackedIndex): Bm25Index {
    const n = p.terms.length;
    if (p.block.length !== n || p.offset.length !== n || p.bytes.length !== n || p.count.length !== n || p.last.length !== n) throw new Error('malformed packed index');
    const index = new Bm25Index();
    const terms = TermTable.from(p.terms);
    if (!terms) throw new Error('malformed packed index: repeated terms');
    index.#terms = terms;
    index.#termCount = n;
    const cap = Math.max(1024, n);
    const copy = (a: Uint32Array) => {
      const b = new Uint32Array(cap);
      b.set(a);
      return b;
    };
    index.#block = copy(p.block);
    index.#offset = copy(p.offset);
    index.#bytes = copy(p.bytes);
    // A list taken over has no spare room: its first new posting moves it to a region of its own.
    index.#room = copy(p.bytes);
    index.#count = copy(p.count);
    index.#last = copy(p.last);
    index.#blocks = [...p.blocks];
    for (let b = 0; b < p.blocks.length; b++) index.#own.add(b);
    for (let t = 0; t < n; t++) {
      const blk = p.blocks[p.block[t]];
      if (p.bytes[t] > 0 && (!blk || p.offset[t] + p.bytes[t] > blk.length)) throw new Error('malformed packed index: list out of bounds');
    }
    const lengths = new Uint16Array(Math.max(1024, p.lengths.length)).fill(REMOVED);
    lengths.set(p.lengths);
    index.#adoptLengths(lengths, p.lengths.length);
    return index;
  }

  /**
   * Appends the lists of another packed index whose passage ids are shifted by `base` (all above
   * this index's ids): a shard built elsewhere joins this index.
   */
  append(p: PackedIndex, base: number): void {
    this.appendAll([p], [base]);
  }

  /**
   * Appends the lists of other packed indexes (shards built elsewhere, in order), part `k`'s
   * passage ids shifted by `bases[k]`, and leaves every list in one block of exactly the bytes
   * they take. Only the first posting of each appended list is encoded again; the rest of its
   * bytes are copied once, straight to their final place (appending and then shrinking moved
   * them twice, and the lists grown in between took 13 MB more at 10,000 documents).
   */
  appendAll(parts: readonly PackedIndex[], bases: readonly number[]): void {
    let ids = this.#lengthCount;
    parts.forEach((p, k) => {
      if (!(bases[k] >= ids)) throw new Error('appended passages must come after the existing ones');
      ids = bases[k] + p.lengths.length;
    });
    // Term numbers: a part's term with postings takes this index's number for it, or the next one.
    const termsOf = parts.map((p) => {
      const map = new Int32Array(p.terms.length);
      for (let st = 0; st < p.terms.length; st++) map[st] = p.bytes[st] === 0 ? -1 : this.termId(p.terms[st]);
      return map;
    });
    const n = this.#termCount;
    // The bytes of each list once joined.
    const size = this.#bytes.slice(0, n);
    const last = this.#last.slice(0, n);
    parts.forEach((p, k) => {
      const map = termsOf[k];
      for (let st = 0; st < map.length; st++) {
        const t = map[st];
        if (t < 0) continue;
        const from = p.offset[st];
        readFirstPosting(p.blocks[p.block[st]], from);
        size[t] += postingLength(last[t], FIRST.id + bases[k], FIRST.tf) + from + p.bytes[st] - FIRST.rest;
        last[t] = p.last[st] + bases[k];
      }
    });
    const offset = new Uint32Array(n);
    let total = 0;
    for (let t = 0; t < n; t++) {
      offset[t] = total;
      total += size[t];
    }
    const out = new Uint8Array(total);
    const count = this.#count.slice(0, n);
    // This index's lists first, then each part's after them.
    const at = offset.slice();
    for (let t = 0; t < n; t++) {
      const b = this.#bytes[t];
      if (b > 0) out.set(this.#blocks[this.#block[t]]!.subarray(this.#offset[t], this.#offset[t] + b), at[t]);
      at[t] += b;
      last[t] = this.#last[t];
    }
    parts.forEach((p, k) => {
      const map = termsOf[k];
      for (let st = 0; st < map.length; st++) {
        const t = map[st];
        if (t < 0) continue;
        const src = p.blocks[p.block[st]];
        const from = p.offset[st];
        readFirstPosting(src, from);
        const rest = from + p.bytes[st] - FIRST.rest;
        const next = encodePosting(out, at[t], last[t], FIRST.id + bases[k], FIRST.tf);
        out.set(src.subarray(FIRST.rest, FIRST.rest + rest), next);
        at[t] = next + rest;
        count[t] += p.count[st];
        last[t] = p.last[st] + bases[k];
      }
    });
    this.#adoptOneBlock(out, offset, size, count, last);
    // Passage lengths, sized to the passages there are.
    const lengths = this.#lengthsFor(ids + 1024);
    parts.forEach((p, k) => lengths.set(p.lengths, bases[k]));
    this.#adoptLengths(lengths, ids);
  }

  /**
   * Makes `out` the only block, holding every list (term `t` at `offset[t]`, `bytes[t]` long) with
   * no room to spare. The blocks this index allocated before are freed.
   */
  #adoptOneBlock(out: Uint8Array, offset: Uint32Array, bytes: Uint32Array, count: Uint32Array, last: Uint32Array): void {
    for (const b of this.#blocks) if (b && this.#made.has(b)) freeNow(b);
    freeNow(this.#block, this.#offset, this.#bytes, this.#room, this.#count, this.#last);
    const n = this.#termCount;
    this.#block = new Uint32Array(Math.max(1024, n));
    this.#offset = offset;
    this.#bytes = bytes;
    // A list has no room: its first new posting moves it to a region of its own.
    this.#room = bytes.slice();
    this.#count = count;
    this.#last = last;
    this.#blocks = [out];
    this.#own.clear();
    this.#own.add(0);
    this.#made = new WeakSet([out]);
    this.#slab = -1;
    this.#slabUsed = BLOCK;
    this.#free = Array.from({ length: CLASSES }, () => []);
    this.#exact = true;
    if (this.#block.length > n) {
      // Room for new terms (the other arrays grow as terms are added).
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(this.#block.length);
        b.set(a);
        return b;
      };
      this.#offset = grow(this.#offset);
      this.#bytes = grow(this.#bytes);
      this.#room = grow(this.#room);
      this.#count = grow(this.#count);
      this.#last = grow(this.#last);
    }
  }

  /** Drops removed passages from the lists now (not only once many pile up). */
  compact(): void {
    if (this.#deleted > 0) this.#compact();
  }

  /**
   * Moves every list into one block of exactly the bytes they take, freeing the room that
   * doubling left (after a bulk build, more than half of the postings' memory). A list that
   * grows later moves to a region of its own, as after fromPacked.
   */
  shrink(): void {
    this.compact();
    if (!this.#exact) this.appendAll([], []);
    // The passage lengths grew by doubling too.
    if (this.#lengths.length > this.#lengthCount + 1024) this.#lengths = this.#lengthsFor(this.#lengthCount + 1024);
    // Scratch of addForms, sized to the terms met while building; it grows again if needed.
    freeNow(this.#mark, this.#pos);
    this.#mark = new Int32Array(0);
    this.#pos = new Int32Array(0);
  }

  /** Bytes held by the postings and passage lengths (for measurements). */
  get byteSize(): number {
    let n = this.#lengths.byteLength;
    for (const b of this.#blocks) n += b?.byteLength ?? 0;
    return n + this.#block.byteLength * 6;
  }
}

/**
 * Adds to `best` (the `limit` best hits so far, score desc then passage asc) those of the touched
 * passages of a window whose first id is `base` that belong there.
 */
function offerHits(best: Hit[], scores: Float64Array, touched: Uint32Array, n: number, base: number, limit: number): void {
  if (limit <= 0) return;
  const better = (a: Hit, score: number, passage: number): boolean => score > a.score || (score === a.score && passage < a.passage);
  for (let i = 0; i < n; i++) {
    const passage = base + touched[i];
    const score = scores[touched[i]];
    if (best.length === limit && !better(best[limit - 1], score, passage)) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (better(best[mid], score, passage)) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, { passage, score });
    if (best.length > limit) best.pop();
  }
}
