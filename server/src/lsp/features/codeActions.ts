import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../../protocol/protocol';
import { analyseOpenDraft, type ServerContext } from '../context';
import { citeEdits } from './citationEdits';
import { isFindingData, type FindingData } from './findingData';
import { ignoreFileEdit, ignoreLineEdit } from './ignoreEdits';
import { rangesOverlap } from './positions';

/** How many sources a *Cite* offers for one sentence. */
const MAX_CITE = 3;

/**
 * Quick fixes. Findings carry what their fixes need in `Diagnostic.data`. *Cite* on a supported
 * sentence without a citation (which has no diagnostic) reads the report the diagnostics came
 * from; after an edit that the diagnostics have not caught up with, the engine's sentence cache
 * makes the fresh report cheap.
 */
export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (params) => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    const settings = await ctx.settings.get(doc.uri);
    const draft = analyseOpenDraft(ctx, doc.uri);
    const actions: CodeAction[] = [];
    const edit = (title: string, edits: TextEdit[], diagnostic?: Diagnostic, preferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      ...(preferred ? { isPreferred: true } : {}),
      edit: { changes: { [doc.uri]: edits } },
    });
    const corpus = ctx.analyzer.folderOf(doc)?.corpus;
    const cite = (ids: readonly string[], claim: { start: number; end: number }, diagnostic?: Diagnostic) => {
      for (const id of ids.slice(0, MAX_CITE)) {
        const source = corpus?.source(id);
        if (source) actions.push(edit(`Cite ${id}`, citeEdits(settings.citation.style, { text, uri: doc.uri, start: claim.start, end: claim.end }, source), diagnostic, actions.length === 0));
      }
    };

    const ignored = new Set<number>();
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isFindingData(diagnostic.data)) continue;
      const data: FindingData = diagnostic.data;
      for (const r of data.replacements ?? []) actions.push(edit(`Replace ${r.from} with ${r.to} (${r.source})`, [{ range: r.range, newText: r.newText }], diagnostic, true));
      for (const id of data.unknownKey?.similar ?? []) actions.push(edit(`Change @${data.unknownKey!.key} to @${id}`, [{ range: { start: { ...diagnostic.range.start, character: diagnostic.range.start.character + 1 }, end: diagnostic.range.end }, newText: id }], diagnostic, true));
      if (data.cite) cite(data.cite, { start: doc.offsetAt(data.claim.start), end: doc.offsetAt(data.claim.end) }, diagnostic);
      const line = data.claim.start.line;
      if (!ignored.has(line)) {
        ignored.add(line);
        actions.push(edit('Ignore this claim', [ignoreLineEdit(text, line)], diagnostic));
      }
    }
    if (draft) {
      // Supported sentences without a citation: offer to cite the sources that state them.
      for (const claim of draft.report.claims) {
        if (claim.verdict !== 'supported' || claim.cited.length > 0 || !rangesOverlap(claim.range, params.range)) continue;
        const ids = [...new Set(claim.evidence.filter((e) => e.relation === 'supports').map((e) => e.source))];
        cite(ids, claim);
      }
    }
    if (ignored.size > 0) actions.push(edit('Ignore in this file', [ignoreFileEdit(text)]));
    return actions;
  });
}
