import { freeNow, resizedU32 } from '../buffers';

/**
 * The terms of an index, numbered 0, 1, 2... in the order they were added: their UTF-16 code
 * units one after the other in a typed array, and an open-addressing hash table of term numbers
 * over them. A Map from term strings took a hash table and a string on the JavaScript heap for
 * each term (6 MB at 10,000 documents, in every index thread), and the heap grows by half again
 * what it holds; this takes about 20 bytes a term, outside the heap.
 */
export class TermTable {
  /** Code units of every term; term `t` is `units[start[t] .. start[t + 1])`. */
  #units: Uint16Array = new Uint16Array(4096);
  #start: Uint32Array = new Uint32Array(1024);
  #hash: Uint32Array = new Uint32Array(1024);
  /** Term numbers by hash (-1: empty); at most half full, so probes stay short. */
  #slots: Int32Array = new Int32Array(2048).fill(-1);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The number of term `key`, or -1. */
  get(key: string): number {
    const h = hashOf(key);
    const mask = this.#slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const t = this.#slots[i];
      if (t < 0) return -1;
      if (this.#hash[t] === h && this.#equals(t, key)) return t;
    }
  }

  /** Adds `key` (which must not be there yet) as the next term number, and returns that. */
  add(key: string): number {
    const t = this.#size++;
    if (t + 2 > this.#start.length) {
      this.#start = resizedU32(this.#start, this.#start.length * 2);
      this.#hash = resizedU32(this.#hash, this.#start.length);
    }
    const from = this.#start[t];
    if (from + key.length > this.#units.length) {
      const units = new Uint16Array(Math.max(from + key.length, this.#units.length * 2));
      units.set(this.#units.subarray(0, from));
      freeNow(this.#units);
      this.#units = units;
    }
    for (let i = 0; i < key.length; i++) this.#units[from + i] = key.charCodeAt(i);
    this.#start[t + 1] = from + key.length;
    const h = hashOf(key);
    this.#hash[t] = h;
    if (2 * this.#size > this.#slots.length) this.#rehash(this.#slots.length * 2);
    else this.#place(t, h);
    return t;
  }

  /** The text of term `t`. */
  key(t: number): string {
    return String.fromCharCode.apply(null, this.#units.subarray(this.#start[t], this.#start[t + 1]) as unknown as number[]);
  }

  /** Every term, by number. */
  keys(): string[] {
    const out: string[] = new Array(this.#size);
    for (let t = 0; t < this.#size; t++) out[t] = this.key(t);
    return out;
  }

  /** A table of `keys`, numbered in order; null if a key repeats. */
  static from(keys: readonly string[]): TermTable | null {
    const table = new TermTable();
    for (const k of keys) {
      if (table.get(k) >= 0) return null;
      table.add(k);
    }
    return table;
  }

  /** Bytes held (for measurements). */
  get byteSize(): number {
    return this.#units.byteLength + this.#start.byteLength + this.#hash.byteLength + this.#slots.byteLength;
  }

  #equals(t: number, key: string): boolean {
    const from = this.#start[t];
    if (this.#start[t + 1] - from !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.#units[from + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  #place(t: number, h: number): void {
    const mask = this.#slots.length - 1;
    let i = h & mask;
    while (this.#slots[i] >= 0) i = (i + 1) & mask;
    this.#slots[i] = t;
  }

  #rehash(slots: number): void {
    freeNow(this.#slots);
    this.#slots = new Int32Array(slots).fill(-1);
    for (let t = 0; t < this.#size; t++) this.#place(t, this.#hash[t]);
  }
}

/** FNV-1a over the code units of `s`. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
