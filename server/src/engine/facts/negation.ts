import { isContent, type Token } from '../text/tokens';

/**
 * Negation scope: which words of a sentence are denied. A cue ("not", "no", "never", "without",
 * "ruled out", "denied") negates the content words that follow it up to punctuation or a
 * contrast ("but"), at most a few words. Double negations ("refused to rule out", "did not deny")
 * cancel.
 */
const CUES = new Set(['not', 'no', 'never', 'without', 'none', 'nobody', 'nothing', 'cannot', "can't", "don't", "doesn't", "didn't", "won't", "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "wouldn't", "shouldn't", "couldn't", 'denied', 'denies', 'deny', 'denying', 'rejected', 'rejects', 'refused', 'refuses', 'dismissed', 'lacking', 'lacks', 'lacked', 'unable', 'failed', 'fails', 'unlikely', 'lack', 'absence']);
const CANCEL_BEFORE = new Set(['refused', 'refuses', 'refuse', 'declined', 'declines', 'not', "didn't", "don't", "doesn't", 'never', "won't"]);
const STOP_SCOPE = new Set(['but', 'however', 'although', 'though', 'while', 'whereas', 'yet', 'instead', 'rather']);
/** A scope covers at most this many content words (function words do not count). */
const MAX_SCOPE = 4;

/** Whether token `i` is a negation cue ("ruled out" counts, at its first word). */
function isCue(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]?.lower;
  if (w === undefined) return false;
  return CUES.has(w) || (/^rul(e|ed|es|ing)$/.test(w) && tokens[i + 1]?.lower === 'out');
}

/** Keys of tokens that lie inside a negation scope. */
export function negatedKeys(tokens: readonly Token[], text: string): Set<string> {
  return new Set(negationScopes(tokens, text).flat());
}

/**
 * Each negation scope as the ordered keys of the content words it covers. The first content word
 * is what is denied ("no confirmation from the Pentagon" denies "confirmation").
 */
export function negationScopes(tokens: readonly Token[], text: string): string[][] {
  const scopes: string[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].lower;
    if (!isCue(tokens, i)) continue;
    // A negated negation: "refused to rule out", "did not deny". Neither cue negates anything.
    const back = tokens.slice(Math.max(0, i - 3), i).map((t) => t.lower);
    if (back.some((b) => CANCEL_BEFORE.has(b)) && w !== 'not' && w !== 'no') continue;
    if (CANCEL_BEFORE.has(w) && [1, 2, 3].some((d) => isCue(tokens, i + d) && tokens[i + d].lower !== 'not' && tokens[i + d].lower !== 'no')) continue;
    const scope: string[] = [];
    for (let j = i + 1, n = 0; j < tokens.length && n < MAX_SCOPE; j++) {
      const gap = text.slice(tokens[j - 1].end, tokens[j].start);
      if (/[,.;:!?()\u2013\u2014]/.test(gap)) break;
      if (STOP_SCOPE.has(tokens[j].lower)) break;
      if (tokens[j].lower === 'out' && j === i + 1) continue;
      // Adverbs ("publicly") modify what is denied; they are not it.
      if (isContent(tokens[j]) && !/^\p{L}{3,}ly$/u.test(tokens[j].lower)) {
        scope.push(tokens[j].key);
        n++;
      }
    }
    if (scope.length) scopes.push(scope);
  }
  return scopes;
}
