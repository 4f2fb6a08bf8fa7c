import type { Connection, FileEvent, WorkspaceFolder } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import { IndexStatusNotification, type IndexStatus } from '../protocol/protocol';
import type { Settings } from '../protocol/settings';
import { SerialQueue } from './async';
import { FolderIndex, type FileChange } from './folderIndex';
import type { Logger } from './logger';
import { isUnder, uriToPath } from './uris';

export type IndexChangeListener = (folders: readonly FolderIndex[], patternsChanged: boolean) => void;

/**
 * The source indexes of all workspace folders: builds them, applies file changes, reports
 * progress and status. All index work runs through one queue, so a rebuild and an update never
 * interleave; reads (checks, hovers) use whatever complete corpus is current and never wait on it.
 */
export class WorkspaceIndex {
  readonly #folders = new Map<string, FolderIndex>();
  readonly #queue = new SerialQueue();
  readonly #listeners: IndexChangeListener[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly logger: Logger,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
    /** Where persisted indexes are kept (the client's workspace storage), if given. */
    private readonly storagePath?: string,
  ) {}

  folders(): FolderIndex[] {
    return [...this.#folders.values()];
  }

  /** The innermost workspace folder that holds `file` (a path). */
  folderOf(file: string): FolderIndex | undefined {
    let best: FolderIndex | undefined;
    for (const folder of this.#folders.values()) {
      if (isUnder(file, folder.path) && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }

  folderOfUri(uri: string): FolderIndex | undefined {
    const file = uriToPath(uri);
    return file === undefined ? undefined : this.folderOf(file);
  }

  onDidChange(listener: IndexChangeListener): void {
    this.#listeners.push(listener);
  }

  /** Adds and removes folders; new folders are indexed. */
  changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): Promise<void> {
    for (const f of removed) this.#folders.delete(f.uri);
    const fresh: FolderIndex[] = [];
    for (const f of added) {
      const folderPath = uriToPath(f.uri);
      if (folderPath === undefined || this.#folders.has(f.uri)) continue;
      const folder = new FolderIndex(f.uri, folderPath, f.name);
      this.#folders.set(f.uri, folder);
      fresh.push(folder);
    }
    if (removed.length > 0) this.#emit([], true);
    return fresh.length > 0 ? this.#rebuild(fresh) : Promise.resolve();
  }

  /** Re-reads every source of every folder (the persisted indexes are not trusted). */
  reindexAll(): Promise<IndexStatus> {
    return this.#rebuild(this.folders(), true).then(() => this.status());
  }

  /** Rebuilds the folders whose `corroborate.sources` setting changed. */
  async settingsChanged(): Promise<void> {
    const stale: FolderIndex[] = [];
    for (const folder of this.folders()) {
      const settings = await this.settingsFor(folder.uri);
      if (settings.sources.join('\0') !== folder.settingsSources.join('\0')) stale.push(folder);
    }
    if (stale.length > 0) await this.#rebuild(stale);
  }

  /** Applies `workspace/didChangeWatchedFiles` events: only the files that changed are read again. */
  applyFileEvents(events: readonly FileEvent[]): Promise<void> {
    const changes: FileChange[] = [];
    for (const e of events) {
      const file = uriToPath(e.uri);
      if (file !== undefined) changes.push({ path: file, deleted: e.type === FileChangeType.Deleted });
    }
    return this.#queue.run(async () => {
      const rebuild: FolderIndex[] = [];
      const updated: FolderIndex[] = [];
      for (const folder of this.folders()) {
        if (folder.needsRebuild(changes)) rebuild.push(folder);
        else if (folder.concerns(changes)) {
          this.logger.info(`Re-reading ${changes.length} changed file(s) in ${folder.name}.`);
          if (await folder.update(changes)) updated.push(folder);
        }
      }
      if (updated.length > 0) {
        this.#sendStatus();
        this.#emit(updated, false);
      }
      if (rebuild.length > 0) await this.#rebuildNow(rebuild);
    });
  }

  status(): IndexStatus {
    const folders = this.folders();
    const problems = folders.flatMap((f) => f.problems());
    const indexing = folders.filter((f) => f.state === 'indexing');
    const failed = folders.filter((f) => f.state === 'error');
    const status: IndexStatus = {
      state: indexing.length > 0 ? 'indexing' : failed.length > 0 ? 'error' : 'ready',
      sources: folders.reduce((n, f) => n + f.corpus.size, 0),
      passages: folders.reduce((n, f) => n + f.corpus.passageCount, 0),
      problems,
    };
    if (indexing.length > 0) status.message = `Indexing the sources of ${indexing.map((f) => f.name).join(', ')}`;
    else if (failed.length > 0) status.message = failed.map((f) => f.error).join('; ');
    else if (problems.length > 0) status.message = problems.length === 1 ? problems[0].message : `${problems.length} problems with the sources; see the output for details`;
    return status;
  }

  #rebuild(folders: FolderIndex[], fresh = false): Promise<void> {
    for (const f of folders) f.beginIndexing();
    this.#sendStatus();
    return this.#queue.run(() => this.#rebuildNow(folders, fresh));
  }

  async #rebuildNow(folders: FolderIndex[], fresh = false): Promise<void> {
    if (folders.some((f) => f.state !== 'indexing')) {
      for (const f of folders) f.beginIndexing();
      this.#sendStatus();
    }
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Corroborate: indexing sources', 0, undefined, false);
    const started = Date.now();
    try {
      for (const folder of folders) {
        const settings = await this.settingsFor(folder.uri);
        try {
          await folder.rebuild(
            settings.sources,
            (done, total) => {
              progress?.report(total === 0 ? 100 : Math.round((done / total) * 100), `${folder.name}: ${done}/${total} files`);
            },
            { storagePath: this.storagePath, fresh, note: (m) => this.logger.info(m) },
          );
        } catch (e) {
          this.logger.error(`Indexing the sources of ${folder.name} failed.`, e);
        }
        for (const p of folder.problems()) this.logger.warn(p.message);
        const load = folder.lastLoad;
        if (load) this.logger.info(`${folder.name}: ${load.files} source files, ${load.read} read, ${load.fromCache} from the persisted index${load.persisted ? '' : ' (none kept)'}.`);
      }
    } finally {
      progress?.done();
    }
    const status = this.status();
    this.logger.info(`Indexed ${status.sources} sources (${status.passages} passages) in ${Date.now() - started} ms.`);
    this.#sendStatus();
    this.#emit(folders, true);
  }

  #sendStatus(): void {
    void this.connection.sendNotification(IndexStatusNotification.method, this.status() satisfies IndexStatusNotification.Params);
  }

  #emit(folders: readonly FolderIndex[], patternsChanged: boolean): void {
    for (const listener of this.#listeners) {
      try {
        listener(folders, patternsChanged);
      } catch (e) {
        this.logger.error('An index listener failed.', e);
      }
    }
  }
}
