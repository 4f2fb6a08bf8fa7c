/**
 * Loading a workspace folder's sources for the language server, through the persisted index of
 * corpus/cache.ts (same file format and code as the CLI's cache; the language server keeps its
 * files in the editor's workspace storage, or under the OS temp folder).
 *
 * Without a usable index file every source is read, in parallel (parallel.ts), and the file is
 * written. With one, every file is stat'ed; unchanged files come from the index without being
 * read, a file whose size or mtime moved is hashed and parsed again only if its bytes changed,
 * and deleted files leave the corpus. The CLI loads its sources through this too (loadCorpus.ts).
 */
import { createHash } from 'node:crypto';
import type { Corpus, PackedCorpus } from '../engine/corpus';
import { programFingerprint, readCache, writeCache, type CacheEntry } from '../corpus/cache';
import { statSync, type Stats } from 'node:fs';
import { DEFAULT_MAX_SOURCE_BYTES, describeFsError, isSupportedSource, overSizeLimit, parseSource, readSourceBytesSync } from '../corpus/readSource';
import { buildCorpus } from './parallel';
import type { FileOutcome } from './shard';

export interface FolderLoadRequest {
  role: 'folder';
  /** The source files, in order. */
  files: string[];
  /** The persisted index file (none: no persisted index). */
  cacheFile?: string;
  /** Ignore the persisted index (a forced reindex); it is written again. */
  fresh?: boolean;
  maxBytes?: number;
  threads?: number;
  /** Identifies the program in the persisted index (default: a hash of the running bundle). */
  program?: string;
}

export interface FolderLoadStats {
  /** Files whose bytes were read. */
  read: number;
  /** Files parsed (extracted) this time. */
  extracted: number;
  /** Sources taken from the persisted index without reading them. */
  fromCache: number;
}

export interface FolderLoadResult {
  corpus: Corpus;
  /** Per file, in order. */
  outcomes: FileOutcome[];
  stats: FolderLoadStats;
  /** Remarks about the persisted index (corrupt, not writable), for the log. */
  notes: string[];
}

export type FolderLoadMessage =
  | { kind: 'progress'; done: number; total: number }
  | ({ kind: 'done'; packed: PackedCorpus } & Omit<FolderLoadResult, 'corpus'>)
  | { kind: 'error'; message: string };

/** The fingerprint the persisted index is written with: the program and the size limit. */
export function fingerprintFor(maxBytes: number, program = programFingerprint()): string {
  return createHash('sha1').update(`${program}\u0000${maxBytes}`).digest('hex');
}

export async function loadFolder(request: FolderLoadRequest, progress: (done: number, total: number) => void = () => undefined): Promise<FolderLoadResult> {
  const maxBytes = request.maxBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  const fingerprint = fingerprintFor(maxBytes, request.program);
  const notes: string[] = [];
  const files = request.files;
  const cache = request.cacheFile && !request.fresh ? await readCache(request.cacheFile, fingerprint, (m) => notes.push(m)) : undefined;

  if (!cache) {
    const { corpus, outcomes } = await buildCorpus(files, { maxBytes, hash: request.cacheFile !== undefined, threads: request.threads, onProgress: progress });
    // Every file read was parsed.
    const read = outcomes.filter((o) => o.size !== undefined).length;
    if (request.cacheFile) await save(request.cacheFile, fingerprint, outcomes, corpus, notes);
    return { corpus, outcomes, stats: { read, extracted: read, fromCache: 0 }, notes };
  }

  const corpus = cache.corpus;
  const outcomes: FileOutcome[] = [];
  const claimed = new Map<string, string>();
  let dirty = false;
  let read = 0;
  let extracted = 0;
  let fromCache = 0;
  for (const [i, file] of files.entries()) {
    if (i % 256 === 0) progress(i, files.length);
    const outcome: FileOutcome = { file };
    outcomes.push(outcome);
    if (!isSupportedSource(file)) {
      outcome.unsupported = true;
      continue;
    }
    let st: Stats;
    try {
      // Synchronous: this runs on an index thread, and awaiting 10,000 stats one by one took 1.2 s.
      st = statSync(file);
    } catch (e) {
      outcome.error = `${file}: cannot read (${describeFsError(e)})`;
      dirty = true;
      continue;
    }
    outcome.size = st.size;
    outcome.mtimeMs = st.mtimeMs;
    const over = overSizeLimit(file, st.size, maxBytes);
    if (over) {
      outcome.error = over;
      dirty = true;
      continue;
    }
    /** The file's bytes, hashed into the outcome; undefined (the outcome says why) if unreadable. */
    const readBytes = (): Buffer | undefined => {
      try {
        const bytes = readSourceBytesSync(file, maxBytes).bytes;
        read++;
        outcome.sha1 = createHash('sha1').update(bytes).digest('hex');
        return bytes;
      } catch (e) {
        outcome.error = (e as Error).message;
        dirty = true;
        return undefined;
      }
    };
    let entry = cache.entries.get(file);
    let bytes: Buffer | undefined;
    if (!entry || entry.size !== st.size || entry.mtimeMs !== st.mtimeMs) {
      bytes = readBytes();
      if (!bytes) continue;
      dirty = true;
      entry = entry && entry.sha1 === outcome.sha1 ? { ...entry, size: st.size, mtimeMs: st.mtimeMs } : undefined;
    }
    // A cached source that is no longer in the corpus as this file's (another file took its id).
    if (entry && !entry.error && (!entry.id || corpus.source(entry.id)?.doc.path !== file)) entry = undefined;
    let id: string;
    if (entry) {
      fromCache++;
      outcome.sha1 = entry.sha1;
      if (entry.error) {
        outcome.error = entry.error;
        outcome.parseError = true;
        continue;
      }
      id = entry.id!;
    } else {
      bytes ??= readBytes();
      if (!bytes) continue;
      dirty = true;
      extracted++;
      let doc;
      try {
        doc = await parseSource(file, bytes);
      } catch (e) {
        outcome.error = e instanceof Error ? e.message : String(e);
        outcome.parseError = true;
        continue;
      }
      id = doc.id;
      const owner = claimed.get(id);
      if (owner !== undefined) {
        outcome.clash = { id, owner };
        continue;
      }
      corpus.upsert(doc);
    }
    const owner = claimed.get(id);
    if (owner !== undefined) {
      outcome.clash = { id, owner };
      continue;
    }
    claimed.set(id, file);
    outcome.id = id;
  }
  progress(files.length, files.length);
  // Sources of deleted, failing or clashing files leave the corpus.
  for (const s of corpus.sources()) {
    if (claimed.get(s.doc.id) !== s.doc.path) {
      corpus.remove(s.doc.id);
      dirty = true;
    }
  }
  if (dirty && request.cacheFile) await save(request.cacheFile, fingerprint, outcomes, corpus, notes);
  return { corpus, outcomes, stats: { read, extracted, fromCache }, notes };
}

/** Writes the persisted index: the file table of the outcomes, and the corpus. */
export async function save(file: string, fingerprint: string, outcomes: readonly FileOutcome[], corpus: Corpus, notes: string[]): Promise<void> {
  const entries: CacheEntry[] = [];
  for (const o of outcomes) {
    if (o.size === undefined || o.mtimeMs === undefined || o.sha1 === undefined) continue;
    if (o.id !== undefined) entries.push({ path: o.file, size: o.size, mtimeMs: o.mtimeMs, sha1: o.sha1, id: o.id });
    // Files that cannot be parsed are remembered, so they are not read again until they change.
    else if (o.error !== undefined && o.parseError) entries.push({ path: o.file, size: o.size, mtimeMs: o.mtimeMs, sha1: o.sha1, error: o.error });
  }
  try {
    await writeCache(file, fingerprint, entries, corpus);
  } catch (e) {
    notes.push(`cannot write the index ${file} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}
