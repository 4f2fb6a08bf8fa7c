import type { Passage } from '../types';
import type { Corpus } from '../corpus';
import { indexKeys } from '../corpus';
import { analyse, joinedKeys, type SentenceFacts } from './analysis';
import { aliasesOf, claimAliasKeys } from './aliases';
import { tokenize, isContent, type Token } from '../text/tokens';

/**
 * Retrieval and alignment: the passages that speak of the same thing as a claim, and how much of
 * the claim each one covers. Coverage is IDF-weighted, so rare words (names, specific nouns) count
 * more than common ones, and a word no source uses at all counts most.
 */

/** A retrieved passage with its neighbours (a fact often spans two sentences). */
export interface Window {
  main: Passage;
  mainFacts: SentenceFacts;
  neighbours: SentenceFacts[];
  /** Words that identify the window's source as a whole (title, outlet, dateline). */
  header: ReadonlySet<string>;
  /** Coverage of the claim by the main passage alone and with its neighbours (0..1). */
  coverage: number;
  /** Claim terms found in the window. */
  covered: Set<string>;
  bm25: number;
}

export interface ClaimTerm {
  key: string;
  /** Other keys that also cover the term (a country code for "Venezuelan", "Caracas"). */
  alt: string[];
  weight: number;
  token: Token;
  /** Whether no source passage contains the term. */
  unknown: boolean;
  /** Whether the term is (part of) a name. */
  name: boolean;
}

const factsCache = new WeakMap<Passage, SentenceFacts>();
const headerCache = new WeakMap<object, Set<string>>();

/**
 * Words that identify a source as a whole: its title, outlet, author and dateline (first
 * passage). "Weltexpress says ..." or "the Berlin outlet" are covered by the source itself.
 */
function sourceHeaderKeys(corpus: Corpus, sourceId: string): Set<string> {
  const src = corpus.source(sourceId);
  if (!src) return new Set();
  let keys = headerCache.get(src);
  if (!keys) {
    const m = src.doc.meta;
    const text = [m.title, m.outlet, m.author].filter(Boolean).join(' . ');
    keys = new Set(tokenize(text).filter(isContent).map((t) => t.key));
    const first = src.passages[0];
    if (first) for (const t of tokenize(src.doc.text, first.start, Math.min(first.end, first.start + 80))) if (t.capitalized) keys.add(t.key);
    headerCache.set(src, keys);
  }
  return keys;
}

/** Facts of a source passage, resolved against its source's date; cached per passage. */
export function passageFacts(corpus: Corpus, p: Passage): SentenceFacts {
  let f = factsCache.get(p);
  if (!f) {
    const src = corpus.source(p.sourceId)!;
    f = analyse(src.doc.text, p.start, p.end, src.doc.meta.date);
    factsCache.set(p, f);
  }
  return f;
}

export function claimTerms(corpus: Corpus, claim: SentenceFacts): ClaimTerm[] {
  // A word no source uses weighs as much as the rarest word that some source uses.
  const maxIdf = Math.log(1 + corpus.passageCount + 0.5);
  const terms = new Map<string, ClaimTerm>();
  // Words of a figure ("600,000 barrels per day") are checked as the figure, not as words.
  const inFigure = (t: Token) =>
    claim.quantities.some((q) => (t.start >= q.start && t.end <= q.end) || (q.unit !== '' && q.unit !== 'ordinal' && t.start >= q.end && t.end <= q.phraseEnd && q.noun !== '' && q.noun === q.noun.toLowerCase() && /^(bpd|km|kg|percent|pp|year|day|hour)$/.test(q.unit)));
  const joined = joinedKeys(claim.text, claim.offset, claim.tokens);
  const aliases = claimAliasKeys(claim.tokens, claim.text, claim.offset);
  for (const t of claim.content) {
    if (terms.has(t.key) || inFigure(t)) continue;
    const df = corpus.df(t.key);
    const entity = claim.entities.find((e) => t.start >= e.start && t.end <= e.end);
    const alt = entity?.country ? ['country:' + entity.country] : [];
    const j = joined.get(t);
    if (j) alt.push(j);
    const a = aliases.get(t);
    if (a) alt.push(a);
    const unknown = df === 0;
    terms.set(t.key, {
      key: t.key,
      alt,
      // +1 keeps weights comparable in small corpora, where every idf is close to zero.
      weight: 1 + (df === 0 ? maxIdf : Math.max(0.2, corpus.idf(t.key))),
      token: t,
      unknown,
      // A capitalised first word alone ("Airspace near ...") is not a name.
      name: entity !== undefined && t.capitalized && !(t === claim.tokens[0] && entity.words.length === 1 && !entity.country),
    });
  }
  return [...terms.values()];
}

function coveredBy(term: ClaimTerm, keys: ReadonlySet<string>): boolean {
  return keys.has(term.key) || term.alt.some((a) => keys.has(a));
}

/** Weighted share of `terms` found in `keys` (neighbour keys count `neighbourWeight`). */
export function coverage(terms: readonly ClaimTerm[], keys: ReadonlySet<string>, neighbourKeys?: ReadonlySet<string>, neighbourWeight = 0.8): { score: number; covered: Set<string> } {
  let total = 0;
  let got = 0;
  const covered = new Set<string>();
  for (const t of terms) {
    total += t.weight;
    if (coveredBy(t, keys)) {
      got += t.weight;
      covered.add(t.key);
    } else if (neighbourKeys && coveredBy(t, neighbourKeys)) {
      got += t.weight * neighbourWeight;
      covered.add(t.key);
    }
  }
  return { score: total > 0 ? got / total : 0, covered };
}

/** Retrieves and ranks the windows that best cover the claim. */
export function retrieveWindows(corpus: Corpus, claim: SentenceFacts, terms: readonly ClaimTerm[], allowed: ReadonlySet<string> | undefined, limit = 40): Window[] {
  const query = indexKeys(claim.tokens);
  // Country names help retrieval in every form ("Venezuelan" finds "Venezuela").
  for (const e of claim.entities) if (e.country) query.push(...e.words);
  const hits = corpus.search(query, limit, allowed);
  const windows: Window[] = [];
  for (const h of hits) {
    const p = h.passageRef;
    const mainFacts = passageFacts(corpus, p);
    const neighbours = [corpus.previous(p), corpus.next(p)].filter((x): x is Passage => !!x).map((x) => passageFacts(corpus, x));
    const header = sourceHeaderKeys(corpus, p.sourceId);
    const nKeys = new Set<string>(header);
    for (const n of neighbours) for (const k of n.keys) nKeys.add(k);
    // Aliases the source defines: "the Venezuelan leader" where the window names Maduro, and back.
    const src = corpus.source(p.sourceId);
    if (src) {
      for (const [alias, names] of aliasesOf(src)) {
        if ([...names].some((n) => mainFacts.keys.has(n) || nKeys.has(n))) nKeys.add(alias);
      }
    }
    const { score, covered } = coverage(terms, mainFacts.keys, nKeys);
    windows.push({ main: p, mainFacts, neighbours, header, coverage: score, covered, bm25: h.score });
  }
  windows.sort((a, b) => b.coverage - a.coverage || b.bm25 - a.bm25);
  return windows;
}

/**
 * Greedy cover: the best window, plus up to two more (from any source) that add what the first
 * lacks. Returns the chosen windows and the combined coverage.
 */
export function coverClaim(terms: readonly ClaimTerm[], windows: readonly Window[]): { chosen: Window[]; score: number; plainScore: number; missing: ClaimTerm[] } {
  const total = terms.reduce((s, t) => s + t.weight, 0) || 1;
  const chosen: Window[] = [];
  const covered = new Set<string>();
  let score = 0;
  for (let round = 0; round < 3 && windows.length > 0; round++) {
    let best: Window | undefined;
    let bestGain = 0;
    for (const w of windows) {
      // A window that covers little of the claim by itself is a coincidence, not evidence.
      if (chosen.includes(w) || (round > 0 && w.coverage < 0.4)) continue;
      let gain = 0;
      for (const t of terms) if (!covered.has(t.key) && w.covered.has(t.key)) gain += t.weight;
      // The first pick is the best window overall; later picks must add real content.
      if (gain > bestGain + 1e-9) {
        best = w;
        bestGain = gain;
      }
    }
    // Another source must add a name or a specific word, not just a common one.
    const added = best ? terms.filter((t) => !covered.has(t.key) && best!.covered.has(t.key)) : [];
    const addsSpecific = (added.length >= 2 && added.some((t) => t.name || t.weight >= 3.5)) || (added.some((t) => t.name) && best!.coverage >= 0.5);
    if (!best || (round > 0 && (bestGain / total < 0.08 || !addsSpecific))) break;
    chosen.push(best);
    for (const k of best.covered) covered.add(k);
    score += bestGain / total;
  }
  const missing = terms.filter((t) => !covered.has(t.key));
  // Neighbour matches count 0.8, so recompute the score from the union for a stable figure.
  const got = terms.filter((t) => covered.has(t.key)).reduce((s, t) => s + t.weight, 0);
  // Names weigh a lot; the rest of the claim (what is said of them) must be covered too.
  const plain = terms.filter((t) => !t.name);
  const plainTotal = plain.reduce((s, t) => s + t.weight, 0);
  const plainGot = plain.filter((t) => covered.has(t.key)).reduce((s, t) => s + t.weight, 0);
  return { chosen, score: Math.min(score, got / total), plainScore: plainTotal > 0 ? plainGot / plainTotal : 1, missing };
}

/** All facts of a window (main passage first). */
export function windowFacts(w: Window): SentenceFacts[] {
  return [w.mainFacts, ...w.neighbours];
}

export { analyse };
