import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { ClaimResult, FindingKind } from '../../engine';
import { disabledRanges } from '../../engine/draft/directives';
import { DIAGNOSTIC_SOURCE } from '../../protocol/protocol';
import type { SeverityLevel, Settings } from '../../protocol/settings';
import type { AnalysedDraft } from '../drafts';
import type { FindingData, Replacement } from './findingData';
import { similarIds, sourceLocation } from './sourceInfo';

const SEVERITY: Record<Exclude<SeverityLevel, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function severityOf(kind: FindingKind, settings: Settings): SeverityLevel {
  if (kind.startsWith('conflict.')) return settings.severity.conflict;
  if (kind.startsWith('citation.')) return settings.severity.citation;
  return kind === 'unsupported' ? settings.severity.unsupported : 'off';
}

/**
 * The diagnostics of a draft: one per claim that is not supported, on the whole sentence (as the
 * CLI reports it), and one per citation of an unknown source id, on the key.
 */
export function findingDiagnostics(draft: AnalysedDraft, settings: Settings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const claim of draft.report.claims) {
    if (claim.verdict === 'supported' && claim.kind === 'supported') continue;
    const level = severityOf(claim.kind, settings);
    if (level === 'off') continue;
    // The engine hands out the same range object while a sentence keeps its place and verdict
    // (edits elsewhere): its diagnostic is the same too.
    const known = diagnosticCache.get(claim.range);
    if (known && known.level === level && known.claim.kind === claim.kind && known.claim.message === claim.message && known.claim.evidence === claim.evidence) {
      out.push(known.diagnostic);
      continue;
    }
    const diagnostic: Diagnostic = {
      range: claim.range,
      severity: SEVERITY[level],
      source: DIAGNOSTIC_SOURCE,
      code: claim.kind,
      message: claim.message,
      relatedInformation: relatedInformation(draft, claim),
      data: findingData(claim),
    };
    diagnosticCache.set(claim.range, { level, claim, diagnostic });
    out.push(diagnostic);
  }
  const citationLevel = settings.severity.citation;
  if (citationLevel !== 'off') {
    // The engine leaves out claims under a corroborate-disable directive, but lists every citation.
    const disabled = disabledRanges(draft.text);
    for (const citation of draft.report.citations) {
      if (!citation.unknown || disabled.some((d) => citation.start < d.end && citation.end > d.start)) continue;
      const similar = similarIds(draft.corpus, citation.key);
      const claim = draft.report.claims.find((c) => c.start <= citation.start && citation.start < c.end);
      out.push({
        range: citation.range,
        severity: SEVERITY[citationLevel],
        source: DIAGNOSTIC_SOURCE,
        code: 'citation.unknown',
        message: `No source has the id "${citation.key}".${similar.length > 0 ? ` Did you mean ${similar.map((s) => `@${s}`).join(' or ')}?` : ''}`,
        data: { claim: claim?.range ?? citation.range, unknownKey: { key: citation.key, similar } } satisfies FindingData,
      });
    }
  }
  return out;
}

/** The diagnostic of a claim by its range object (see findingDiagnostics). */
const diagnosticCache = new WeakMap<object, { level: SeverityLevel; claim: ClaimResult; diagnostic: Diagnostic }>();

/**
 * Related information by evidence list. The engine hands out the same evidence list for a
 * sentence until the sentence or the corpus changes, so an edit elsewhere reuses it.
 */
const relatedCache = new WeakMap<object, DiagnosticRelatedInformation[]>();

function relatedInformation(draft: AnalysedDraft, claim: ClaimResult): DiagnosticRelatedInformation[] {
  let out = relatedCache.get(claim.evidence);
  if (!out) relatedCache.set(claim.evidence, (out = computeRelatedInformation(draft, claim)));
  return out;
}

function computeRelatedInformation(draft: AnalysedDraft, claim: ClaimResult): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  for (const e of claim.evidence) {
    const source = draft.corpus.source(e.source);
    if (!source) continue;
    const verb = e.relation === 'supports' ? 'States it' : 'Contradicts it';
    out.push({ location: sourceLocation(source, e.start, e.end), message: `${verb} (${e.source}): “${e.quote}”` });
  }
  return out;
}

function findingData(claim: ClaimResult): FindingData {
  const replacements: Replacement[] = [];
  for (const f of claim.facts) {
    if (f.status !== 'conflict' || !f.replacement) continue;
    // The fact's range may include spaces around the value; keep them.
    const [, lead, , trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(f.text)!;
    replacements.push({ range: f.range, from: f.text.trim(), to: f.replacement.text.trim(), newText: lead + f.replacement.text.trim() + trail, source: f.replacement.source });
  }
  const cite = claim.kind === 'citation.mismatch' ? claim.suggestedSources : undefined;
  return { claim: claim.range, ...(cite && cite.length > 0 ? { cite } : {}), ...(replacements.length > 0 ? { replacements } : {}) };
}
