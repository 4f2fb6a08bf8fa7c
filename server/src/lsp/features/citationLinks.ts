import type { DocumentLink, Location } from 'vscode-languageserver';
import { analyseOpenDraft, type ServerContext } from '../context';
import { citationTarget } from './citationTarget';
import { rangeContains } from './positions';
import { sourceLocation } from './sourceInfo';
import { fileLinkAt } from '../uris';

/** Go to definition on a citation key (the cited passage) and document links for every key. */
export function registerCitationLinks(ctx: ServerContext): void {
  ctx.connection.onDefinition((params): Location[] => {
    const draft = analyseOpenDraft(ctx, params.textDocument.uri);
    const citation = draft?.report.citations.find((c) => !c.unknown && rangeContains(c.range, params.position));
    const target = draft && citation && citationTarget(draft, citation);
    return target ? [sourceLocation(target.source, target.start, target.end)] : [];
  });

  ctx.connection.onDocumentLinks((params): DocumentLink[] => {
    const draft = analyseOpenDraft(ctx, params.textDocument.uri);
    if (!draft) return [];
    const links: DocumentLink[] = [];
    for (const citation of draft.report.citations) {
      const target = citation.unknown ? undefined : citationTarget(draft, citation);
      if (!target) continue;
      const at = target.source.lines.positionAt(target.start);
      links.push({ range: citation.range, target: fileLinkAt(target.source.doc.path, at.line, at.character), tooltip: `Open ${target.source.doc.meta.title ?? target.source.doc.id}` });
    }
    return links;
  });
}
