import type { Corpus } from '../corpus';
import type { SentenceFacts } from './analysis';
import { contextKeys } from './analysis';
import { coverage, windowFacts, type Window, type ClaimTerm } from './evidence';
import { compatible, interval, type Quantity } from '../facts/numbers';
import { dateSupports, datesOverlap, type DateMention } from '../facts/dates';
import { containsVerbatim, extractQuotes, quoteWords } from '../facts/quotes';
import { exclusiveClass } from '../facts/entities';
import { wordKey, isContent } from '../text/tokens';

/**
 * Fact-level judgement: for each figure, date, quotation, negation and name of the claim, find
 * the same fact in the aligned source passages and compare values.
 */

export type FactKind = 'number' | 'date' | 'entity' | 'quote' | 'negation';

/** A source statement of a fact. */
export interface Statement {
  facts: SentenceFacts;
  sourceId: string;
  start: number;
  end: number;
  text: string;
  relation: 'supports' | 'conflicts' | 'compatible';
}

export interface FactJudgement {
  kind: FactKind;
  start: number;
  end: number;
  text: string;
  status: 'supported' | 'conflict' | 'unsupported';
  statements: Statement[];
  /** A value a quick fix may use instead of the draft's. */
  replacement?: { text: string; source: string };
  strength: number;
}

/** Windows good enough to look for the same fact in. */
function alignedWindows(windows: readonly Window[], min: number, max = 10): Window[] {
  return windows.filter((w) => w.coverage >= min).slice(0, max);
}

/** Content keys that are not parts of names (so alignment needs more than a shared name). */
function plainKeys(f: SentenceFacts, keys: Set<string>): Set<string> {
  const names = new Set<string>();
  for (const e of f.entities) for (const t of f.tokens) if (t.start >= e.start && t.end <= e.end) names.add(t.key);
  return new Set([...keys].filter((k) => !names.has(k)));
}

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const k of a) if (b.has(k)) n++;
  return n;
}

function unitsComparable(a: Quantity, b: Quantity): boolean {
  if (a.unit === 'ordinal' || b.unit === 'ordinal') return a.unit === b.unit;
  return a.unit === b.unit || (a.unit === '' && b.unit === '' );
}

function sourceOf(corpus: Corpus, f: SentenceFacts, w: Window): string {
  void corpus;
  return f === w.mainFacts ? w.main.sourceId : w.main.sourceId;
}

function dedupe(list: Statement[]): Statement[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = `${s.sourceId}:${s.start}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function decide(kind: FactKind, start: number, end: number, text: string, statements: Statement[], strength: number): FactJudgement {
  const st = dedupe(statements);
  const supports = st.filter((s) => s.relation === 'supports');
  const conflicts = st.filter((s) => s.relation === 'conflicts');
  let status: FactJudgement['status'] = 'unsupported';
  if (supports.length > 0) status = 'supported';
  else if (conflicts.length > 0 && conflicts.length === st.length) status = 'conflict';
  const replacement = status === 'conflict' ? { text: conflicts[0].text, source: conflicts[0].sourceId } : undefined;
  return { kind, start, end, text, status, statements: st, replacement, strength };
}

/**
 * Words that restrict a figure to part of an event ("the first strike", "the latest round"). A
 * source figure about the first strike is not the same fact as a draft figure about all strikes.
 */
const RESTRICTORS = new Set(['first', 'second', 'third', 'last', 'single', 'each', 'another', 'final', 'previous'].map(wordKey));

/** Words that make a figure an expectation rather than an outcome ("analysts had expected 1,100"). */
const MODAL = new Set(['will', 'should', 'expect', 'expected', 'forecast', 'forecasts', 'projected', 'predicted', 'outlook', 'guidance', 'consensus', 'aims', 'goal'].map(wordKey));

function modality(keys: Set<string>): boolean {
  return [...keys].some((k) => MODAL.has(k));
}

/** A figure or date after "compared with", "up from", "than" is the comparison base, not the news. */
const BASE = /(compared (with|to)|versus|\bvs\.?|\bthan|\bup from|\bdown from|\bagainst|\bfrom a)\b[^.;:]*$/i;

function isBase(f: SentenceFacts, start: number): boolean {
  return BASE.test(f.text.slice(Math.max(0, start - f.offset - 40), start - f.offset));
}

/** For dates only "the last", "the previous" pick out another occurrence ("the last flood, in 1987"). */
const DATE_RESTRICTORS = new Set(['last', 'previous'].map(wordKey));

function dateRestrictors(keys: Set<string>): string {
  return [...keys].filter((k) => DATE_RESTRICTORS.has(k)).sort().join(',');
}

function restrictors(keys: Set<string>): string {
  return [...keys].filter((k) => RESTRICTORS.has(k)).sort().join(',');
}

export function judgeQuantities(corpus: Corpus, claim: SentenceFacts, windows: readonly Window[]): FactJudgement[] {
  const out: FactJudgement[] = [];
  for (const q of claim.quantities) {
    const qCtx = contextKeys(claim, q.start, q.phraseEnd, 12);
    const qNoun = q.noun ? wordKey(q.noun) : '';
    const candidates: Array<Statement & { score: number }> = [];
    for (const w of alignedWindows(windows, 0.3)) {
      for (const f of windowFacts(w)) {
        for (const r of f.quantities) {
          if (!unitsComparable(q, r)) continue;
          const rNoun = r.noun ? wordKey(r.noun) : '';
          const rCtx = contextKeys(f, r.start, r.phraseEnd, 12);
          // The verb that governs a figure comes before it ("had expected 1,100", "will cost €75m").
          const qModal = modality(contextKeys(claim, q.start, q.phraseEnd, 8, false));
          const rModal = modality(contextKeys(f, r.start, r.phraseEnd, 8, false));
          if (qModal !== rModal || isBase(claim, q.start) !== isBase(f, r.start)) continue;
          // Restricting words come before the figure ("the first strike ... killing 11").
          if (restrictors(contextKeys(claim, q.start, q.phraseEnd, 12, false)) !== restrictors(contextKeys(f, r.start, r.phraseEnd, 12, false))) continue;
          // The same measured unit (bpd, km, %) names the same kind of quantity; currencies do not.
          const nounMatch = (qNoun !== '' && qNoun === rNoun) || (q.unit !== '' && q.unit === r.unit && !/^(usd|eur|gbp|jpy|cny|inr|rub|chf|ves|ordinal|percent|pp)$/.test(q.unit));
          const qNouns = new Set(q.nouns.map(wordKey));
          const phraseMatch = r.nouns.some((n) => qNouns.has(wordKey(n)));
          const nounCross = (qNoun !== '' && rCtx.has(qNoun)) || (rNoun !== '' && qCtx.has(rNoun));
          // Two different counted nouns are two different facts ("three plants", "1,850 people"),
          // unless one names the other ("deliveries of 4,300 buses").
          if (qNoun && rNoun && !nounMatch && !phraseMatch && !nounCross && !(q.unit && q.unit === r.unit)) continue;
          // What is measured must be named on both sides: a shared counted noun, or shared words
          // around the figure ("net profit", "revenue"); a shared currency alone is not enough.
          const common = weightedShared(corpus, qCtx, rCtx);
          // The very same figure is itself a strong sign of the same fact.
          const same = r.value === q.value && r.unit === q.unit ? 1 : 0;
          // Figures orders of magnitude apart are different quantities, not a misreport.
          if (!same && Math.max(Math.abs(q.value), Math.abs(r.value)) > 50 * Math.max(1e-9, Math.min(Math.abs(q.value), Math.abs(r.value)))) continue;
          const score = (nounMatch || phraseMatch ? 2 : nounCross ? 1 : 0) + common + same;
          if (score < 0.9) continue;
          // "400 kg lighter" against "400 kg more": the same figure in the opposite direction.
          const flipped = q.direction !== 0 && r.direction !== 0 && q.direction !== r.direction;
          const supports = !flipped && within(r, q);
          const relation = supports ? 'supports' : !flipped && compatible(q, r) ? 'compatible' : 'conflicts';
          candidates.push({ facts: f, sourceId: w.main.sourceId, start: r.start, end: r.end, text: r.text, relation, score: score + w.coverage });
        }
      }
    }
    const { statements, strength } = best(candidates);
    const j = decide('number', q.start, q.end, q.text, statements, strength);
    // Ordinals and small numbers in words are often descriptive ("the first reports", "one
    // outlet", "three capitals"); only a contradicting value matters.
    if (j.status === 'unsupported' && (q.unit === 'ordinal' || (/^[a-z]/i.test(q.text) && q.value < 2))) continue;
    out.push(j);
  }
  return out;
}

/** Shared context words weighted by rarity (a shared "revenue" says more than a shared "year"). */
function weightedShared(corpus: Corpus, a: Set<string>, b: Set<string>): number {
  let sum = 0;
  // Floored so that small corpora (where every idf is low) still align shared words.
  for (const k of a) if (b.has(k)) sum += Math.min(1, Math.max(0.5, corpus.idf(k) / 3));
  return sum;
}

/**
 * The statements that align best with a fact: within 70% of the best alignment score. Weaker
 * matches are other facts that merely share some words.
 */
function best(candidates: Array<Statement & { score: number }>): { statements: Statement[]; strength: number } {
  if (candidates.length === 0) return { statements: [], strength: 0 };
  const top = Math.max(...candidates.map((c) => c.score));
  // A source that states the very value is kept even when it aligns somewhat less well.
  const statements = candidates.filter((c) => c.score >= top * 0.7 || (c.relation === 'supports' && c.score >= top * 0.5)).sort((a, b) => b.score - a.score);
  return { statements, strength: Math.min(1, top / 4) };
}

/** Whether the source quantity `r` states the draft's `q` (its values all satisfy q). */
function within(r: Quantity, q: Quantity): boolean {
  if (!unitsComparable(q, r)) return false;
  const [ql, qh] = interval(q);
  const [rl, rh] = interval(r);
  const tol = (x: number) => (Number.isFinite(x) ? Math.abs(x) * 0.01 : 0);
  if (q.qualifier === 'exact' || q.qualifier === 'approx') {
    // An exact figure is stated by the same figure (rounded), or an approximate one by an approximation.
    // An exact figure is stated by the same figure (rounded); an approximate one by a figure
    // within 5% that is not itself only a bound ("around 1,300" is not stated by "up to 1,200").
    const close = Math.abs(r.value - q.value) <= Math.max(tol(q.value), q.qualifier === 'approx' ? q.value * 0.05 : 0);
    const plain = r.qualifier === 'exact' || r.qualifier === 'approx';
    return close && plain && (q.qualifier === 'approx' || r.qualifier === 'exact' || Math.abs(r.value - q.value) <= tol(q.value));
  }
  return rl >= ql - tol(ql) && rh <= qh + tol(qh);
}

export function judgeDates(corpus: Corpus, claim: SentenceFacts, windows: readonly Window[]): FactJudgement[] {
  const out: FactJudgement[] = [];
  for (const d of claim.dates) {
    // A date's event is described anywhere in the sentence, so the whole sentence is its context.
    const dCtx = plainKeys(claim, contextKeys(claim, d.start, d.end, 40));
    const dRestrict = dateRestrictors(contextKeys(claim, d.start, d.end, 12, false));
    const candidates: Array<Statement & { score: number }> = [];
    for (const w of alignedWindows(windows, 0.3)) {
      for (const f of windowFacts(w)) {
        for (const s of f.dates) {
          if (!comparableGrain(d, s)) continue;
          if (dRestrict !== dateRestrictors(contextKeys(f, s.start, s.end, 12, false))) continue;
          if (isBase(claim, d.start) !== isBase(f, s.start)) continue;
          const sCtx = plainKeys(f, contextKeys(f, s.start, s.end, 40));
          const common = weightedShared(corpus, dCtx, sCtx);
          const relation = dateSupports(s, d) ? 'supports' : datesOverlap(s, d) ? 'compatible' : 'conflicts';
          // The same date needs less shared context than a different one to count as the same fact.
          if (common < (relation === 'supports' ? 0.4 : 1)) continue;
          candidates.push({ facts: f, sourceId: w.main.sourceId, start: s.start, end: s.end, text: s.text, relation, score: common + 2 * w.coverage });
        }
      }
    }
    const { statements, strength } = best(candidates);
    out.push(decide('date', d.start, d.end, d.text, statements, strength));
  }
  return out;
}

/** A year range and a day are not the same kind of date statement unless both have a month. */
function comparableGrain(d: DateMention, s: DateMention): boolean {
  if (d.md && !s.md) return !!s.years && !!d.years;
  if (!d.md && s.md) return !!s.years && !!d.years;
  return true;
}

export function judgeQuotes(corpus: Corpus, claim: SentenceFacts, windows: readonly Window[]): FactJudgement[] {
  const out: FactJudgement[] = [];
  for (const q of claim.quotes) {
    const words = quoteWords(q.text);
    if (words.length === 0) continue;
    const statements: Statement[] = [];
    let best: { overlap: number; text: string; f: SentenceFacts; w: Window; start: number; end: number } | undefined;
    for (const w of windows.slice(0, 25)) {
      for (const f of windowFacts(w)) {
        if (containsVerbatim(quoteWords(f.text), words)) {
          const at = f.text.toLowerCase().indexOf(words[0]);
          statements.push({ facts: f, sourceId: w.main.sourceId, start: f.offset + Math.max(0, at), end: f.offset + f.text.length, text: f.text, relation: 'supports' });
          continue;
        }
        for (const sq of extractQuotes(f.text)) {
          const sw = quoteWords(sq.text);
          const common = words.filter((x) => sw.includes(x)).length;
          const overlap = common / words.length;
          if (!best || overlap > best.overlap) best = { overlap, text: sq.text, f, w, start: f.offset + sq.start, end: f.offset + sq.end };
        }
      }
    }
    // An altered quotation: the same speaker context and a quote that shares much of the wording.
    // A long quotation that mostly matches is evidence enough by itself.
    const strongQuote = best !== undefined && words.length >= 4 && best.overlap >= 0.6;
    if (statements.length === 0 && best && words.length >= 2 && best.overlap >= 0.5 && (best.w.coverage >= 0.45 || strongQuote)) {
      statements.push({ facts: best.f, sourceId: best.w.main.sourceId, start: best.start, end: best.end, text: best.text, relation: 'conflicts' });
    }
    out.push(decide('quote', q.start, q.end, q.text, statements, best?.w.coverage ?? 0));
  }
  return out;
}

/**
 * A denied statement in the source that the claim asserts, or the reverse. The denied word is the
 * first content word of a negation scope ("no confirmation", "not on traditional doctrine"); it
 * must be a word the other sentence asserts, so a denial of something else nearby does not count.
 */
export function judgeNegation(claim: SentenceFacts, windows: readonly Window[], terms: readonly ClaimTerm[]): FactJudgement[] {
  const nameKeys = new Set(terms.filter((t) => t.name).map((t) => t.key));
  const claimKeys = new Set(claim.content.map((t) => t.key));
  for (const w of windows.slice(0, 5)) {
    if (w.coverage < 0.45) continue;
    const f = w.mainFacts;
    const sharedContent = [...claimKeys].filter((k) => f.keys.has(k)).length;
    if (sharedContent < 2) continue;
    // The denied word is one of the first two content words of a scope ("lack of publicly released proof").
    const heads = (scopes: string[][]) => scopes.flatMap((sc) => sc.slice(0, 2));
    // A source denying something more specific ("no plans for ground attacks") does not deny the
    // claim's more general statement ("plans to attack"): every denied word must be in the claim.
    const fullyAsserted = f.scopes.filter((sc) => sc.slice(0, 3).every((k) => claimKeys.has(k) || nameKeys.has(k)));
    const denied =
      heads(fullyAsserted).find((k) => claimKeys.has(k) && !nameKeys.has(k) && !claim.negated.has(k)) ??
      heads(claim.scopes).find((k) => f.keys.has(k) && !nameKeys.has(k) && !f.negated.has(k));
    if (!denied) continue;
    const tok = claim.content.find((t) => t.key === denied)!;
    return [
      {
        kind: 'negation',
        start: tok.start,
        end: tok.end,
        text: tok.text,
        status: 'conflict',
        statements: [{ facts: f, sourceId: w.main.sourceId, start: f.offset, end: f.offset + f.text.length, text: f.text, relation: 'conflicts' }],
        strength: w.coverage,
      },
    ];
  }
  return [];
}

/** A name or exclusive descriptor the source replaces with another of the same kind. */
export function judgeSwaps(claim: SentenceFacts, windows: readonly Window[], terms: readonly ClaimTerm[]): FactJudgement[] {
  const out: FactJudgement[] = [];
  const known = terms.filter((t) => !t.unknown);
  const claimCountries = new Set(claim.entities.map((e) => e.country).filter(Boolean));
  const claimLower = new Set(claim.tokens.map((t) => t.lower));
  for (const w of windows.slice(0, 3)) {
    const all = windowFacts(w);
    const keys = new Set(all.flatMap((x) => [...x.keys]));
    // Words no source uses are extra detail; alignment is judged on the rest of the claim.
    if (coverage(known, keys).score < 0.55) continue;
    const f = w.mainFacts;
    const inWindow = (pred: (x: SentenceFacts) => boolean) => all.some(pred);
    for (const e of claim.entities) {
      if (!e.country || inWindow((x) => x.keys.has('country:' + e.country))) continue;
      // A swapped country needs another name of the claim in the passage to anchor the event.
      const anchored = terms.some((t) => t.name && (t.token.start < e.start || t.token.end > e.end) && keys.has(t.key));
      if (!anchored) continue;
      const other = f.entities.find((x) => x.country && !claimCountries.has(x.country) && sameRole(claim, e, f, x));
      if (other) out.push(swap(e.start, e.end, e.text, f, w, other.start, other.end, other.text));
    }
    // A name in the same slot ("signed in Caracas" where the source has "signed ... in Moscow",
    // "patrolling the Pacific" where it has "patrols the Caribbean").
    for (const e of claim.entities) {
      const words = claim.tokens.filter((t) => t.start >= e.start && t.end <= e.end);
      const eTerms = terms.filter((t) => words.includes(t.token));
      if (eTerms.length === 0 || eTerms.some((t) => keys.has(t.key))) continue;
      if (e.country && keys.has('country:' + e.country)) continue;
      const slot = slotOf(claim, e.start);
      if (!slot.prep && !slot.head) continue;
      const unknown = eTerms.some((t) => t.unknown);
      const other = f.entities.find((x) => {
        if (x.words.some((w) => claimLower.has(w)) || (x.country && claimCountries.has(x.country))) return false;
        const o = slotOf(f, x.start);
        const samePrep = slot.prep !== undefined && o.prep === slot.prep;
        const sameHead = slot.head !== undefined && o.head === slot.head;
        // A name no source uses needs the strongest evidence: the same word and preposition before it.
        return unknown ? samePrep && sameHead : samePrep || sameHead;
      });
      if (other) out.push(swap(e.start, e.end, e.text, f, w, other.start, other.end, other.text));
    }
    for (const t of claim.tokens) {
      const cls = exclusiveClass(t.lower);
      if (cls === undefined) continue;
      // Bound to a name: "Rubio has condemned" where the source's word next to Rubio is "hail".
      const bound = boundSwap(claim, t, cls, f, terms);
      if (bound) {
        out.push(swap(t.start, t.end, t.text, f, w, bound.start, bound.end, bound.text));
        continue;
      }
      const sameGroup = (y: { lower: string }) => {
        const c = exclusiveClass(y.lower);
        return c !== undefined && c[0] === cls[0] && c[1] === cls[1];
      };
      if (inWindow((x) => x.tokens.some(sameGroup))) continue;
      const other = f.tokens.find((y) => {
        const c = exclusiveClass(y.lower);
        return c !== undefined && c[0] === cls[0] && c[1] !== cls[1] && !claimLower.has(y.lower) && sameRoleTokens(claim, t.start, t.end, f, y.start, y.end);
      });
      if (other) out.push(swap(t.start, t.end, t.text, f, w, other.start, other.end, other.text));
    }
    if (out.length) break;
  }
  return out;
}

/**
 * The exclusive-class word that the source attaches to the same name as the claim does, when it
 * belongs to another group ("allies like Senator Marco Rubio hail it" against "Rubio has
 * condemned"). Both words must be within a few words of the name.
 */
function boundSwap(claim: SentenceFacts, t: { start: number; lower: string }, cls: [number, number], f: SentenceFacts, terms: readonly ClaimTerm[]): { start: number; end: number; text: string } | undefined {
  const ti = claim.tokens.findIndex((x) => x.start === t.start);
  for (const name of terms.filter((x) => x.name && !x.alt.some((a) => a.startsWith('country:')))) {
    const ni = claim.tokens.indexOf(name.token);
    if (Math.abs(ni - ti) > 4) continue;
    const fi = f.tokens.findIndex((x) => x.key === name.key);
    if (fi < 0) continue;
    let best: { i: number; d: number } | undefined;
    f.tokens.forEach((x, i) => {
      const c = exclusiveClass(x.lower);
      if (c && c[0] === cls[0] && Math.abs(i - fi) <= 4 && (!best || Math.abs(i - fi) < best.d)) best = { i, d: Math.abs(i - fi) };
    });
    if (!best) continue;
    const other = f.tokens[best.i];
    const oc = exclusiveClass(other.lower)!;
    if (oc[1] !== cls[1]) return { start: other.start, end: other.end, text: other.text };
    return undefined;
  }
  return undefined;
}

/**
 * What governs a name: the preposition right before it ("in", "near", "from") and the content
 * word before that ("signed", "airspace", "patrol").
 */
function slotOf(f: SentenceFacts, start: number): { prep?: string; head?: string } {
  const i = f.tokens.findIndex((t) => t.start >= start);
  let j = (i < 0 ? f.tokens.length : i) - 1;
  const out: { prep?: string; head?: string } = {};
  if (j >= 0 && f.tokens[j].lower === 'the') j--;
  if (j >= 0 && /^(in|at|from|to|off|near|into|across|inside|by|with|for|on)$/.test(f.tokens[j].lower)) out.prep = f.tokens[j--].lower;
  if (j >= 0 && f.tokens[j].lower === 'the') j--;
  // The governing word must be right there, not across punctuation.
  if (j >= 0 && !/[,.;:()]/.test(f.text.slice(f.tokens[j].end - f.offset, start - f.offset)) && isContent(f.tokens[j])) out.head = f.tokens[j].key;
  return out;
}

function sameRole(claim: SentenceFacts, a: { start: number; end: number }, f: SentenceFacts, b: { start: number; end: number }): boolean {
  return sameRoleTokens(claim, a.start, a.end, f, b.start, b.end);
}

/** Two spans play the same role when the words right around them overlap. */
function sameRoleTokens(claim: SentenceFacts, as: number, ae: number, f: SentenceFacts, bs: number, be: number): boolean {
  const a = contextKeys(claim, as, ae, 3);
  const b = contextKeys(f, bs, be, 3);
  return shared(a, b) >= 1;
}

function swap(start: number, end: number, text: string, f: SentenceFacts, w: Window, os: number, oe: number, otext: string): FactJudgement {
  return {
    kind: 'entity',
    start,
    end,
    text,
    status: 'conflict',
    statements: [{ facts: f, sourceId: w.main.sourceId, start: os, end: oe, text: otext, relation: 'conflicts' }],
    replacement: { text: otext, source: w.main.sourceId },
    strength: w.coverage,
  };
}

export { isContent };

/**
 * A conflict needs the source to speak of the same thing: the window holding the conflicting
 * value must cover the rest of the claim (every name, every word no source uses, most of the
 * weight). Otherwise the claim is about something the sources do not state, which is
 * "unsupported", not "conflict". A value that supports one fact of the claim is not evidence
 * against another ("€19.8 million, up from €7.1 million").
 */
export function gateConflicts(facts: FactJudgement[], terms: readonly ClaimTerm[], windows: readonly Window[]): FactJudgement[] {
  const supporting = new Set(facts.flatMap((f) => f.statements.filter((s) => s.relation === 'supports').map((s) => `${s.sourceId}:${s.start}`)));
  const out: FactJudgement[] = [];
  for (const f of facts) {
    if (f.status !== 'conflict') {
      out.push(f);
      continue;
    }
    const rest = terms.filter((t) => (t.token.start < f.start || t.token.end > f.end) && !t.unknown);
    const kept = f.statements.filter((s) => {
      if (s.relation !== 'conflicts') return true;
      if (f.kind === 'number' && supporting.has(`${s.sourceId}:${s.start}`)) return false;
      const w = windows.find((x) => windowFacts(x).includes(s.facts));
      if (!w) return false;
      const keys = new Set<string>();
      for (const x of windowFacts(w)) for (const k of x.keys) keys.add(k);
      const { score: restScore, covered } = coverage(rest, keys);
      // Nothing else to align on (the claim is all quotation): the fact's own evidence decides.
      const score = rest.length === 0 ? 1 : restScore;
      // A name the corpus knows but the passage lacks means it is about something else. Figures
      // are local: a person's or place's name must be in the very sentence that gives the figure;
      // countries, often implicit, may come from the neighbouring sentences.
      const own = new Set([...s.facts.keys, ...w.header]);
      const local = f.kind === 'number' || f.kind === 'date';
      const lacks = (t: ClaimTerm) => (local && !t.alt.some((a) => a.startsWith('country:')) ? !own.has(t.key) && !t.alt.some((a) => own.has(a)) : !covered.has(t.key));
      return score >= 0.4 && !rest.some((t) => t.name && lacks(t));
    });
    if (kept.some((s) => s.relation === 'conflicts')) {
      out.push({ ...f, statements: kept });
      continue;
    }
    // Not the same fact after all: negations and swaps vanish; a figure is judged on what is left.
    if (f.kind === 'negation' || f.kind === 'entity') continue;
    out.push({ ...f, status: kept.some((s) => s.relation === 'supports') ? 'supported' : 'unsupported', statements: kept, replacement: undefined });
  }
  return out;
}
