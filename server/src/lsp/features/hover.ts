import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { CitationRef, ClaimResult, Evidence, FactReport } from '../../engine';
import { analyseOpenDraft, type ServerContext } from '../context';
import type { AnalysedDraft } from '../drafts';
import { citationTarget } from './citationTarget';
import { rangeContains } from './positions';
import { escapeMarkdown, passageLink, similarIds, sourceByline } from './sourceInfo';

const VERDICT_TITLE: Record<ClaimResult['verdict'], string> = {
  supported: 'Supported',
  conflict: 'Conflicts with the sources',
  unsupported: 'Not supported by the sources',
};

/** At most this many evidence passages in one hover; the rest are in the Problems panel. */
const MAX_EVIDENCE = 3;

/** Hover on a citation key, a figure or a claim of a draft. */
export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover((params): Hover | undefined => {
    const draft = analyseOpenDraft(ctx, params.textDocument.uri);
    if (!draft) return undefined;
    const pos = params.position;
    const citation = draft.report.citations.find((c) => rangeContains(c.range, pos));
    if (citation) return { contents: { kind: MarkupKind.Markdown, value: citationHover(draft, citation) }, range: citation.range };
    const claim = draft.report.claims.find((c) => rangeContains(c.range, pos));
    if (!claim) return undefined;
    const fact = claim.facts.find((f) => f.values.length > 0 && rangeContains(f.range, pos));
    const parts = fact ? [factHover(draft, fact), claimHover(draft, claim)] : [claimHover(draft, claim)];
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: fact?.range ?? claim.range };
  });
}

/** Every value the sources give for one fact: "**80** in the draft · 61 — source-a · 65 — source-b". */
export function factHover(draft: AnalysedDraft, fact: FactReport): string {
  const values = fact.values.map((v) => {
    const source = draft.corpus.source(v.source);
    return `${escapeMarkdown(v.text.trim())} — ${source ? passageLink(source, v.start, v.source) : escapeMarkdown(v.source)}`;
  });
  return `**${escapeMarkdown(fact.text.trim())}** in the draft · ${values.join(' · ')}`;
}

export function claimHover(draft: AnalysedDraft, claim: ClaimResult): string {
  const lines = [`**Corroborate: ${VERDICT_TITLE[claim.verdict]}** \`${claim.kind}\` (confidence ${claim.confidence.toFixed(2)})`, escapeMarkdown(claim.message)];
  for (const e of claim.evidence.slice(0, MAX_EVIDENCE)) lines.push(evidenceBlock(draft, e));
  if (claim.evidence.length > MAX_EVIDENCE) lines.push(`*${claim.evidence.length - MAX_EVIDENCE} more passages in the Problems panel.*`);
  return lines.join('\n\n');
}

function evidenceBlock(draft: AnalysedDraft, e: Evidence): string {
  const source = draft.corpus.source(e.source);
  const verb = e.relation === 'supports' ? 'States it' : 'Contradicts it';
  const where = source ? [sourceByline(source), passageLink(source, e.start, e.source)].filter(Boolean).join(' · ') : escapeMarkdown(e.source);
  return `${verb}:\n\n> “${escapeMarkdown(e.quote)}”\n>\n> — ${where}${e.page ? `, page ${e.page}` : ''}`;
}

/** The cited source and the passage that supports (or fails to support) the sentence. */
export function citationHover(draft: AnalysedDraft, citation: CitationRef): string {
  if (citation.unknown) {
    const similar = similarIds(draft.corpus, citation.key);
    return `**@${escapeMarkdown(citation.key)}**: no source has this id.${similar.length > 0 ? ` Did you mean ${similar.map((s) => `\`@${s}\``).join(' or ')}?` : ''}`;
  }
  const target = citationTarget(draft, citation);
  if (!target) return `**@${escapeMarkdown(citation.key)}**`;
  const byline = sourceByline(target.source);
  const lines = [`**@${escapeMarkdown(citation.key)}**${byline ? ` — ${byline}` : ''}`];
  const quote = escapeMarkdown(target.source.doc.text.slice(target.start, target.end));
  const link = passageLink(target.source, target.start, citation.key);
  const claim = target.claim;
  if (target.relation === 'supports' && claim?.verdict !== 'conflict' && claim?.kind !== 'citation.mismatch') lines.push(`States the sentence:\n\n> “${quote}”\n>\n> — ${link}`);
  else if (target.relation === 'conflicts') lines.push(`Contradicts the sentence: ${escapeMarkdown(claim?.message ?? '')}\n\n> “${quote}”\n>\n> — ${link}`);
  else if (claim && claim.verdict !== 'supported') lines.push(`Does not state the sentence: ${escapeMarkdown(claim.message)}\n\n${link}`);
  else lines.push(`Opens at: ${link}`);
  return lines.join('\n\n');
}
