import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Corpus, type SourceDocument } from '../engine';
import { findSourceFiles } from '../corpus/findSources';
import { isSupportedSource, readSource } from '../corpus/readSource';
import type { IndexProblem, IndexState } from '../protocol/protocol';
import { yieldToEventLoop } from './async';
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

  /** Reads the folder's configuration and every source again. Never throws. */
  async rebuild(settingsSources: readonly string[], progress: ProgressSink): Promise<void> {
    this.#state = 'indexing';
    try {
      const config = await readFolderConfig(this.path);
      const patterns = config.sources ?? [...settingsSources];
      const configProblem = config.problem && { ...config.problem, message: `${config.problem.message}; using the corroborate.sources setting (${patterns.join(', ')}) instead` };
      const walkProblems: IndexProblem[] = [];
      const files = await findSourceFiles(patterns, this.path, walkProblems);
      const corpus = new Corpus();
      const idByPath = new Map<string, string>();
      const pathById = new Map<string, string>();
      const fileProblems = new Map<string, FileProblem>();
      for (const [i, file] of files.entries()) {
        progress(i, files.length);
        const read = await readOne(file);
        if ('message' in read) fileProblems.set(file, read);
        else {
          const owner = pathById.get(read.id);
          if (owner) fileProblems.set(file, clashProblem(file, read.id, owner));
          else {
            corpus.upsert(read);
            idByPath.set(file, read.id);
            pathById.set(read.id, file);
          }
        }
        // Splitting and indexing a source is synchronous; let hovers and edits through in between.
        await yieldToEventLoop();
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

async function readOne(file: string): Promise<SourceDocument | FileProblem> {
  if (!isSupportedSource(file)) return { path: file, message: `${path.basename(file)}: unsupported source format, skipped` };
  try {
    return await readSource(file);
  } catch (e) {
    return { path: file, message: e instanceof Error ? e.message : String(e) };
  }
}

function clashProblem(file: string, id: string, owner: string): FileProblem {
  return { path: file, message: `${path.basename(file)}: source id "${id}" is also used by ${owner}; this file is skipped`, clashId: id };
}
