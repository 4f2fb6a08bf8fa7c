import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The nearest `.corroborate.json`, walking up from `cwd`, and its `sources` (resolved). */
export function findConfigSources(cwd: string): { file: string; sources: string[] } | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, '.corroborate.json');
    if (existsSync(file)) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(`${file}: invalid JSON (${e instanceof Error ? e.message : e})`);
      }
      const raw = (json as { sources?: unknown })?.sources;
      const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
      if (list.length === 0) throw new Error(`${file}: "sources" must be a path or a list of paths`);
      return { file, sources: list.map((s) => path.resolve(dir, s)) };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
