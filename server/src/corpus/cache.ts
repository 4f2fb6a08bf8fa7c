/**
 * The persisted index: the corpus snapshot plus, per source file, its size, mtime and content hash.
 * A warm run stats every file and restores unchanged sources from the snapshot without reading
 * them; a file whose size or mtime changed is hashed, and re-extracted only if its bytes changed.
 * A corrupt, foreign or old-version cache is never trusted: it is rebuilt, with a note.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, realpath, rename, unlink } from 'node:fs/promises';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { Corpus } from '../engine/corpus';
import { decodePackedFrom, encodePacked } from '../engine/packedFile';
import { TextStore } from '../engine/textStore';
import { splitPattern } from './findSources';

/** Bump when the cache file layout or anything stored in it changes meaning. */
export const CACHE_FORMAT = 2;

/** What the cache knows of one source file. */
export interface CacheEntry {
  path: string;
  size: number;
  mtimeMs: number;
  sha1: string;
  /** The source id, when the file gave a source. */
  id?: string;
  /** The reason the file gave no source (warned about again on every run). */
  error?: string;
}

interface CacheHeader {
  corroborateCache: number;
  fingerprint: string;
  sha1: string;
}

/**
 * The body after the header line: `{"entries": [...]}` on one line (padded with spaces so that
 * what follows starts at a multiple of 8 in the file), then the packed corpus (packedFile.ts),
 * whose arrays become the corpus's own without being parsed or copied.
 */
interface CacheBody {
  entries: CacheEntry[];
}

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex');

let programHash: string | undefined;
/** A hash of the running program (the bundle), so a cache written by another build is not trusted. */
export function programFingerprint(): string {
  if (programHash === undefined) {
    let self = '';
    try {
      self = typeof __filename === 'string' ? sha1(readFileSync(__filename)) : '';
    } catch {
      // No readable program file: the format version alone keys the cache.
    }
    programHash = sha1(`${CACHE_FORMAT}\u0000${self}`);
  }
  return programHash;
}

/** The cache file for a set of source patterns. */
export function cacheFileFor(cacheDir: string, patterns: readonly string[], cwd: string): string {
  const key = sha1(JSON.stringify(patterns.map((p) => path.resolve(cwd, p)).sort())).slice(0, 16);
  return path.join(cacheDir, `corpus-${key}.json`);
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

async function real(p: string): Promise<string> {
  // The nearest existing ancestor's real path, plus the rest.
  let cur = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(cur), ...rest);
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return path.resolve(p);
      rest.unshift(path.basename(cur));
      cur = up;
    }
  }
}

/** The source directory that contains `dir`, if any: the cache is never written into the sources. */
export async function sourceFolderContaining(dir: string, patterns: readonly string[], cwd: string): Promise<string | undefined> {
  const d = await real(dir);
  for (const p of patterns) {
    const { base } = splitPattern(p, cwd);
    if (inside(d, await real(base))) return base;
  }
  return undefined;
}

/** Reads and checks a cache file; undefined (with a note) when it is missing parts, corrupt or foreign. */
export async function readCache(file: string, fingerprint: string, note: (m: string) => void): Promise<{ entries: Map<string, CacheEntry>; corpus: Corpus } | undefined> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') note(`cannot read the cache ${file} (${(e as NodeJS.ErrnoException).code ?? e}); rebuilding it`);
    return undefined;
  }
  try {
    const reader = new CacheReader(fd, fstatSync(fd).size);
    const first = reader.read(0, Math.min(reader.size, 4096));
    const nl = first.indexOf(10);
    if (nl < 0) throw new Error('no header');
    const header = JSON.parse(first.subarray(0, nl).toString('utf8')) as CacheHeader;
    if (!header || typeof header !== 'object' || typeof header.corroborateCache !== 'number') throw new Error('no header');
    if (header.corroborateCache !== CACHE_FORMAT || header.fingerprint !== fingerprint) {
      note(`the cache ${file} was written by another version of corroborate; rebuilding it`);
      return undefined;
    }
    // Everything after the header line is checksummed, as it is read.
    reader.hashFrom(nl + 1);
    const { line, end } = reader.line(nl + 1);
    const parsed = JSON.parse(line) as CacheBody;
    if (!parsed || !Array.isArray(parsed.entries)) throw new Error('no file table');
    const entries = new Map<string, CacheEntry>();
    for (const e of parsed.entries) {
      if (!e || typeof e.path !== 'string' || typeof e.size !== 'number' || typeof e.mtimeMs !== 'number' || typeof e.sha1 !== 'string') throw new Error('malformed file table');
      entries.set(e.path, e);
    }
    // The arrays are read one by one (the texts straight to the spill file, if there is one),
    // rather than the whole file at once: 77 MB at 10,000 documents.
    const files = TextStore.files;
    const packed = decodePackedFrom(
      { size: reader.size - end, read: (from, length) => reader.read(end + from, length), text: files ? (bytes) => files.write(bytes) : undefined },
      end,
    );
    if (reader.digest() !== header.sha1) throw new Error('checksum mismatch');
    return { entries, corpus: Corpus.fromPacked(packed) };
  } catch (e) {
    note(`the cache ${file} is corrupt (${e instanceof Error ? e.message : e}); rebuilding it`);
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Reads a cache file in increasing offsets, hashing each byte after `hashFrom` once. */
class CacheReader {
  #hash = createHash('sha1');
  /** Bytes before this offset are hashed (or not to be). */
  #hashed = Infinity;

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  hashFrom(offset: number): void {
    this.#hashed = offset;
  }

  read(offset: number, length: number): Buffer {
    if (offset + length > this.size) throw new Error('truncated');
    // Bytes skipped over (padding) are part of the checksum too.
    if (offset > this.#hashed) this.read(this.#hashed, offset - this.#hashed);
    const out = Buffer.allocUnsafeSlow(length);
    for (let done = 0; done < length; ) {
      const n = readSync(this.fd, out, done, length - done, offset + done);
      if (n === 0) throw new Error('truncated');
      done += n;
    }
    if (offset + length > this.#hashed) {
      this.#hash.update(out.subarray(Math.max(0, this.#hashed - offset)));
      this.#hashed = offset + length;
    }
    return out;
  }

  /** The line starting at `offset` (without its newline) and the offset after its newline. */
  line(offset: number): { line: string; end: number } {
    const parts: Buffer[] = [];
    for (let at = offset; at < this.size; ) {
      const part = this.read(at, Math.min(1 << 20, this.size - at));
      const nl = part.indexOf(10);
      if (nl >= 0) {
        parts.push(part.subarray(0, nl));
        return { line: Buffer.concat(parts).toString('utf8'), end: at + nl + 1 };
      }
      parts.push(part);
      at += part.length;
    }
    throw new Error('no file table');
  }

  /** The checksum of everything from `hashFrom` to the end of the file. */
  digest(): string {
    if (this.#hashed < this.size) this.read(this.#hashed, this.size - this.#hashed);
    return this.#hash.digest('hex');
  }
}

/**
 * Writes a cache file atomically (a temporary file renamed over the old one). The parts are
 * streamed: texts kept out of memory are read back one chunk at a time, and the header, whose
 * length does not depend on the checksum, is written last over a placeholder.
 */
export async function writeCache(file: string, fingerprint: string, entries: CacheEntry[], corpus: Corpus): Promise<void> {
  const table = JSON.stringify({ entries } satisfies CacheBody);
  const packed = corpus.pack(true);
  // Pad the file table so that the packed arrays start at a multiple of 8 (sha1 hex has a fixed
  // length, so the header's length is known before the checksum).
  const headerFor = (sha: string) => Buffer.from(JSON.stringify({ corroborateCache: CACHE_FORMAT, fingerprint, sha1: sha } satisfies CacheHeader) + '\n', 'utf8');
  const headerLength = headerFor('0'.repeat(40)).length;
  const tableLength = Buffer.byteLength(table, 'utf8') + 1;
  const pad = (8 - ((headerLength + tableLength) % 8)) % 8;
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const out = await open(tmp, 'w');
    try {
      const hash = createHash('sha1');
      let at = headerLength;
      const parts = [Buffer.from(table + ' '.repeat(pad) + '\n', 'utf8')];
      for (const part of [parts, encodePacked(packed, headerLength + tableLength + pad)]) {
        for (const p of part) {
          hash.update(p);
          await out.write(p, 0, p.length, at);
          at += p.length;
        }
      }
      await out.write(headerFor(hash.digest('hex')), 0, headerLength, 0);
    } finally {
      await out.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
