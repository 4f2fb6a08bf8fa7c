import * as path from 'node:path';
import picomatch from 'picomatch';
import { splitPattern } from '../corpus/findSources';
import { isSupportedSource } from '../corpus/readSource';
import { isUnder } from './uris';

/** A folder to watch and the glob (relative to it) of the files that matter there. */
export interface WatchRoot {
  base: string;
  glob: string;
}

/**
 * Which files are sources, decided the way `findSourceFiles` walks: a pattern is a file, a
 * folder (every supported file below it) or a glob; hidden files and folders never count.
 * The server needs this without walking the disk, to classify one changed file or one open
 * document at a time.
 */
export class SourceScope {
  readonly #rules: Array<{ base: string; match?: (rel: string) => boolean }>;

  constructor(
    readonly patterns: readonly string[],
    readonly folder: string,
  ) {
    this.#rules = patterns.map((pattern) => {
      const { base, glob } = splitPattern(pattern, folder);
      return { base, match: glob ? picomatch(glob, { dot: false }) : undefined };
    });
  }

  /** True when `file` (an absolute path) is matched by one of the patterns. */
  matches(file: string): boolean {
    return this.#rules.some(({ base, match }) => {
      if (file === base) return true;
      if (!isUnder(file, base)) return false;
      const rel = path.relative(base, file).split(path.sep);
      if (rel.some((part) => part.startsWith('.'))) return false;
      return match ? match(rel.join('/')) : isSupportedSource(file);
    });
  }

  /** True when `dir` may contain sources (a deleted folder may have held some). */
  mayContain(dir: string): boolean {
    return this.#rules.some(({ base }) => isUnder(base, dir) || isUnder(dir, base));
  }

  /** What to watch: each pattern's base (it may itself be a file) and everything below it. */
  watchRoots(): WatchRoot[] {
    const roots = new Map<string, WatchRoot>();
    for (const { base } of this.#rules) {
      roots.set(`${base}\0**`, { base, glob: '**' });
      roots.set(`${base}\0self`, { base: path.dirname(base), glob: path.basename(base) });
    }
    return [...roots.values()];
  }
}
