/**
 * A place out of memory for the texts of the corpus (TextStore.files): full chunks of deflated
 * texts go into a temporary file that is unlinked as soon as it is opened, so it needs no
 * cleaning up (it goes when the process ends, however it ends) and no other program sees it.
 * Reading a text back is a read from the page cache on a decode-cache miss.
 *
 * One file serves every thread of the process: Node closes the descriptors a worker thread
 * opened when it exits, while the corpus it built lives on in the thread that started it. So the
 * main thread opens the file and hands it (descriptor and a shared end-of-file counter) to the
 * index workers it starts, which reserve room with an atomic add and write their chunks at
 * their own offsets.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextStore, type ChunkFiles, type FileChunk, type TextChunk } from '../engine/textStore';

/** The spill file of a process, as passed to worker threads. */
export interface SharedSpill {
  fd: number;
  /** One BigInt64: the end of the file, reserved atomically. */
  end: SharedArrayBuffer;
}

let current: SharedSpill | undefined;
/** Where this thread opened its spill file (for the files of later loads). */
let currentDir: string | undefined;

/** The spill file this thread writes to, to pass on to the workers it starts (none: texts stay in memory). */
export function sharedSpill(): SharedSpill | undefined {
  return current;
}

function openSpill(dir: string): SharedSpill {
  const file = path.join(dir, `corroborate-texts-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const fd = openSync(file, 'w+', 0o600);
  try {
    unlinkSync(file);
  } catch {
    // A system that cannot unlink an open file: it stays in the temp folder.
  }
  return { fd, end: new SharedArrayBuffer(8) };
}

/** Chunk reads and writes over a spill file. */
export function spillFiles(spill: SharedSpill): { write(bytes: Uint8Array): FileChunk; read: ChunkFiles['read'] } {
  const end = new BigInt64Array(spill.end);
  return {
    write(bytes: Uint8Array): FileChunk {
      const position = Number(Atomics.add(end, 0, BigInt(bytes.length)));
      let done = 0;
      while (done < bytes.length) done += writeSync(spill.fd, bytes, done, bytes.length - done, position + done);
      return { fd: spill.fd, position, length: bytes.length };
    },
    read(chunk: FileChunk, offset: number, length: number): Uint8Array {
      if (offset < 0 || offset + length > chunk.length) throw new Error('text chunk: read out of range');
      const out = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const n = readSync(chunk.fd, out, done, length - done, chunk.position + offset + done);
        if (n === 0) throw new Error('text chunk: file truncated');
        done += n;
      }
      return out;
    },
  };
}

/**
 * Keeps the texts of this thread's corpora out of memory from now on: in `shared` (a worker,
 * given its parent's file), or in a new file in `dir`. When the file cannot be written the texts
 * stay in memory (and nothing is tried again).
 */
export function keepTextsOnDisk(shared?: SharedSpill, dir = tmpdir()): void {
  // For comparisons (the benchmark): CORROBORATE_TEXTS_IN_MEMORY=1 keeps them in memory.
  if (process.env.CORROBORATE_TEXTS_IN_MEMORY === '1') return;
  let spill: SharedSpill;
  try {
    spill = shared ?? openSpill(dir);
  } catch {
    return;
  }
  current = spill;
  if (!shared) currentDir = dir;
  const files = spillFiles(spill);
  let failed = false;
  TextStore.files = {
    write(bytes: Uint8Array): TextChunk {
      if (failed) return bytes;
      try {
        return files.write(bytes);
      } catch {
        failed = true;
        return bytes;
      }
    },
    read: files.read,
  };
}

/**
 * A spill file of its own for one full load of a folder (the language server's index worker
 * writes the texts it reads there), so that the file can go once the corpus it holds is dropped:
 * with one file per process, every "Reindex sources" added the whole corpus again (40 MB at
 * 10,000 documents) for as long as the server ran. Undefined when this thread keeps its texts
 * in memory; this thread's own file when another cannot be opened.
 */
export function spillForLoad(): SharedSpill | undefined {
  if (!current || currentDir === undefined) return current;
  try {
    return openSpill(currentDir);
  } catch {
    return current;
  }
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => closeQuietly(fd));

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

/**
 * `spill` (from spillForLoad) holds the texts of `owner` (a corpus's textHolder) and of nothing
 * else: it is closed, and its disk space freed, once `owner` is garbage collected. Without an owner (the load
 * failed) it is closed now.
 */
export function spillOwnedBy(spill: SharedSpill, owner: object | undefined): void {
  if (spill === current) return;
  if (owner) closeWhenCollected.register(owner, spill.fd);
  else closeQuietly(spill.fd);
}
