import { fold } from '../text/tokens';

/** A quotation in text: the words between quote marks, with offsets of the inner text. */
export interface QuoteMention {
  start: number;
  end: number;
  text: string;
}

const PAIRS: Array<[string, string]> = [
  ['\u201c', '\u201d'],
  ['"', '"'],
  ['\u2018', '\u2019'],
  ["'", "'"],
  ['\u00ab', '\u00bb'],
];

/** Finds quotations. Single quotes count only when they open after a space and close before a non-letter. */
export function extractQuotes(doc: string, from = 0, to = doc.length): QuoteMention[] {
  // Search only the span: a document-wide indexOf per sentence would be quadratic.
  const text = doc.slice(0, to);
  const out: QuoteMention[] = [];
  for (const [open, close] of PAIRS) {
    let i = from;
    while (i < to) {
      const s = text.indexOf(open, i);
      if (s < 0 || s >= to) break;
      const prev = s > 0 ? text[s - 1] : ' ';
      const single = open === '\u2018' || open === "'";
      if ((single || open === '"') && /[\p{L}\p{N}]/u.test(prev)) {
        i = s + 1;
        continue; // an apostrophe or a closing mark
      }
      let e = text.indexOf(close, s + 1);
      // For single quotes skip apostrophes inside words ("Maduro’s").
      while (single && e >= 0 && e < to && /\p{L}/u.test(text[e + 1] ?? '')) e = text.indexOf(close, e + 1);
      if (e < 0 || e > to) break;
      const inner = text.slice(s + 1, e);
      if (/\p{L}/u.test(inner) && !out.some((q) => s + 1 < q.end && e > q.start)) out.push({ start: s + 1, end: e, text: inner });
      i = e + 1;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Words of a quotation for verbatim comparison: folded, punctuation-free. */
export function quoteWords(s: string): string[] {
  return fold(s)
    .replace(/[’']/g, "'")
    .split(/[^\p{L}\p{N}'\-]+/u)
    .map((w) => w.replace(/^['\-]+|['\-]+$/g, ''))
    .filter(Boolean);
}

/** Whether the quotation's words appear contiguously in the passage's words. */
export function containsVerbatim(passageWords: readonly string[], quote: readonly string[]): boolean {
  if (quote.length === 0) return false;
  outer: for (let i = 0; i + quote.length <= passageWords.length; i++) {
    for (let j = 0; j < quote.length; j++) if (passageWords[i + j] !== quote[j]) continue outer;
    return true;
  }
  return false;
}
