import { tokenize, isContent, wordKey, type Token } from '../text/tokens';
import { extractQuantities, type Quantity } from '../facts/numbers';
import { extractDates, type DateMention } from '../facts/dates';
import { extractQuotes, type QuoteMention } from '../facts/quotes';
import { extractEntities, type EntityMention } from '../facts/entities';
import { negationScopes } from '../facts/negation';
import { detached } from '../text/detached';

/** Everything extracted from one sentence (of the draft or of a source). */
export interface SentenceFacts {
  text: string;
  /** Offset of `text` in its document; all offsets below are document offsets. */
  offset: number;
  tokens: Token[];
  content: Token[];
  quantities: Quantity[];
  dates: DateMention[];
  quotes: QuoteMention[];
  entities: EntityMention[];
  negated: Set<string>;
  /** Negation scopes, each the ordered content keys it denies. */
  scopes: string[][];
  /** Keys of all tokens plus the country codes of entities ("country:VEN"). */
  keys: Set<string>;
}

/**
 * Analyses `doc.slice(start, end)`. `reference` is the ISO date relative dates resolve against
 * (a source's publication date; none for drafts).
 */
export function analyse(doc: string, start: number, end: number, reference?: string): SentenceFacts {
  // Facts outlive this call (cached per passage, quoted in verdicts): their strings are copies,
  // so that they do not keep the whole source text alive.
  const text = detached(doc.slice(start, end));
  const tokens = tokenize(doc, start, end);
  const quotes = extractQuotes(doc, start, end).map((q) => ({ ...q, text: detached(q.text) }));
  const entities = extractEntities(tokens, doc).map((e) => ({ ...e, text: detached(e.text) }));
  const keys = new Set(tokens.map((t) => t.key));
  // "build-up" and "buildup" are one word: hyphenated pairs also count in their joined form.
  for (const k of joinedKeys(text, start, tokens).values()) keys.add(k);
  const scopes = negationScopes(tokens, doc);
  for (const e of entities) if (e.country) keys.add('country:' + e.country);
  return new AnalysedSentence(text, start, tokens, quotes, entities, scopes, keys, reference);
}

/**
 * The facts of a sentence, its dates and figures found when first asked for (from its own text,
 * so nothing else is kept for them): of the dozens of passages retrieved for a claim, most are
 * only compared by their words, and finding dates and figures was a third of analysing one.
 */
class AnalysedSentence implements SentenceFacts {
  readonly content: Token[];
  readonly negated: Set<string>;
  #dates: DateMention[] | undefined;
  #quantities: Quantity[] | undefined;

  constructor(
    readonly text: string,
    readonly offset: number,
    readonly tokens: Token[],
    readonly quotes: QuoteMention[],
    readonly entities: EntityMention[],
    readonly scopes: string[][],
    readonly keys: Set<string>,
    private readonly reference: string | undefined,
  ) {
    this.content = tokens.filter(isContent);
    this.negated = new Set(scopes.flat());
  }

  get dates(): DateMention[] {
    return (this.#dates ??= extractDates(this.text, this.reference).map((d) => ({ ...d, start: d.start + this.offset, end: d.end + this.offset })));
  }

  get quantities(): Quantity[] {
    if (this.#quantities) return this.#quantities;
    const start = this.offset;
    const dates = this.dates.map((d) => ({ start: d.start - start, end: d.end - start }));
    this.#quantities = extractQuantities(this.text, dates).map((q) => ({ ...q, start: q.start + start, end: q.end + start, phraseEnd: q.phraseEnd + start }));
    return this.#quantities;
  }
}

/** Content-word keys within `radius` tokens of [start, end) (excluding the span itself). */
export function contextKeys(f: SentenceFacts, start: number, end: number, radius = 6, after = true): Set<string> {
  const out = new Set<string>();
  const idx = f.tokens.findIndex((t) => t.end > start);
  const first = idx < 0 ? f.tokens.length : idx;
  let last = first;
  while (last < f.tokens.length && f.tokens[last].start < end) last++;
  for (let i = Math.max(0, first - radius); i < Math.min(f.tokens.length, after ? last + radius : first); i++) {
    if (i >= first && i < last) continue;
    const t = f.tokens[i];
    if (isContent(t)) out.add(t.key);
  }
  return out;
}

/**
 * For each token of a hyphenated pair ("build-up"), the key of the joined word ("buildup").
 * `text` starts at document offset `offset`; token offsets are document offsets.
 */
export function joinedKeys(text: string, offset: number, tokens: readonly Token[]): Map<Token, string> {
  const out = new Map<Token, string>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (b.start === a.end + 1 && text[a.end - offset] === '-') {
      const k = wordKey(a.lower + b.lower);
      out.set(a, k);
      out.set(b, k);
    }
  }
  return out;
}
