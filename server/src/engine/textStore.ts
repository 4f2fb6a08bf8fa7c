import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { freeNow, grownU32 } from './buffers';

/**
 * The texts of a corpus, kept as (deflated) UTF-8 in a few large buffers instead of as JavaScript
 * strings.
 *
 * A string with a single character outside Latin-1 (a dash, a curly quote, a euro sign: most news
 * text) takes two bytes per character in V8; UTF-8 takes one for the ASCII that makes up nearly
 * all of it, and large buffers have no per-object overhead. Texts are decoded when asked for; the
 * most recently used ones stay decoded (a bounded cache), since checking a claim reads the same
 * few sources many times.
 */

/** A chunk of texts put out of memory (see `ChunkFiles`): `length` bytes at `position` of `fd`. */
export interface FileChunk {
  fd: number;
  position: number;
  length: number;
}

/**
 * Where a store puts its full chunks out of memory, and reads them back. The engine does no I/O
 * itself: the program sets `TextStore.files` (corpus/spillFile.ts) for the stores of its thread.
 * File chunks are plain data, so they cross threads; descriptors are shared by the process.
 */
export interface ChunkFiles {
  /** Where `bytes` went; the bytes themselves when they could not go out of memory. */
  write(bytes: Uint8Array): TextChunk;
  read(chunk: FileChunk, offset: number, length: number): Uint8Array;
}

export type TextChunk = Uint8Array | FileChunk;

export const inMemory = (c: TextChunk): c is Uint8Array => c instanceof Uint8Array;

/** The bytes of a chunk, read back if it is out of memory. */
export function chunkBytes(c: TextChunk): Uint8Array {
  if (inMemory(c)) return c;
  if (!TextStore.files) throw new Error('texts out of memory, and no way to read them');
  return TextStore.files.read(c, 0, c.length);
}

/** Texts as typed arrays: what `pack` gives and `absorb` takes. */
export interface PackedTexts {
  chunks: TextChunk[];
  /** Per slot: chunk (-1: no text), byte offset, byte length, length in UTF-16 code units. */
  chunk: Int32Array;
  offset: Uint32Array;
  bytes: Uint32Array;
  chars: Uint32Array;
  /** Per slot: 0 for UTF-8, 1 for deflated UTF-8. */
  kind: Uint8Array;
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

export class TextStore {
  /** Bytes per chunk (a text longer than a quarter of it gets a chunk of its own). */
  static chunkBytes = 1 << 20;
  /** Decoded texts kept (in UTF-16 code units, over all cached texts). */
  static cacheChars = 4_000_000;
  /**
   * Where full chunks go (none: they stay in memory). With 10,000 documents the deflated texts
   * are 40 MB that a check reads a few kilobytes of at a time: out of memory, they cost a read
   * from the page cache on a decode-cache miss.
   */
  static files: ChunkFiles | undefined;
  /**
   * Deflate texts (when it saves a tenth or more). News text deflates about 2.8× at zlib's
   * fastest level, and decoding a 10 KB text takes about 50 µs (a cache miss only): at 10,000
   * documents this is 65 MB less memory for a full check a few percent slower (README, benchmark).
   */
  static compress = true;

  /** In-memory chunks are Buffers; full ones may have gone to `TextStore.files`. */
  #chunks: Array<Buffer | FileChunk> = [];
  /** The chunk being filled and how much of it is used. */
  #current = -1;
  #currentUsed = 0;
  #chunk: Int32Array = new Int32Array(256).fill(-1);
  #offset: Uint32Array = new Uint32Array(256);
  #bytes: Uint32Array = new Uint32Array(256);
  #chars: Uint32Array = new Uint32Array(256);
  /** Per slot: 0 for UTF-8, 1 for deflated UTF-8. */
  #kind: Uint8Array = new Uint8Array(256);
  #slots = 0;
  #liveBytes = 0;
  #totalBytes = 0;
  /** Recently decoded texts, least recently used first. */
  #cache = new Map<number, string>();
  #cachedChars = 0;

  #reserve(slots: number): void {
    if (slots <= this.#chunk.length) return;
    const n = Math.max(slots, this.#chunk.length * 2);
    const chunk = new Int32Array(n).fill(-1);
    chunk.set(this.#chunk);
    this.#chunk = chunk;
    this.#offset = grownU32(this.#offset, n);
    this.#bytes = grownU32(this.#bytes, n);
    this.#chars = grownU32(this.#chars, n);
    const kind = new Uint8Array(n);
    kind.set(this.#kind);
    this.#kind = kind;
  }

  /** Stores the text of a new slot. */
  put(slot: number, text: string): void {
    this.#reserve(slot + 1);
    if (this.#chunk[slot] >= 0) this.remove(slot);
    if (TextStore.compress) {
      const raw = Buffer.from(text, 'utf8');
      const z = deflateRawSync(raw, { level: 1 });
      if (z.length < raw.length * 0.9) {
        this.#store(slot, z, text.length, 1);
        return;
      }
      this.#store(slot, raw, text.length, 0);
      return;
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    const [chunk, offset] = this.#room(bytes);
    (this.#chunks[chunk] as Buffer).write(text, offset, bytes, 'utf8');
    this.#place(slot, chunk, offset, bytes, text.length, 0);
    this.#spillIfAlone(chunk);
  }

  /** Stores bytes (UTF-8 or deflated UTF-8) as the text of a slot. */
  #store(slot: number, data: Uint8Array, chars: number, kind: number): void {
    const [chunk, offset] = this.#room(data.length);
    (this.#chunks[chunk] as Buffer).set(data, offset);
    this.#place(slot, chunk, offset, data.length, chars, kind);
    this.#spillIfAlone(chunk);
  }

  /** A long text's own chunk is full at once. */
  #spillIfAlone(chunk: number): void {
    if (chunk !== this.#current) this.#spill(chunk);
  }

  /** Puts chunk `i` out of memory, if the program gave a place for it. */
  #spill(i: number): void {
    const c = this.#chunks[i];
    const files = TextStore.files;
    if (!files || !inMemory(c) || c.length === 0) return;
    const out = files.write(c);
    if (!inMemory(out)) {
      this.#chunks[i] = out;
      freeNow(c);
    }
  }

  #place(slot: number, chunk: number, offset: number, bytes: number, chars: number, kind: number): void {
    this.#chunk[slot] = chunk;
    this.#offset[slot] = offset;
    this.#bytes[slot] = bytes;
    this.#chars[slot] = chars;
    this.#kind[slot] = kind;
    this.#slots = Math.max(this.#slots, slot + 1);
    this.#liveBytes += bytes;
    this.#totalBytes += bytes;
  }

  /** Room for `bytes` bytes: a chunk and an offset in it. */
  #room(bytes: number): [number, number] {
    if (bytes > TextStore.chunkBytes / 4) {
      this.#chunks.push(Buffer.allocUnsafeSlow(bytes));
      return [this.#chunks.length - 1, 0];
    }
    if (this.#current < 0 || this.#currentUsed + bytes > TextStore.chunkBytes) {
      this.#closeCurrent();
      this.#chunks.push(Buffer.allocUnsafeSlow(TextStore.chunkBytes));
      this.#current = this.#chunks.length - 1;
      this.#currentUsed = 0;
    }
    const offset = this.#currentUsed;
    this.#currentUsed += bytes;
    return [this.#current, offset];
  }

  /** The text of a slot ('' for a slot without one). */
  get(slot: number): string {
    const cached = this.#cache.get(slot);
    if (cached !== undefined) {
      // Most recently used last.
      this.#cache.delete(slot);
      this.#cache.set(slot, cached);
      return cached;
    }
    const chunk = slot < this.#slots ? this.#chunk[slot] : -1;
    if (chunk < 0) return '';
    let stored: Uint8Array;
    try {
      stored = this.#stored(slot);
    } catch {
      // A chunk that cannot be read back (its file gone): the text is lost, the rest still works.
      return '';
    }
    const text = (this.#kind[slot] === 1 ? inflateRawSync(stored) : asBuffer(stored)).toString('utf8');
    this.#cache.set(slot, text);
    this.#cachedChars += text.length;
    if (this.#cachedChars > TextStore.cacheChars) {
      for (const [s, t] of this.#cache) {
        if (this.#cachedChars <= TextStore.cacheChars / 2) break;
        this.#cache.delete(s);
        this.#cachedChars -= t.length;
      }
    }
    return text;
  }

  /** Length of a slot's text in UTF-16 code units. */
  length(slot: number): number {
    return slot < this.#slots && this.#chunk[slot] >= 0 ? this.#chars[slot] : 0;
  }

  remove(slot: number): void {
    if (slot >= this.#slots || this.#chunk[slot] < 0) return;
    this.#liveBytes -= this.#bytes[slot];
    this.#chunk[slot] = -1;
    const cached = this.#cache.get(slot);
    if (cached !== undefined) {
      this.#cache.delete(slot);
      this.#cachedChars -= cached.length;
    }
    // Removed texts leave holes; once they are most of the store, the live texts move together.
    if (this.#totalBytes > TextStore.chunkBytes && this.#liveBytes < this.#totalBytes / 2) this.#compact();
  }

  #compact(): void {
    const packed = this.pack(this.#slots, true);
    this.#chunks = packed.chunks.map((c) => (inMemory(c) ? asBuffer(c) : c));
    // New texts go into a new chunk.
    this.#current = -1;
    this.#chunk.set(packed.chunk);
    this.#offset.set(packed.offset);
    this.#totalBytes = this.#liveBytes;
  }

  /**
   * Ends the chunk being filled: its used part goes out of memory if it can, or is cut to size
   * (it would be sent or kept whole otherwise).
   */
  #closeCurrent(): void {
    const i = this.#current;
    if (i < 0) return;
    this.#current = -1;
    const c = this.#chunks[i] as Buffer;
    const used = c.subarray(0, this.#currentUsed);
    const out = TextStore.files && used.length > 0 ? TextStore.files.write(used) : undefined;
    if (out && !inMemory(out)) this.#chunks[i] = out;
    else if (this.#currentUsed < c.length) {
      const cut = Buffer.allocUnsafeSlow(used.length);
      used.copy(cut);
      this.#chunks[i] = cut;
    } else return;
    freeNow(c);
  }

  /** The stored bytes of a slot (deflated or not). */
  #stored(slot: number): Uint8Array {
    const c = this.#chunks[this.#chunk[slot]];
    const offset = this.#offset[slot];
    return inMemory(c) ? c.subarray(offset, offset + this.#bytes[slot]) : TextStore.files!.read(c, offset, this.#bytes[slot]);
  }

  /**
   * The texts of slots `[0, slots)` as typed arrays. With `compact`, removed texts are dropped
   * (the live ones copied into new chunks, which go out of memory as they fill, if any text was
   * removed); otherwise the chunks are shared with this store.
   */
  pack(slots: number, compact: boolean): PackedTexts {
    this.#reserve(slots);
    // Without removed texts there is nothing to compact: the chunks are shared (not copied).
    if (!compact || this.#liveBytes === this.#totalBytes) {
      this.#closeCurrent();
      return {
        chunks: [...this.#chunks],
        chunk: this.#chunk.subarray(0, slots),
        offset: this.#offset.subarray(0, slots),
        bytes: this.#bytes.subarray(0, slots),
        chars: this.#chars.subarray(0, slots),
        kind: this.#kind.subarray(0, slots),
      };
    }
    const chunks: TextChunk[] = [];
    const chunk = new Int32Array(slots).fill(-1);
    const offset = new Uint32Array(slots);
    let out: Buffer | undefined;
    let at = 0;
    const finish = () => {
      if (!out) return;
      const full = at < out.length ? out.subarray(0, at) : out;
      // In memory, a partly filled chunk is cut to size (a view would keep all of it).
      const written = TextStore.files?.write(full);
      if (written && !inMemory(written)) {
        chunks.push(written);
        freeNow(out);
      } else if (full === out) chunks.push(out);
      else {
        chunks.push(Buffer.from(full));
        freeNow(out);
      }
      out = undefined;
    };
    for (let s = 0; s < slots; s++) {
      if (this.#chunk[s] < 0) continue;
      const n = this.#bytes[s];
      if (out && at + n > out.length) finish();
      if (!out) {
        out = Buffer.allocUnsafeSlow(Math.max(TextStore.chunkBytes, n));
        at = 0;
      }
      out.set(this.#stored(s), at);
      chunk[s] = chunks.length;
      offset[s] = at;
      at += n;
    }
    finish();
    return { chunks, chunk, offset, bytes: this.#bytes.slice(0, slots), chars: this.#chars.slice(0, slots), kind: this.#kind.slice(0, slots) };
  }

  /** Takes over packed texts as slots `base, base + 1, ...`; returns how many slots they fill. */
  absorb(p: PackedTexts, base: number): number {
    const n = p.chunk.length;
    if (p.offset.length !== n || p.bytes.length !== n || p.chars.length !== n || p.kind.length !== n) throw new Error('malformed packed texts');
    this.#reserve(base + n);
    const chunkBase = this.#chunks.length;
    for (const c of p.chunks) this.#chunks.push(inMemory(c) ? asBuffer(c) : c);
    for (let i = 0; i < n; i++) {
      const c = p.chunk[i];
      const s = base + i;
      if (c < 0) {
        this.#chunk[s] = -1;
        continue;
      }
      const buf = p.chunks[c];
      if (!buf || p.offset[i] + p.bytes[i] > buf.length || p.kind[i] > 1 || (p.kind[i] === 0 && p.chars[i] > p.bytes[i])) throw new Error('malformed packed texts');
      this.#chunk[s] = chunkBase + c;
      this.#kind[s] = p.kind[i];
      this.#offset[s] = p.offset[i];
      this.#bytes[s] = p.bytes[i];
      this.#chars[s] = p.chars[i];
      this.#liveBytes += p.bytes[i];
      this.#totalBytes += p.bytes[i];
    }
    this.#slots = Math.max(this.#slots, base + n);
    // New texts go into a chunk of their own from now on (absorbed chunks may be full).
    this.#current = -1;
    return n;
  }

  /** Bytes held by the chunks in memory (for measurements). */
  get byteSize(): number {
    let n = 0;
    for (const c of this.#chunks) if (inMemory(c)) n += c.length;
    return n;
  }
}
