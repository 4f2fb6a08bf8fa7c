import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedDraft, DraftAnalyzer } from './drafts';
import type { Logger } from './logger';
import type { SettingsStore } from './settingsStore';
import type { WorkspaceIndex } from './workspaceIndex';

/** What the LSP features share; built once in server.ts. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly index: WorkspaceIndex;
  readonly analyzer: DraftAnalyzer;
  readonly settings: SettingsStore;
  readonly logger: Logger;
}

/**
 * The analysis of an open draft at its current version: the one the diagnostics produced if it
 * is still current, otherwise a fresh one (cheap: the engine re-analyses only changed sentences).
 */
export function analyseOpenDraft(ctx: ServerContext, uri: string): AnalysedDraft | undefined {
  const doc = ctx.documents.get(uri);
  if (!doc) return undefined;
  const latest = ctx.analyzer.latest(uri, doc.version);
  if (latest && latest.corpus === latest.folder.corpus && latest.corpusVersion === latest.corpus.version) return latest;
  return ctx.analyzer.analyse({ uri, version: doc.version, text: doc.getText(), languageId: doc.languageId });
}
