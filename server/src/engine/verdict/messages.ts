import type { Evidence, FindingKind, Verdict } from '../types';
import type { SentenceFacts } from './analysis';
import type { ClaimTerm, Window } from './evidence';
import type { FactJudgement, Statement } from './judgeFacts';

/** Turns fact judgements into the verdict's message, kind, confidence and evidence. */

type BareEvidence = Omit<Evidence, 'position' | 'page'>;

const MAX_QUOTE = 400;

function evidenceOf(corpus: { path(id: string): string }, s: { sourceId: string; facts: SentenceFacts }, relation: BareEvidence['relation']): BareEvidence {
  const f = s.facts;
  const text = f.text.length > MAX_QUOTE ? f.text.slice(0, MAX_QUOTE - 1) + '…' : f.text;
  return { source: s.sourceId, path: corpus.path(s.sourceId), quote: text, relation, start: f.offset, end: f.offset + f.text.length };
}

/** "61 (a), over 60 (b) and 65 (c)" */
function listValues(statements: readonly Statement[]): string {
  const parts = statements.map((s) => `${s.text.trim()} (${s.sourceId})`);
  const unique = [...new Set(parts)];
  if (unique.length <= 1) return unique.join('');
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

function conflictMessage(f: FactJudgement): string {
  const against = f.statements.filter((s) => s.relation !== 'supports');
  switch (f.kind) {
    case 'number':
      return `${against.length > 1 ? 'Sources give' : 'The source gives'} ${listValues(against)}; the draft says ${f.text.trim()}.`;
    case 'date':
      return `${against.length > 1 ? 'Sources give' : 'The source gives'} ${listValues(against)}; the draft says ${f.text.trim()}.`;
    case 'quote':
      return `The quotation differs from the source: “${against[0].text.trim()}” (${against[0].sourceId}); the draft has “${f.text.trim()}”.`;
    case 'negation':
      return `The source says the opposite about “${f.text}”: “${clip(against[0].facts.text)}” (${against[0].sourceId}).`;
    case 'entity':
      return `The source names ${against[0].text} (${against[0].sourceId}), not ${f.text}.`;
  }
}

function clip(s: string, n = 160): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

const KIND_OF: Record<FactJudgement['kind'], FindingKind> = {
  number: 'conflict.number',
  date: 'conflict.date',
  entity: 'conflict.entity',
  quote: 'conflict.quote',
  negation: 'conflict.negation',
};

export interface Described {
  verdict: Verdict;
  kind: FindingKind;
  message: string;
  confidence: number;
  evidence: BareEvidence[];
  facts: FactJudgement[];
}

export function describe(
  verdict: Verdict,
  claim: SentenceFacts,
  facts: FactJudgement[],
  cover: { chosen: Window[]; score: number; plainScore: number; missing: ClaimTerm[] },
  windows: readonly Window[],
  paths: { path(id: string): string },
): Described {
  void claim;
  if (verdict === 'conflict') {
    const conflicts = facts.filter((f) => f.status === 'conflict').sort((a, b) => b.strength - a.strength);
    const main = conflicts[0];
    const evidence: BareEvidence[] = [];
    for (const f of conflicts) for (const s of f.statements) if (s.relation === 'conflicts') evidence.push(evidenceOf(paths, s, 'conflicts'));
    // A passage that contradicts the claim is listed once, as a conflict.
    const against = new Set(evidence.map((e) => `${e.source}:${e.start}`));
    for (const f of facts) for (const s of f.statements) if (s.relation === 'supports' && !against.has(`${s.sourceId}:${s.facts.offset}`)) evidence.push(evidenceOf(paths, s, 'supports'));
    return {
      verdict,
      kind: KIND_OF[main.kind],
      message: conflicts.map(conflictMessage).join(' '),
      confidence: round(0.55 + 0.4 * Math.min(1, main.strength)),
      evidence: uniqueEvidence(evidence),
      facts,
    };
  }
  if (verdict === 'supported') {
    const evidence = cover.chosen.map((w) => evidenceOf(paths, { sourceId: w.main.sourceId, facts: w.mainFacts }, 'supports'));
    const sources = [...new Set(evidence.map((e) => e.source))];
    return {
      verdict,
      kind: 'supported',
      message: `Supported by ${sources.join(' and ')}: “${clip(evidence[0].quote)}”`,
      confidence: round(0.5 + 0.45 * cover.score),
      evidence: uniqueEvidence(evidence),
      facts,
    };
  }
  const missing = cover.missing.slice().sort((a, b) => b.weight - a.weight).slice(0, 4).map((t) => t.token.text);
  const unsupportedFacts = facts.filter((f) => f.status === 'unsupported').map((f) => f.text.trim());
  const detail = unsupportedFacts.length > 0 ? ` No source states ${unsupportedFacts.map((t) => `“${t}”`).join(', ')}.` : missing.length > 0 ? ` Not found in the sources: ${missing.join(', ')}.` : '';
  const best = windows[0];
  return {
    verdict,
    kind: 'unsupported',
    message: `No source supports this claim.${detail}`,
    confidence: round(0.5 + 0.45 * (1 - (best?.coverage ?? 0))),
    evidence: [],
    facts,
  };
}

function uniqueEvidence(list: BareEvidence[]): BareEvidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.source}:${e.start}:${e.relation}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}
