import { createHash } from 'node:crypto';
import { Corpus } from '../engine/corpus';
import { DEFAULT_MAX_SOURCE_BYTES, isSupportedSource, parseSource, readSourceBytesSync } from '../corpus/readSource';

/** What became of one source file. */
export interface FileOutcome {
  file: string;
  /** Size and mtime when read (absent when the file could not be stat'ed). */
  size?: number;
  mtimeMs?: number;
  /** SHA-1 of the bytes read (when asked for). */
  sha1?: string;
  /** The source id it was indexed under. */
  id?: string;
  /** Why it gave no source (the message names the file). */
  error?: string;
  /** The error came from parsing bytes that were read (it lasts until the file changes). */
  parseError?: boolean;
  /** Not a supported format (the file was not read). */
  unsupported?: boolean;
  /** Skipped: another file, earlier in the order, already has this id. */
  clash?: { id: string; owner: string };
}

export interface ShardOptions {
  maxBytes?: number;
  /** Compute the SHA-1 of every file (for the persisted index). */
  hash?: boolean;
  onProgress?: (done: number) => void;
}

/**
 * Reads, parses and indexes `files` in their order into a new corpus (so passage ids are the
 * same as indexing them one at a time anywhere else). Of files with the same source id the first
 * one wins. Meant for an index thread: files are read synchronously.
 */
export async function buildShard(files: readonly string[], options: ShardOptions = {}): Promise<{ corpus: Corpus; outcomes: FileOutcome[] }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  const corpus = new Corpus();
  const outcomes: FileOutcome[] = [];
  const owners = new Map<string, string>();
  for (let i = 0; i < files.length; i++) {
    const { outcome, doc } = await readOne(files[i], maxBytes, options.hash === true);
    if (doc) {
      const owner = owners.get(doc.id);
      if (owner !== undefined) outcome.clash = { id: doc.id, owner };
      else {
        corpus.upsert(doc);
        owners.set(doc.id, doc.path);
        outcome.id = doc.id;
      }
    }
    outcomes.push(outcome);
    if (options.onProgress && (i % 64 === 63 || i === files.length - 1)) options.onProgress(i + 1);
  }
  return { corpus, outcomes };
}

interface Read {
  outcome: FileOutcome;
  doc?: import('../engine/types').SourceDocument;
}

/** Reads and parses one file; never throws. Messages are those of readSource. */
async function readOne(file: string, maxBytes: number, hash: boolean): Promise<Read> {
  const outcome: FileOutcome = { file };
  if (!isSupportedSource(file)) {
    outcome.unsupported = true;
    return { outcome };
  }
  try {
    // Synchronous: this runs on an index thread that has nothing else to do meanwhile.
    const { bytes, stats } = readSourceBytesSync(file, maxBytes);
    outcome.size = stats.size;
    outcome.mtimeMs = stats.mtimeMs;
    if (hash) outcome.sha1 = createHash('sha1').update(bytes).digest('hex');
    try {
      return { outcome, doc: await parseSource(file, bytes) };
    } catch (e) {
      outcome.parseError = true;
      throw e;
    }
  } catch (e) {
    outcome.error = e instanceof Error ? e.message : String(e);
    return { outcome };
  }
}
