import type { ServerContext } from '../context';
import { findingDiagnostics } from './findingDiagnostics';

/**
 * Diagnostics of open drafts for clients without pull diagnostics (`textDocument/diagnostic`,
 * LSP 3.17), such as Neovim before 0.10 or Emacs' eglot: they only show what the server
 * publishes with `textDocument/publishDiagnostics`. Clients that pull (VS Code) never use this.
 */
export class PushDiagnostics {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ctx: ServerContext) {}

  /**
   * Checks an open draft after a pause (at once when it was just opened) and publishes the result.
   * The pause adapts to how long the draft's checks take, as for pulled diagnostics.
   */
  schedule(uri: string, ms = this.ctx.analyzer.debounceMs(uri)): void {
    clearTimeout(this.#timers.get(uri));
    this.#timers.set(
      uri,
      setTimeout(() => {
        this.#timers.delete(uri);
        this.#publish(uri).catch((e: unknown) => this.ctx.logger.error(`Publishing the diagnostics of ${uri} failed.`, e));
      }, ms),
    );
  }

  /** Every open draft again: the sources or the settings changed. */
  refreshAll(): void {
    for (const doc of this.ctx.documents.all()) this.schedule(doc.uri, 0);
  }

  closed(uri: string): void {
    clearTimeout(this.#timers.get(uri));
    this.#timers.delete(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  async #publish(uri: string): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    const folder = doc && this.ctx.analyzer.folderOf(doc);
    if (!doc || !folder) return;
    // As with pulled diagnostics, the first check waits for the index.
    await folder.ready;
    const settings = await this.ctx.settings.get(uri);
    const current = this.ctx.documents.get(uri);
    // Closed meanwhile, or changed (a newer check is scheduled).
    if (!current || current.version !== doc.version) return;
    const analysed = this.ctx.analyzer.analyse({ uri, version: doc.version, text: doc.getText(), languageId: doc.languageId });
    if (!analysed) return;
    void this.ctx.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: findingDiagnostics(analysed, settings) });
  }
}
