/** Loading the corpus for a CLI command: source patterns, the persisted index, warnings and stats. */
import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import { findFiles } from '../corpus/findSources';
import type { Corpus } from '../engine';
import { loadCorpus, type LoadedCorpus } from '../indexer/loadCorpus';
import { frontMatterYaml, loadBibliography } from '../corpus/bibliography';
import { findConfigSources } from './config';

/** Thrown for I/O problems that stop the run (exit code 2). */
export class FatalError extends Error {}

export interface SourceOptions {
  sources: string[];
  cache: string | undefined;
  noCache: boolean;
  maxSourceMb: number | undefined;
}

const warn = (m: string) => process.stderr.write(`corroborate: warning: ${m}\n`);
const note = (m: string) => process.stderr.write(`corroborate: note: ${m}\n`);

/**
 * Finds and indexes the sources (from `--sources`, else the nearest .corroborate.json, else
 * ./sources), through the cache unless `--no-cache`. Every unusable file is a warning; no usable
 * source at all is fatal. Source paths are made relative to the working directory for display.
 */
export async function loadCliCorpus(opts: SourceOptions, cwd = process.cwd()): Promise<LoadedCorpus> {
  let patterns = opts.sources;
  if (patterns.length === 0) {
    let cfg;
    try {
      cfg = findConfigSources(cwd);
    } catch (e) {
      throw new FatalError((e as Error).message);
    }
    patterns = cfg?.sources ?? [path.join(cwd, 'sources')];
  }
  const cacheDir = opts.noCache ? undefined : path.resolve(cwd, opts.cache ?? path.join('.corroborate', 'cache'));
  const loaded = await loadCorpus(patterns, cwd, { cacheDir, maxBytes: opts.maxSourceMb !== undefined ? Math.round(opts.maxSourceMb * 1048576) : undefined, note });
  for (const p of loaded.problems) warn(p.message);
  if (process.env.CORROBORATE_STATS === '1') {
    const s = loaded.stats;
    process.stderr.write(`corroborate: sources: ${s.sources}, read: ${s.read}, from cache: ${s.fromCache}, extracted: ${s.extracted}\n`);
  }
  if (loaded.corpus.size === 0) throw new FatalError(`no sources found in ${patterns.join(', ')}`);
  // Evidence paths are shown relative to the working directory, like the drafts. The cache has
  // been written already, with absolute paths.
  for (const s of loaded.corpus.sources()) s.doc.path = path.relative(cwd, s.doc.path) || s.doc.path;
  return loaded;
}

/**
 * Points the citation keys of a draft's bibliography (front matter `bibliography:` or
 * `references:`) at the sources they name, replacing the aliases of the previous draft.
 */
export function applyBibliography(corpus: Corpus, draftFile: string, draftText: string): Map<string, string> {
  corpus.clearAliases();
  const yaml = frontMatterYaml(draftText);
  if (!yaml || !/^(bibliography|references)\s*:/m.test(yaml)) return new Map();
  const problems: Array<{ file: string; message: string }> = [];
  const map = loadBibliography(draftFile, yaml, corpus.sources().map((s) => s.doc), problems);
  for (const p of problems) warn(p.message);
  for (const [key, id] of map) {
    if (key === id) continue;
    if (corpus.resolve(key) === key && corpus.has(key)) {
      warn(`${draftFile}: bibliography entry @${key} names source ${id}, but a source has the id "${key}"; that source is used`);
      continue;
    }
    corpus.alias(key, id);
  }
  return map;
}

/** The draft files matched by paths, directories or globs; none found is a fatal error. */
export async function findDrafts(patterns: string[], cwd: string): Promise<string[]> {
  const problems: Array<{ path: string; message: string }> = [];
  const files = await findFiles(patterns, cwd, (f) => /\.(md|markdown|txt)$/i.test(f), problems);
  if (problems.length > 0) throw new FatalError(problems[0].message);
  if (files.length === 0) throw new FatalError(`no drafts match ${patterns.join(' ')}`);
  return files;
}

/** A draft's text; a read failure is a fatal error naming the file. */
export async function readDraft(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new FatalError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
}
