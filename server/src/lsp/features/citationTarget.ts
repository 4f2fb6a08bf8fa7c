import type { CitationRef, ClaimResult, IndexedSource } from '../../engine';
import type { AnalysedDraft } from '../drafts';

/** The passage a citation points at, and how it bears on the citing sentence. */
export interface CitationTarget {
  source: IndexedSource;
  claim?: ClaimResult;
  start: number;
  end: number;
  relation?: 'supports' | 'conflicts';
}

/** The sentence that cites `citation` (the engine extends a sentence over a citation after it). */
export function citingClaim(draft: AnalysedDraft, citation: CitationRef): ClaimResult | undefined {
  return draft.report.claims.find((c) => c.start <= citation.start && citation.start < c.end && c.cited.includes(citation.key));
}

/**
 * Where a citation leads: the passage of the cited source that the engine used as evidence for
 * the citing sentence, else the start of the source's text.
 */
export function citationTarget(draft: AnalysedDraft, citation: CitationRef): CitationTarget | undefined {
  const source = draft.corpus.source(citation.key);
  if (!source) return undefined;
  const claim = citingClaim(draft, citation);
  const evidence = claim?.evidence.filter((e) => e.source === citation.key).sort((a, b) => (a.relation === b.relation ? 0 : a.relation === 'supports' ? -1 : 1))[0];
  if (evidence) return { source, claim, start: evidence.start, end: evidence.end, relation: evidence.relation };
  const first = source.passages[0];
  return { source, claim, start: first?.start ?? 0, end: first?.end ?? 0 };
}
