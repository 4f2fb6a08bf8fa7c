import { PACKED_FORMAT, type PackedCorpus } from './corpus';
import { chunkBytes, type FileChunk, type TextChunk } from './textStore';

/**
 * A packed corpus as bytes (for the persisted index) and back, without converting its arrays:
 *
 *   u32 length of the layout, the layout as JSON (format, sources, terms, array lengths),
 *   then every array, each starting at a multiple of 8 bytes.
 *
 * Decoding makes views over the given bytes (copying only an array that is not aligned), so a
 * file read in one piece becomes a corpus without another copy of it.
 */

type Kind = 'u8' | 'u16' | 'u32' | 'i32';

interface Layout {
  format: number;
  sources: PackedCorpus['sources'];
  terms: string[];
  /** Per array, in order: its kind and number of elements. */
  arrays: Array<[Kind, number]>;
  textChunks: number;
  indexBlocks: number;
}

const align = (n: number): number => (n + 7) & ~7;

type PackedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;

function arraysOf(p: PackedCorpus): Array<PackedArray | FileChunk> {
  return [
    p.firstPassage,
    p.passageCount,
    p.texts.chunk,
    p.texts.offset,
    p.texts.bytes,
    p.texts.chars,
    p.texts.kind,
    ...p.texts.chunks,
    p.passageStart,
    p.passageEnd,
    p.index.block,
    p.index.offset,
    p.index.bytes,
    p.index.count,
    p.index.last,
    ...p.index.blocks,
    p.index.lengths,
  ];
}

const kindOf = (a: PackedArray | FileChunk): Kind => (a instanceof Uint32Array ? 'u32' : a instanceof Int32Array ? 'i32' : a instanceof Uint16Array ? 'u16' : 'u8');

/**
 * The bytes of a packed corpus, as buffers to write one after the other. `start` is the offset
 * in the file at which they will be written (arrays are aligned to the file, so that a file read
 * whole yields aligned views). Lazily: texts kept out of memory are read back one chunk at a
 * time, as the buffers are consumed.
 */
export function* encodePacked(p: PackedCorpus, start = 0): Generator<Buffer> {
  const arrays = arraysOf(p);
  const layout: Layout = {
    format: p.format,
    sources: p.sources,
    terms: p.index.terms,
    arrays: arrays.map((a) => [kindOf(a), a.length]),
    textChunks: p.texts.chunks.length,
    indexBlocks: p.index.blocks.length,
  };
  const json = Buffer.from(JSON.stringify(layout), 'utf8');
  let at = start;
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length, 0);
  yield head;
  yield json;
  at += 4 + json.length;
  for (const a of arrays) {
    const pad = align(at) - at;
    if (pad > 0) yield Buffer.alloc(pad);
    at += pad;
    const bytes = a instanceof Uint8Array || a instanceof Uint16Array || a instanceof Uint32Array || a instanceof Int32Array ? a : chunkBytes(a);
    yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    at += bytes.byteLength;
  }
}

/**
 * The packed corpus in `bytes` (as written by encodePacked at file offset `start`, where `bytes`
 * begins). Throws on anything malformed; Corpus.fromPacked checks the contents further.
 */
export function decodePacked(bytes: Uint8Array, start = 0): PackedCorpus {
  return decodePackedFrom({ size: bytes.length, read: (from, length) => bytes.subarray(from, from + length) }, start);
}

/**
 * Where decodePackedFrom reads: `read` gives `length` bytes at `from` (relative to the packed
 * corpus's start), called with increasing offsets; a view of bytes already in memory, or bytes
 * just read. `text` takes the bytes of a text chunk (by default they are kept as they are).
 */
export interface PackedSource {
  size: number;
  read(from: number, length: number): Uint8Array;
  text?(bytes: Uint8Array): TextChunk;
}

/** decodePacked over any source of bytes: a file can be read in parts, its texts kept out of memory. */
export function decodePackedFrom(src: PackedSource, start = 0): PackedCorpus {
  if (src.size < 4) throw new Error('packed corpus: truncated');
  const head = src.read(0, 4);
  const len = Buffer.from(head.buffer, head.byteOffset, 4).readUInt32LE(0);
  if (4 + len > src.size) throw new Error('packed corpus: truncated layout');
  const json = src.read(4, len);
  const layout = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8')) as Layout;
  if (!layout || layout.format !== PACKED_FORMAT || !Array.isArray(layout.arrays) || !Array.isArray(layout.sources) || !Array.isArray(layout.terms)) {
    throw new Error('not a packed corpus of this version');
  }
  const firstText = 7;
  let at = start + 4 + len;
  const arrays: Array<PackedArray | TextChunk> = [];
  for (const [kind, count] of layout.arrays) {
    const size = kind === 'u8' ? 1 : kind === 'u16' ? 2 : 4;
    if (!Number.isInteger(count) || count < 0) throw new Error('packed corpus: malformed layout');
    at = align(at);
    const from = at - start;
    const byteLength = count * size;
    if (from + byteLength > src.size) throw new Error('packed corpus: truncated arrays');
    const bytes = src.read(from, byteLength);
    const isText = arrays.length >= firstText && arrays.length < firstText + layout.textChunks;
    let a: PackedArray | TextChunk;
    if (kind === 'u8') a = isText && src.text ? src.text(bytes) : bytes;
    else {
      // A view where the bytes are aligned for it, else a copy.
      const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
      a = kind === 'u32' ? new Uint32Array(aligned.buffer, aligned.byteOffset, count) : kind === 'u16' ? new Uint16Array(aligned.buffer, aligned.byteOffset, count) : new Int32Array(aligned.buffer, aligned.byteOffset, count);
    }
    arrays.push(a);
    at += byteLength;
  }
  const expected = 7 + layout.textChunks + 2 + 5 + layout.indexBlocks + 1;
  if (arrays.length !== expected) throw new Error('packed corpus: malformed layout');
  let i = 0;
  const next = <T>(): T => arrays[i++] as unknown as T;
  const firstPassage = next<Uint32Array>();
  const passageCount = next<Uint32Array>();
  const chunk = next<Int32Array>();
  const offset = next<Uint32Array>();
  const tbytes = next<Uint32Array>();
  const chars = next<Uint32Array>();
  const kind = next<Uint8Array>();
  const chunks: TextChunk[] = [];
  for (let k = 0; k < layout.textChunks; k++) chunks.push(next<TextChunk>());
  const passageStart = next<Uint32Array>();
  const passageEnd = next<Uint32Array>();
  const block = next<Uint32Array>();
  const ioffset = next<Uint32Array>();
  const ibytes = next<Uint32Array>();
  const count = next<Uint32Array>();
  const last = next<Uint32Array>();
  const blocks: Uint8Array[] = [];
  for (let k = 0; k < layout.indexBlocks; k++) blocks.push(next<Uint8Array>());
  const lengths = next<Uint16Array>();
  if (!(lengths instanceof Uint16Array)) throw new Error('packed corpus: malformed layout');
  return {
    format: PACKED_FORMAT,
    sources: layout.sources,
    firstPassage,
    passageCount,
    texts: { chunks, chunk, offset, bytes: tbytes, chars, kind },
    passageStart,
    passageEnd,
    index: { terms: layout.terms, block, offset: ioffset, bytes: ibytes, count, last, blocks, lengths },
  };
}

/** The distinct ArrayBuffers behind a packed corpus, to transfer it to another thread. */
export function packedBuffers(p: PackedCorpus): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const a of arraysOf(p)) if ('buffer' in a && a.buffer instanceof ArrayBuffer && a.byteLength > 0) set.add(a.buffer);
  return [...set];
}

