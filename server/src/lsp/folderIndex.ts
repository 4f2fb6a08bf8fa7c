import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Corpus, type SourceDocument } from '../engine';
import { cacheFileFor, sourceFolderContaining } from '../corpus/cache';
import { findSourceFiles } from '../corpus/findSources';
import { isSupportedSource, readSource } from '../corpus/readSource';
import { loadFolderOffThread } from '../indexer/folderClient';
import type { IndexProblem, IndexState } from '../protocol/protocol';
import { FOLDER_CONFIG_FILE, readFolderConfig, type FolderConfigProblem } from './folderConfig';
import { SourceScope } from './sourceScope';
import { isUnder } from './uris';

/** A file that was created, changed or deleted on disk. */
export interface FileChange {
  path: string;
  deleted: boolean;
}

/** Reports indexing progress: `done` of `total` files read. */
export type ProgressSink = (done: number, total: number) => void;

export interface RebuildOptions {
  /**
   * Folder of the persisted indexes (the editor's workspace storage); without one, a folder
   * under the OS temp folder named after the workspace folder. `false`: no persisted index.
   */
  storagePath?: string | false;
  /** Read every source again, whatever the persisted index says (a forced reindex). */
  fresh?: boolean;
  /** Receives remarks about the persisted index (corrupt, not writable). */
  note?: (message: string) => void;
}

/** The default folder of a workspace folder's persisted indexes: under the OS temp folder. */
export function defaultStoragePath(folder: string): string {
  return path.join(tmpdir(), 'corroborate-index', createHash('sha1').update(path.resolve(folder)).digest('hex').slice(0, 16));
}

interface FileProblem extends IndexProblem {
  /** Set when the file was skipped because another file already has this source id. */
  clashId?: string;
}

/**
 * The sources of one workspace folder and their corpus.
 *
 * A full rebuild builds a new corpus beside the old one and swaps it in at the end, so checks
 * keep using a complete index while it runs; file changes update the live corpus one source at a
 * time. Callers serialise these operations (see WorkspaceIndex).
 */
export class FolderIndex {
  #corpus = new Corpus();
  #scope: SourceScope;
  #idByPath = new Map<string, string>();
  #pathById = new Map<string, string>();
  #fileProblems = new Map<string, FileProblem>();
  #walkProblems: IndexProblem[] = [];
  #configProblem: FolderConfigProblem | undefined;
  #settingsSources: readonly string[] = [];
  #generation = 0;
  #state: IndexState = 'indexing';
  #error: string | undefined;
  #markReady!: () => void;
  /** Settles when the first build has finished (well or not). */
  readonly ready = new Promise<void>((resolve) => (this.#markReady = resolve));

  constructor(
    readonly uri: string,
    readonly path: string,
    readonly name: string,
  ) {
    this.#scope = new SourceScope([], path);
  }

  #lastLoad: { files: number; read: number; fromCache: number; persisted: boolean } | undefined;

  /** What the last rebuild read: files, files read, sources taken from the persisted index. */
  get lastLoad(): { files: number; read: number; fromCache: number; persisted: boolean } | undefined {
    return this.#lastLoad;
  }

  get corpus(): Corpus {
    return this.#corpus;
  }

  /** Changes whenever the corpus changes (a rebuild swaps in a new corpus whose version restarts). */
  get indexVersion(): string {
    return `${this.#generation}.${this.#corpus.version}`;
  }

  get scope(): SourceScope {
    return this.#scope;
  }

  get state(): IndexState {
    return this.#state;
  }

  get error(): string | undefined {
    return this.#error;
  }

  get configProblem(): FolderConfigProblem | undefined {
    return this.#configProblem;
  }

  /** The `corroborate.sources` setting the last build used (a `.corroborate.json` may override it). */
  get settingsSources(): readonly string[] {
    return this.#settingsSources;
  }

  get configFile(): string {
    return path.join(this.path, FOLDER_CONFIG_FILE);
  }

  problems(): IndexProblem[] {
    const out: IndexProblem[] = [];
    if (this.#configProblem) out.push({ path: this.#configProblem.path, message: this.#configProblem.message });
    out.push(...this.#walkProblems, ...this.#fileProblems.values());
    if (this.#error) out.push({ path: this.path, message: this.#error });
    return out.map(({ path, message }) => ({ path, message }));
  }

  /** Problems of single source files (unreadable, clashing ids), which can be shown on the file. */
  fileProblems(): IndexProblem[] {
    return [...this.#fileProblems.values()].map(({ path, message }) => ({ path, message }));
  }

  sourcePath(id: string): string | undefined {
    return this.#pathById.get(id);
  }

  /** True for files that are sources (indexed, or matched by the patterns), which are never drafts. */
  isSource(file: string): boolean {
    return this.#idByPath.has(file) || this.#fileProblems.has(file) || this.#scope.matches(file);
  }

  beginIndexing(): void {
    this.#state = 'indexing';
  }

  /**
   * Reads the folder's configuration and its sources again: in an index worker thread, so that
   * requests are answered meanwhile, and through the persisted index, so that only sources that
   * changed since it was written are read. Never throws.
   */
  async rebuild(settingsSources: readonly string[], progress: ProgressSink, options: RebuildOptions = {}): Promise<void> {
    this.#state = 'indexing';
    try {
      const config = await readFolderConfig(this.path);
      const patterns = config.sources ?? [...settingsSources];
      const configProblem = config.problem && { ...config.problem, message: `${config.problem.message}; using the corroborate.sources setting (${patterns.join(', ')}) instead` };
      const walkProblems: IndexProblem[] = [];
      const files = await findSourceFiles(patterns, this.path, walkProblems);
      const cacheFile = await this.#cacheFile(patterns, options);
      progress(0, files.length);
      const loaded = await loadFolderOffThread({ role: 'folder', files, cacheFile, fresh: options.fresh }, progress);
      for (const n of loaded.notes) options.note?.(n);
      this.#lastLoad = { files: files.length, ...loaded.stats, persisted: cacheFile !== undefined };
      const corpus = loaded.corpus;
      const idByPath = new Map<string, string>();
      const pathById = new Map<string, string>();
      const fileProblems = new Map<string, FileProblem>();
      for (const o of loaded.outcomes) {
        if (o.id !== undefined) {
          idByPath.set(o.file, o.id);
          pathById.set(o.id, o.file);
        } else if (o.clash) fileProblems.set(o.file, clashProblem(o.file, o.clash.id, o.clash.owner));
        else if (o.unsupported) fileProblems.set(o.file, unsupportedProblem(o.file));
        else if (o.error !== undefined) fileProblems.set(o.file, { path: o.file, message: o.error });
      }
      progress(files.length, files.length);
      this.#corpus = corpus;
      this.#generation++;
      this.#scope = new SourceScope(patterns, this.path);
      this.#idByPath = idByPath;
      this.#pathById = pathById;
      this.#fileProblems = fileProblems;
      this.#walkProblems = walkProblems;
      this.#configProblem = configProblem;
      this.#settingsSources = settingsSources;
      this.#error = undefined;
      this.#state = 'ready';
    } catch (e) {
      this.#error = `Indexing ${this.name} failed: ${e instanceof Error ? e.message : String(e)}`;
      this.#state = 'error';
      throw e;
    } finally {
      this.#markReady();
    }
  }

  /** The persisted index file for these source patterns, or undefined for none. */
  async #cacheFile(patterns: readonly string[], options: RebuildOptions): Promise<string | undefined> {
    if (options.storagePath === false) return undefined;
    const dir = options.storagePath ?? defaultStoragePath(this.path);
    // Never inside the sources (it would be watched, and could be taken for one).
    if (await sourceFolderContaining(dir, patterns, this.path)) return undefined;
    return cacheFileFor(dir, patterns, this.path);
  }

  /** True when a change needs a full rebuild (the folder's configuration changed). */
  needsRebuild(changes: readonly FileChange[]): boolean {
    return changes.some((c) => c.path === this.configFile);
  }

  /** True when any of the changes may concern a source of this folder. */
  concerns(changes: readonly FileChange[]): boolean {
    return changes.some((c) => this.#idByPath.has(c.path) || this.#fileProblems.has(c.path) || this.#scope.matches(c.path) || (c.deleted && this.#scope.mayContain(c.path)));
  }

  /** Re-reads only the files that changed. Returns whether the corpus or the problems changed. */
  async update(changes: readonly FileChange[]): Promise<boolean> {
    let changed = false;
    const retry = new Set<string>();
    for (const change of changes) {
      if (change.deleted) {
        for (const file of [...this.#idByPath.keys(), ...this.#fileProblems.keys()]) {
          if (!isUnder(file, change.path)) continue;
          const id = this.#idByPath.get(file);
          if (id !== undefined) for (const [other, p] of this.#fileProblems) if (p.clashId === id) retry.add(other);
          this.#forget(file);
          changed = true;
        }
        continue;
      }
      const kind = await stat(change.path).catch(() => undefined);
      if (!kind) continue; // gone again before we got to it: its delete event follows
      const files = kind.isDirectory() ? (await findSourceFiles([change.path], this.path)).filter((f) => this.#scope.matches(f)) : this.#scope.matches(change.path) ? [change.path] : [];
      for (const file of files) {
        await this.#indexFile(file);
        changed = true;
      }
    }
    for (const file of retry) if (this.#fileProblems.has(file)) await this.#indexFile(file);
    return changed;
  }

  async #indexFile(file: string): Promise<void> {
    const read = await readOne(file);
    const oldId = this.#idByPath.get(file);
    if ('message' in read) {
      // A source that became unreadable no longer vouches for anything.
      this.#forget(file);
      this.#fileProblems.set(file, read);
      return;
    }
    const owner = this.#pathById.get(read.id);
    if (owner && owner !== file) {
      this.#forget(file);
      this.#fileProblems.set(file, clashProblem(file, read.id, owner));
      return;
    }
    if (oldId !== undefined && oldId !== read.id) this.#forget(file);
    this.#fileProblems.delete(file);
    this.#corpus.upsert(read);
    this.#idByPath.set(file, read.id);
    this.#pathById.set(read.id, file);
  }

  #forget(file: string): void {
    const id = this.#idByPath.get(file);
    if (id !== undefined) {
      this.#corpus.remove(id);
      this.#pathById.delete(id);
      this.#idByPath.delete(file);
    }
    this.#fileProblems.delete(file);
  }
}

function unsupportedProblem(file: string): FileProblem {
  return { path: file, message: `${path.basename(file)}: unsupported source format, skipped` };
}

async function readOne(file: string): Promise<SourceDocument | FileProblem> {
  if (!isSupportedSource(file)) return unsupportedProblem(file);
  try {
    return await readSource(file);
  } catch (e) {
    return { path: file, message: e instanceof Error ? e.message : String(e) };
  }
}

function clashProblem(file: string, id: string, owner: string): FileProblem {
  return { path: file, message: `${path.basename(file)}: source id "${id}" is also used by ${owner}; this file is skipped`, clashId: id };
}
