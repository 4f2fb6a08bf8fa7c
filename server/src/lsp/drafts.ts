import * as path from 'node:path';
import { checkDraft, type Corpus, type DraftReport } from '../engine';
import type { FolderIndex } from './folderIndex';
import type { Logger } from './logger';
import type { WorkspaceIndex } from './workspaceIndex';
import { uriToPath } from './uris';

/** File extensions of drafts (the CLI checks the same ones). */
const DRAFT_FILE = /\.(md|markdown|txt)$/i;
const DRAFT_LANGUAGES = new Set(['markdown', 'plaintext']);

/** A draft as the analyzer sees it: an open document or a file read from disk. */
export interface DraftText {
  uri: string;
  /** Document version; files read from disk use -1 and are never cached. */
  version: number;
  text: string;
  /** VS Code language id, or undefined for a file on disk (decided by extension). */
  languageId?: string;
}

export interface AnalysedDraft {
  uri: string;
  version: number;
  text: string;
  folder: FolderIndex;
  corpus: Corpus;
  corpusVersion: number;
  report: DraftReport;
}

interface Entry {
  corpus: Corpus;
  /** The engine's per-sentence cache for this document; only changed sentences are re-analysed. */
  cache: Map<string, unknown>;
  last?: AnalysedDraft;
  failedAt?: string;
  /** How long the last checks took (ms), newest last. */
  durations: number[];
}

/** The pause after an edit before a draft is checked again (see `debounceMs`). */
const SHORT_DEBOUNCE_MS = 0;
const MAX_DEBOUNCE_MS = 200;
/** Checks up to this long (ms) are cheap: they follow the typing closely. */
const CHEAP_CHECK_MS = 30;

export function isDraftFile(file: string): boolean {
  return DRAFT_FILE.test(file);
}

/**
 * Runs the engine over drafts and keeps the latest report of each open one, so hovers, code
 * actions and links reuse the analysis that produced the diagnostics instead of repeating it.
 */
export class DraftAnalyzer {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly logger: Logger,
  ) {}

  /**
   * The folder whose sources a document is checked against, or undefined when the document is
   * not a draft: not Markdown or plain text, outside every folder, or one of the sources.
   */
  folderOf(draft: Pick<DraftText, 'uri' | 'languageId'>): FolderIndex | undefined {
    const file = uriToPath(draft.uri);
    if (draft.languageId !== undefined ? !DRAFT_LANGUAGES.has(draft.languageId) : file === undefined || !isDraftFile(file)) return undefined;
    if (file === undefined) {
      // An untitled draft has no folder; with a single folder open its sources are the obvious choice.
      const folders = this.index.folders();
      return folders.length === 1 ? folders[0] : undefined;
    }
    const folder = this.index.folderOf(file);
    return folder && !folder.isSource(file) ? folder : undefined;
  }

  /** The report of the draft at this version, reusing the last one when nothing changed. */
  analyse(draft: DraftText): AnalysedDraft | undefined {
    const folder = this.folderOf(draft);
    if (!folder) return undefined;
    const corpus = folder.corpus;
    const last = this.#entries.get(draft.uri)?.last;
    if (last && draft.version >= 0 && last.version === draft.version && last.corpus === corpus && last.corpusVersion === corpus.version) return last;
    let entry = this.#entries.get(draft.uri);
    // The engine keys its cache by corpus version, which restarts when a rebuild makes a new corpus.
    if (!entry || entry.corpus !== corpus) {
      entry = { corpus, cache: new Map(), durations: entry?.durations ?? [] };
      if (draft.version >= 0) this.#entries.set(draft.uri, entry);
    }
    const attempt = `${draft.version}:${corpus.version}`;
    try {
      const markdown = draft.languageId !== undefined ? draft.languageId === 'markdown' : !/\.txt$/i.test(draft.uri);
      const started = performance.now();
      const report = checkDraft(corpus, draft.text, { markdown, cache: entry.cache });
      entry.durations.push(performance.now() - started);
      if (entry.durations.length > 5) entry.durations.shift();
      const analysed: AnalysedDraft = { uri: draft.uri, version: draft.version, text: draft.text, folder, corpus, corpusVersion: corpus.version, report };
      if (draft.version >= 0) entry.last = analysed;
      return analysed;
    } catch (e) {
      // An engine bug must not take the server down; log it once per document state.
      if (entry.failedAt !== attempt) this.logger.error(`Checking ${path.basename(uriToPath(draft.uri) ?? draft.uri)} failed.`, e);
      entry.failedAt = attempt;
      return undefined;
    }
  }

  /** The last report of an open document if it is for `version`. */
  latest(uri: string, version: number): AnalysedDraft | undefined {
    const last = this.#entries.get(uri)?.last;
    return last && last.version === version ? last : undefined;
  }

  /** True when the document has been checked before (so further checks are edits to debounce). */
  hasChecked(uri: string): boolean {
    return this.#entries.get(uri)?.last !== undefined;
  }

  /**
   * The pause after an edit before the draft is checked again, from how long its recent checks
   * took (the median of the last five). A cheap check (an edit costs one sentence's analysis, the
   * rest comes from the caches) follows the typing at once: it only lets a cancellation already
   * received through (a pause of even 5 ms was a tenth of the edit latency). An expensive one (a paste, a changed corpus) waits about as long as it takes,
   * up to 200 ms, so that typing on is not held up by checks of versions already gone.
   */
  debounceMs(uri: string): number {
    const durations = [...(this.#entries.get(uri)?.durations ?? [])].sort((a, b) => a - b);
    if (durations.length === 0) return MAX_DEBOUNCE_MS;
    const median = durations[durations.length >> 1];
    return median <= CHEAP_CHECK_MS ? SHORT_DEBOUNCE_MS : Math.round(Math.min(MAX_DEBOUNCE_MS, median));
  }

  forget(uri: string): void {
    this.#entries.delete(uri);
  }
}
