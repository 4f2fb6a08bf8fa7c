import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import { escapeMarkdown } from './sourceInfo';

/**
 * A citation key being typed inside brackets: "[@val", "[see @a; @b", "[-@x". Captures the part
 * of the key before the cursor.
 */
const KEY_BEFORE_CURSOR = /(?:^|[\s;[,])-?@([\p{L}\p{N}_:.#$%&+?<>~/-]*)$/u;

/** Completes source ids after `[@`, with each source's title and date in the detail. */
export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((params): CompletionItem[] => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const folder = ctx.analyzer.folderOf(doc);
    if (!folder) return [];
    const lineText = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
    // Only inside an open bracket: a bare "@" in prose is more often a handle or an address.
    if (lineText.lastIndexOf('[') <= lineText.lastIndexOf(']')) return [];
    const typed = KEY_BEFORE_CURSOR.exec(lineText);
    if (!typed) return [];
    const range = { start: { line: params.position.line, character: params.position.character - typed[1].length }, end: params.position };
    return folder.corpus.sources().map((source): CompletionItem => {
      const { id, meta, path } = source.doc;
      const detail = [meta.title, meta.date].filter(Boolean).join(' · ');
      return {
        label: id,
        kind: CompletionItemKind.Reference,
        ...(detail ? { detail } : {}),
        documentation: {
          kind: MarkupKind.Markdown,
          value: [meta.outlet && escapeMarkdown(meta.outlet), meta.author && `by ${escapeMarkdown(meta.author)}`, `\`${escapeMarkdown(path)}\``, `${source.passageCount} passages`].filter(Boolean).join(' · '),
        },
        textEdit: { range, newText: id },
        sortText: id,
      };
    });
  });
}
