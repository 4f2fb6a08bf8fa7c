import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, type Connection, type Disposable, type FileEvent, type FileSystemWatcher } from 'vscode-languageserver';
import { Batcher } from './async';
import type { Logger } from './logger';
import type { WorkspaceIndex } from './workspaceIndex';
import { pathToUri } from './uris';

/** Events within this quiet period are handled together (editors save in several steps). */
const BATCH_MS = 100;

/**
 * Asks the client to watch the sources (and each folder's `.corroborate.json`) and hands the
 * changes to the index in batches. The watchers are registered dynamically because they follow
 * the `sources` patterns, which change with the settings.
 */
export class SourceWatcher {
  #registration: Promise<Disposable> | undefined;
  #watching = '';
  readonly #batcher: Batcher<FileEvent>;

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex,
    private readonly logger: Logger,
    private readonly relativePatterns: boolean,
  ) {
    this.#batcher = new Batcher(BATCH_MS, (events) => {
      this.index.applyFileEvents(events).catch((e: unknown) => this.logger.error('Updating the index after file changes failed.', e));
    });
    connection.onDidChangeWatchedFiles((params) => this.#batcher.add(params.changes));
  }

  /** (Re-)registers the watchers for the current patterns of every folder. */
  async update(): Promise<void> {
    const watchers = this.#watchers();
    const key = JSON.stringify(watchers);
    if (key === this.#watching) return;
    this.#watching = key;
    const previous = this.#registration;
    this.#registration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    try {
      (await previous)?.dispose();
      await this.#registration;
    } catch (e) {
      this.logger.error('Could not register the source file watchers; run "Corroborate: Reindex sources" after changing sources.', e);
    }
  }

  dispose(): void {
    this.#batcher.dispose();
    void this.#registration?.then((d) => d.dispose());
  }

  #watchers(): FileSystemWatcher[] {
    const watchers: FileSystemWatcher[] = [];
    const watch = (base: string, glob: string) => {
      watchers.push({ globPattern: this.relativePatterns ? { baseUri: pathToUri(base), pattern: glob } : `${base.split(path.sep).join('/')}/${glob}` });
    };
    for (const folder of this.index.folders()) {
      watch(folder.path, path.basename(folder.configFile));
      for (const root of folder.scope.watchRoots()) watch(root.base, root.glob);
    }
    return watchers;
  }
}
