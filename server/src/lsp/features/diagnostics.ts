import { DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError, type DocumentDiagnosticReport } from 'vscode-languageserver';
import { delay } from '../async';
import type { ServerContext } from '../context';
import { findingDiagnostics } from './findingDiagnostics';


const EMPTY: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

/** Why a pull was abandoned: the client asks again (`retriggerRequest`). */
function cancelled(): ResponseError<{ retriggerRequest: boolean }> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'Superseded by a newer version of the document', { retriggerRequest: true });
}

/** Answers `textDocument/diagnostic` for open drafts. */
export function registerDiagnostics(ctx: ServerContext): void {
  ctx.connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    let doc = ctx.documents.get(uri);
    if (!doc) return EMPTY;
    const folder = ctx.analyzer.folderOf(doc);
    if (!folder) return EMPTY;
    // Quiet time after an edit before the draft is checked again (adaptive: see debounceMs). The
    // client cancels the pull when the user types on, so the delay doubles as the debounce.
    if (ctx.analyzer.hasChecked(uri) && (await delay(ctx.analyzer.debounceMs(uri), token))) throw cancelled();
    // The first check waits for the index, so a draft never flashes "unsupported" while sources load.
    await folder.ready;
    const settings = await ctx.settings.get(uri);
    doc = ctx.documents.get(uri);
    if (!doc) return EMPTY;
    if (token.isCancellationRequested) throw cancelled();
    const resultId = `${doc.version}/${folder.indexVersion}/${JSON.stringify(settings.severity)}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const analysed = ctx.analyzer.analyse({ uri, version: doc.version, text: doc.getText(), languageId: doc.languageId });
    if (!analysed) return EMPTY;
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: findingDiagnostics(analysed, settings) };
  });
}
