/**
 * Loading the sources matched by some patterns through the persisted index (the CLI's way): the
 * folder loader of the language server (folderLoad.ts) does the reading, parallel on a cold run,
 * and its per-file outcomes become the problems a command warns about.
 */
import * as path from 'node:path';
import type { Corpus } from '../engine/corpus';
import { cacheFileFor, sourceFolderContaining } from '../corpus/cache';
import { findSourceFiles, type SourceProblem } from '../corpus/findSources';
import { DEFAULT_MAX_SOURCE_BYTES } from '../corpus/readSource';
import { loadFolder } from './folderLoad';
import type { FileOutcome } from './shard';

export interface LoadCorpusOptions {
  /** Cache directory; undefined: no cache. */
  cacheDir?: string;
  maxBytes?: number;
  /** Identifies the program that wrote the cache; another fingerprint means rebuild. */
  fingerprint?: string;
  /** Receives notes about the cache (corrupt, rebuilt, disabled). */
  note?: (message: string) => void;
}

export interface CorpusStats {
  /** Source files found. */
  sources: number;
  /** Files whose bytes were read this run (to hash or to extract). */
  read: number;
  /** Files re-extracted (parsed) this run. */
  extracted: number;
  /** Files restored from the cache without extracting them. */
  fromCache: number;
}

export interface LoadedCorpus {
  corpus: Corpus;
  problems: SourceProblem[];
  files: string[];
  stats: CorpusStats;
  /** The cache file used, if any. */
  cacheFile?: string;
}

/**
 * Finds, reads and indexes the sources matched by `patterns`, reusing the cache in
 * `options.cacheDir` for files that have not changed. Unreadable files become problems and every
 * other source is still used.
 */
export async function loadCorpus(patterns: string[], cwd: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const note = options.note ?? (() => undefined);
  const problems: SourceProblem[] = [];
  const files = await findSourceFiles(patterns, cwd, problems);
  let cacheFile: string | undefined;
  if (options.cacheDir) {
    const within = await sourceFolderContaining(options.cacheDir, patterns, cwd);
    if (within) note(`cache not used: ${options.cacheDir} is inside the sources folder ${within} (choose another with --cache)`);
    else cacheFile = cacheFileFor(path.resolve(cwd, options.cacheDir), patterns, cwd);
  }
  const loaded = await loadFolder({ role: 'folder', files, cacheFile, maxBytes: options.maxBytes ?? DEFAULT_MAX_SOURCE_BYTES, program: options.fingerprint });
  for (const n of loaded.notes) note(n);
  for (const o of loaded.outcomes) {
    const message = problemOf(o);
    if (message) problems.push({ path: o.file, message });
  }
  const { read, extracted, fromCache } = loaded.stats;
  const sources = loaded.outcomes.filter((o) => !o.unsupported).length;
  return { corpus: loaded.corpus, problems, files, stats: { sources, read, extracted, fromCache }, ...(cacheFile ? { cacheFile } : {}) };
}

/** What a command says about a file that gave no source. */
function problemOf(o: FileOutcome): string | undefined {
  if (o.unsupported) return `${o.file}: unsupported source format, skipped`;
  if (o.error !== undefined) return o.error;
  if (o.clash) return `${o.file}: source id "${o.clash.id}" is also used by ${o.clash.owner}; this file is skipped`;
  return undefined;
}
