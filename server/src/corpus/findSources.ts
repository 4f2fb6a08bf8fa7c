import { readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { isSupportedSource, readSource, DEFAULT_MAX_SOURCE_BYTES } from './readSource';
import type { SourceDocument } from '../engine/types';

export interface SourceProblem {
  path: string;
  message: string;
}

export interface LoadedSources {
  docs: SourceDocument[];
  problems: SourceProblem[];
  /** Files that matched the patterns. */
  files: string[];
}

/** Splits a pattern into a base directory to walk and a glob to match (if any). */
export function splitPattern(pattern: string, cwd: string): { base: string; glob?: string } {
  const abs = path.resolve(cwd, pattern);
  const parts = abs.split(path.sep);
  const i = parts.findIndex((p) => /[*?[\]{}]/.test(p));
  if (i < 0) return { base: abs };
  return { base: parts.slice(0, i).join(path.sep) || path.sep, glob: parts.slice(i).join('/') };
}

/** Lists the source files matched by directories or globs. */
export function findSourceFiles(patterns: string[], cwd: string, problems: SourceProblem[] = []): Promise<string[]> {
  return findFiles(patterns, cwd, isSupportedSource, problems);
}

/**
 * Lists the files matched by paths, directories (walked, keeping files `accept` takes) or globs.
 * Symlink loops are detected by real path; unreadable directories become problems, never
 * exceptions.
 */
export async function findFiles(patterns: string[], cwd: string, accept: (file: string) => boolean, problems: SourceProblem[] = []): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const { base, glob } = splitPattern(pattern, cwd);
    const match = glob ? picomatch(glob, { dot: false }) : undefined;
    let st;
    try {
      st = await stat(base);
    } catch {
      problems.push({ path: base, message: `${pattern}: no such file or directory` });
      continue;
    }
    if (st.isFile()) {
      files.add(base);
      continue;
    }
    const seen = new Set<string>();
    const walk = async (dir: string, ancestors: readonly string[] = []): Promise<void> => {
      let real: string;
      try {
        real = await realpath(dir);
      } catch {
        return;
      }
      if (seen.has(real)) {
        const loop = ancestors.includes(real);
        problems.push({ path: dir, message: `${dir}: ${loop ? 'symbolic link loop' : 'directory already included through another link'}, skipped` });
        return;
      }
      seen.add(real);
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (e) {
        problems.push({ path: dir, message: `${dir}: cannot read directory (${(e as NodeJS.ErrnoException).code ?? e})` });
        return;
      }
      for (const ent of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (ent.name.startsWith('.')) continue;
        const full = path.join(dir, ent.name);
        let isDir = ent.isDirectory();
        let isFile = ent.isFile();
        if (ent.isSymbolicLink()) {
          try {
            const t = await stat(full);
            isDir = t.isDirectory();
            isFile = t.isFile();
          } catch (e) {
            const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
            problems.push({ path: full, message: `${full}: ${loop ? 'symbolic link loop' : 'broken symbolic link'}, skipped` });
            continue;
          }
        }
        if (isDir) await walk(full, [...ancestors, real]);
        else if (isFile) {
          const rel = path.relative(base, full).split(path.sep).join('/');
          if (match ? match(rel) : accept(full)) files.add(full);
        }
      }
    };
    await walk(base);
  }
  return [...files].sort();
}

/** Reads every matched source; a file that cannot be read becomes a problem and the rest load. */
export async function loadSources(patterns: string[], cwd: string, maxBytes = DEFAULT_MAX_SOURCE_BYTES): Promise<LoadedSources> {
  const problems: SourceProblem[] = [];
  const files = await findSourceFiles(patterns, cwd, problems);
  const docs: SourceDocument[] = [];
  const ids = new Map<string, string>();
  for (const f of files) {
    if (!isSupportedSource(f)) {
      problems.push({ path: f, message: `${f}: unsupported source format, skipped` });
      continue;
    }
    try {
      const doc = await readSource(f, maxBytes);
      const clash = ids.get(doc.id);
      if (clash) {
        problems.push({ path: f, message: `${f}: source id "${doc.id}" is also used by ${clash}; this file is skipped` });
        continue;
      }
      ids.set(doc.id, f);
      docs.push(doc);
    } catch (e) {
      problems.push({ path: f, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { docs, problems, files };
}
