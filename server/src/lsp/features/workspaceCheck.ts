import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CheckWorkspaceResult } from '../../protocol/protocol';
import { yieldToEventLoop } from '../async';
import type { ServerContext } from '../context';
import { isDraftFile } from '../drafts';
import type { FolderIndex } from '../folderIndex';
import { pathToUri, uriToPath } from '../uris';
import { findingDiagnostics } from './findingDiagnostics';

/** Folders never searched for drafts. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/**
 * *Check all drafts*: checks every draft file of the workspace, open or not, so the Problems
 * panel shows what the CLI reports in CI. Closed drafts get pushed diagnostics; open drafts keep
 * their pulled ones (pushing too would show every finding twice). Once run, the results are
 * kept current: a closed draft is re-checked from disk, and everything when the sources change.
 */
export class WorkspaceCheck {
  #pushed = new Set<string>();
  #hasRun = false;
  #running: Promise<CheckWorkspaceResult> | undefined;
  #again = false;

  constructor(private readonly ctx: ServerContext) {}

  run(): Promise<CheckWorkspaceResult> {
    if (this.#running) {
      // A run is under way; run once more after it so changes made meanwhile are seen.
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        void this.run();
      }
    });
    return this.#running;
  }

  indexChanged(): void {
    if (this.#hasRun) void this.run().catch((e: unknown) => this.ctx.logger.error('Re-checking the workspace failed.', e));
  }

  documentOpened(uri: string): void {
    const file = uriToPath(uri);
    const pushedUri = file && pathToUri(file);
    if (pushedUri && this.#pushed.delete(pushedUri)) void this.ctx.connection.sendDiagnostics({ uri: pushedUri, diagnostics: [] });
  }

  async documentClosed(uri: string): Promise<void> {
    const file = uriToPath(uri);
    if (!this.#hasRun || !file || !isDraftFile(file)) return;
    const folder = this.ctx.index.folderOf(file);
    if (folder && !folder.isSource(file)) await this.#checkFile(folder, file);
  }

  async #run(): Promise<CheckWorkspaceResult> {
    const progress = await this.ctx.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Corroborate: checking all drafts', 0, undefined, false);
    const open = new Map<string, string>();
    for (const doc of this.ctx.documents.all()) {
      const file = uriToPath(doc.uri);
      if (file) open.set(file, doc.uri);
    }
    const result: CheckWorkspaceResult = { drafts: 0, diagnostics: 0 };
    const seen = new Set<string>();
    try {
      for (const folder of this.ctx.index.folders()) {
        await folder.ready;
        const files = (await draftFiles(folder.path)).filter((f) => !folder.isSource(f) && this.ctx.index.folderOf(f) === folder);
        for (const [i, file] of files.entries()) {
          progress?.report(Math.round((i / files.length) * 100), path.relative(folder.path, file));
          const openUri = open.get(file);
          const count = openUri ? await this.#countOpen(openUri) : await this.#checkFile(folder, file);
          if (count === undefined) continue;
          result.drafts++;
          result.diagnostics += count;
          seen.add(pathToUri(file));
          await yieldToEventLoop();
        }
      }
    } finally {
      progress?.done();
    }
    for (const uri of this.#pushed) {
      if (!seen.has(uri)) {
        this.#pushed.delete(uri);
        void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    this.#hasRun = true;
    this.ctx.logger.info(`Checked ${result.drafts} drafts: ${result.diagnostics} findings.`);
    return result;
  }

  /** Checks a draft file from disk and pushes its diagnostics; undefined if it cannot be read. */
  async #checkFile(folder: FolderIndex, file: string): Promise<number | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      this.ctx.logger.warn(`Cannot read the draft ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return undefined;
    }
    const uri = pathToUri(file);
    const analysed = this.ctx.analyzer.analyse({ uri, version: -1, text });
    if (!analysed || analysed.folder !== folder) return undefined;
    const diagnostics = findingDiagnostics(analysed, await this.ctx.settings.get(uri));
    this.#pushed.add(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics });
    return diagnostics.length;
  }

  /** Counts the findings of an open draft; its diagnostics are pulled by the client. */
  async #countOpen(uri: string): Promise<number | undefined> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return undefined;
    const analysed = this.ctx.analyzer.analyse({ uri, version: doc.version, text: doc.getText(), languageId: doc.languageId });
    return analysed ? findingDiagnostics(analysed, await this.ctx.settings.get(uri)).length : undefined;
  }
}

/** Markdown and text files below `root`, skipping hidden folders and node_modules. */
async function draftFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) await walk(full);
      else if (entry.isFile() && isDraftFile(entry.name)) out.push(full);
    }
  };
  await walk(root);
  return out;
}
