import type { CitationRef, ClaimResult, DraftReport, Evidence, FactReport, FindingKind, SourceValue, Verdict } from './types';
import type { Corpus } from './corpus';
import { parseDraft } from './draft/markdown';
import { DraftParseCache } from './draft/incremental';
import { findCitations, type CitationGroup } from './draft/citations';
import { disabledRanges } from './draft/directives';
import { isCheckWorthy } from './draft/checkWorthy';
import { splitSentences } from './text/sentences';
import { LineIndex } from './text/lineIndex';
import { analyse, type SentenceFacts } from './verdict/analysis';
import { claimTerms, coverClaim, retrieveWindows, type Window } from './verdict/evidence';
import { gateConflicts, judgeDates, judgeNegation, judgeQuantities, judgeQuotes, judgeSwaps, type FactJudgement } from './verdict/judgeFacts';
import { describe } from './verdict/messages';

export interface CheckOptions {
  /** Parse the draft as Markdown (default) or as plain text. */
  markdown?: boolean;
  /**
   * Results keyed by sentence text, cited keys and corpus version. Pass the same map on every
   * check of a document so that only changed sentences are analysed again.
   */
  cache?: Map<string, unknown>;
}

/** Coverage above which a claim whose facts all check out counts as supported. */
const SUPPORT_COVERAGE = 0.67;

/** A sentence's judgement, independent of where the sentence sits in the draft. */
interface Judgement {
  verdict: Verdict;
  kind: FindingKind;
  message: string;
  confidence: number;
  evidence: Array<Omit<Evidence, 'position' | 'page'>>;
  facts: Array<FactJudgement>;
  suggestedSources?: string[];
}

/** Per verdict cache (so per document): the draft's parse and sentence splits of the last check. */
const draftCaches = new WeakMap<Map<string, unknown>, DraftParseCache>();

/** What the cache keeps of one sentence: its judgement, where it stood, and its placed evidence. */
interface CachedSentence {
  j?: Judgement;
  origin: number;
  /** Evidence and fact values positioned in their sources (they do not move with the draft). */
  sourceSide?: SourceSide;
  /** Where the sentence was placed last time, and the result. */
  placed?: { start: number; end: number; line: number; character: number; text: string; claim: ClaimResult };
}

interface SourceSide {
  evidence: Evidence[];
  /** Per fact of the judgement, the values the sources give. */
  values: SourceValue[][];
}

export function checkDraft(corpus: Corpus, text: string, options: CheckOptions = {}): DraftReport {
  const markdown = options.markdown !== false;
  let draftCache = options.cache && draftCaches.get(options.cache);
  if (options.cache && !draftCache) draftCaches.set(options.cache, (draftCache = new DraftParseCache()));
  // With a cache, only the chunks of the draft that changed since the last check are parsed.
  const { prose, blocks } = draftCache ? draftCache.parse(text, markdown) : parseDraft(text, markdown);
  const lines = new LineIndex(text);
  const groups = findCitations(prose, blocks);
  // Citation brackets are not words of the sentence.
  const clean = maskRanges(prose, groups);
  const disabled = disabledRanges(text);
  const citations: CitationRef[] = [];
  for (const g of groups) {
    if (disabled.some((d) => g.start < d.end && g.end > d.start)) continue;
    for (const k of g.keys) {
      citations.push({
        key: k.key,
        start: k.start,
        end: k.end,
        range: { start: lines.positionAt(k.start), end: lines.positionAt(k.end) },
        unknown: !corpus.has(k.key),
        groupRange: { start: lines.positionAt(g.start), end: lines.positionAt(g.end) },
      });
    }
  }
  const claims: ClaimResult[] = [];
  for (const block of blocks) {
    const sentences = draftCache ? draftCache.sentences(clean, block.start, block.end) : splitSentences(clean, block.start, block.end);
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[i];
      if (disabled.some((d) => s.start < d.end && s.end > d.start)) continue;
      const nextStart = i + 1 < sentences.length ? sentences[i + 1].start : block.end;
      const cited = citedKeys(groups, s.start, nextStart);
      // Look up before analysing: an edit elsewhere in the draft costs this sentence nothing.
      const cacheKey = `${corpus.version}\u0000${cited.join(',')}\u0000${clean.slice(s.start, s.end)}`;
      let cached = options.cache?.get(cacheKey) as CachedSentence | undefined;
      if (!cached) {
        const facts = analyse(clean, s.start, s.end);
        const worthy = isCheckWorthy(facts.text, facts.tokens, facts.quantities.length + facts.dates.length + facts.quotes.length > 0);
        cached = { j: worthy ? judgeSentence(corpus, facts, cited) : undefined, origin: s.start };
        options.cache?.set(cacheKey, cached);
      }
      if (!cached.j) continue;
      cached.sourceSide ??= placeInSources(corpus, cached.j);
      // Fact offsets were computed where the sentence stood then; it may have moved since.
      const shift = s.start - cached.origin;
      // Extend the range over a citation that follows the sentence's full stop.
      let end = s.end;
      for (const g of groups) if (g.start >= s.end && g.start < nextStart && g.end > end) end = g.end;
      claims.push(placeCached(cached, cached.j, cached.sourceSide, shift, text, lines, s.start, end, cited));
    }
  }
  if (options.cache && options.cache.size > 5000) pruneCache(options.cache, corpus.version);
  return { claims, citations };
}

/** `text` with the characters of `ranges` (line breaks excepted) turned into spaces. */
function maskRanges(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const r of sorted) {
    const from = Math.max(at, r.start);
    if (r.end <= from) continue;
    parts.push(text.slice(at, from), text.slice(from, r.end).replace(/[^\r\n]/g, ' '));
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Keys cited inside the sentence or right after it (before the next sentence starts). */
function citedKeys(groups: readonly CitationGroup[], start: number, nextStart: number): string[] {
  const keys: string[] = [];
  for (const g of groups) if (g.start >= start && g.start < nextStart) for (const k of g.keys) keys.push(k.key);
  return [...new Set(keys)];
}

function pruneCache(cache: Map<string, unknown>, version: number): void {
  for (const k of cache.keys()) if (!k.startsWith(`${version}\u0000`)) cache.delete(k);
}

/** Judges one sentence against the corpus (or only against the sources it cites). */
export function judgeSentence(corpus: Corpus, claim: SentenceFacts, cited: readonly string[]): Judgement {
  // Citation keys may be bibliography aliases; compare sources by their real ids.
  const known = [...new Set(cited.filter((k) => corpus.has(k)).map((k) => corpus.resolve(k)))];
  if (known.length > 0) {
    const j = judgeAgainst(corpus, claim, new Set(known));
    if (j.verdict === 'unsupported') {
      // Cited sources are silent: say which other source would support the sentence.
      const open = judgeAgainst(corpus, claim, undefined);
      const others = [...new Set(open.evidence.filter((e) => e.relation === 'supports').map((e) => e.source))].filter((s) => !known.includes(s));
      if (open.verdict === 'supported' && others.length > 0) {
        return {
          ...j,
          kind: 'citation.mismatch',
          message: `The cited source${known.length > 1 ? 's' : ''} ${known.join(', ')} ${known.length > 1 ? 'do' : 'does'} not state this; ${others.join(', ')} ${others.length > 1 ? 'do' : 'does'}.`,
          suggestedSources: others,
          evidence: open.evidence,
        };
      }
    }
    return j;
  }
  return judgeAgainst(corpus, claim, undefined);
}

function judgeAgainst(corpus: Corpus, claim: SentenceFacts, allowed: ReadonlySet<string> | undefined): Judgement {
  const terms = claimTerms(corpus, claim);
  const windows = retrieveWindows(corpus, claim, terms, allowed);
  const cover = coverClaim(terms, windows);
  const facts = gateConflicts(
    [
      ...judgeQuantities(corpus, claim, windows),
      ...judgeDates(corpus, claim, windows),
      ...judgeQuotes(corpus, claim, windows),
      ...judgeNegation(claim, windows, terms),
      ...judgeSwaps(claim, windows, terms),
    ],
    terms,
    windows,
  );
  const conflicts = facts.filter((f) => f.status === 'conflict');
  const unsupportedFacts = facts.filter((f) => f.status === 'unsupported');
  // A missing name, or several words no source uses, mean the sources do not state the claim.
  const criticalMissing = cover.missing.filter((t) => t.name || (t.unknown && t.token.capitalized));
  if (cover.missing.filter((t) => t.unknown).length >= 2) criticalMissing.push(...cover.missing.filter((t) => t.unknown));
  // When every figure and date of the claim is stated, the words around them may be paraphrased more.
  const checkedFacts = facts.filter((f) => f.kind === 'number' || f.kind === 'date' || f.kind === 'quote');
  const factsCarry = checkedFacts.length > 0 && checkedFacts.every((f) => f.status === 'supported');
  const threshold = factsCarry ? SUPPORT_COVERAGE - 0.2 : SUPPORT_COVERAGE;
  let verdict: Verdict;
  if (conflicts.length > 0) verdict = 'conflict';
  else if (cover.score >= threshold && cover.plainScore >= 0.5 && unsupportedFacts.length === 0 && criticalMissing.length === 0 && polarityAgrees(claim, cover.chosen)) verdict = 'supported';
  else verdict = 'unsupported';
  return describe(verdict, claim, facts, cover, windows, { path: (id) => corpus.source(id)?.doc.path ?? id });
}

/**
 * A passage supports a negated claim only if it denies the same thing ("ruled out job cuts" is
 * not supported by a passage that merely mentions job cuts).
 */
function polarityAgrees(claim: SentenceFacts, chosen: readonly Window[]): boolean {
  for (const scope of claim.scopes) {
    const denied = scope[0];
    const holders = chosen.filter((w) => [w.mainFacts, ...w.neighbours].some((f) => f.keys.has(denied)));
    // The denied thing must be stated, and denied, by the evidence.
    if (!holders.some((w) => [w.mainFacts, ...w.neighbours].some((f) => f.negated.has(denied)))) return false;
  }
  return true;
}

/** The evidence and the fact values of a judgement, positioned in their sources. */
function placeInSources(corpus: Corpus, j: Judgement): SourceSide {
  const evidence: Evidence[] = j.evidence.map((e) => {
    const src = corpus.source(e.source);
    const position = src ? src.lines.positionAt(e.start) : { line: 0, character: 0 };
    const page = src?.doc.pageStarts ? pageOf(src.doc.pageStarts, e.start) : undefined;
    return { ...e, position, ...(page ? { page } : {}) };
  });
  const values = j.facts.map((f) =>
    f.statements.map((s) => {
      const src = corpus.source(s.sourceId);
      return { source: s.sourceId, text: s.text, start: s.start, end: s.end, position: src ? src.lines.positionAt(s.start) : { line: 0, character: 0 } };
    }),
  );
  return { evidence, values };
}

/**
 * `place`, reusing the last result of the same cached sentence: the same object when the
 * sentence has not moved, and its positions (ranges of the sentence and of its facts) when only
 * its offsets changed, as for every sentence after an edit on another line. The text decides
 * all positions within the sentence once its first character's position is the same.
 */
function placeCached(cached: CachedSentence, j: Judgement, sources: SourceSide, shift: number, text: string, lines: LineIndex, start: number, end: number, cited: string[]): ClaimResult {
  const at = lines.positionAt(start);
  const slice = text.slice(start, end);
  const last = cached.placed;
  if (last && last.line === at.line && last.character === at.character && last.end - last.start === end - start && last.text === slice) {
    if (last.start === start) return last.claim;
    return { ...last.claim, start, end };
  }
  const claim = place(j, sources, shift, text, lines, start, end, cited);
  cached.placed = { start, end, line: at.line, character: at.character, text: slice, claim };
  return claim;
}

/** Positions a judgement in the draft; its facts were found `shift` characters earlier. */
function place(j: Judgement, sources: SourceSide, shift: number, text: string, lines: LineIndex, start: number, end: number, cited: string[]): ClaimResult {
  const facts: FactReport[] = j.facts.map((f, i) => ({
    kind: f.kind,
    text: f.text,
    range: { start: lines.positionAt(f.start + shift), end: lines.positionAt(f.end + shift) },
    status: f.status,
    values: sources.values[i],
    ...(f.replacement ? { replacement: f.replacement } : {}),
  }));
  return {
    range: { start: lines.positionAt(start), end: lines.positionAt(end) },
    start,
    end,
    text: text.slice(start, end),
    verdict: j.verdict,
    kind: j.kind,
    message: j.message,
    confidence: j.confidence,
    evidence: sources.evidence,
    facts,
    cited,
    ...(j.suggestedSources ? { suggestedSources: j.suggestedSources } : {}),
  };
}

function pageOf(pageStarts: readonly number[], offset: number): number {
  let page = 1;
  for (let i = 0; i < pageStarts.length; i++) if (pageStarts[i] <= offset) page = i + 1;
  return page;
}
