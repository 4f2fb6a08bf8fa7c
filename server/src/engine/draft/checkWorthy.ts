import type { Token } from '../text/tokens';

/**
 * Whether a draft sentence is a check-worthy factual claim. Questions, instructions, sign-offs,
 * the writer's framing of the document itself, and generic evaluative remarks without any
 * concrete anchor are not.
 */
const IMPERATIVES = new Set([
  'use', 'keep', 'remember', 'check', 'see', 'note', 'read', 'let', 'make', 'consider', 'please', 'try', 'look',
  'watch', 'follow', 'contact', 'visit', 'click', 'compare', 'add', 'remove', 'avoid', 'ask', 'send', 'call',
  'verify', 'confirm', 'double-check', 'run', 'do', "don't", 'never', 'always', 'be', 'go', 'find', 'take', 'put',
  'write', 'cite', 'mention', 'include', 'update', 'fix', 'flag', 'get', 'give', 'tell', 'stay', 'think', 'imagine',
]);
const SIGN_OFFS = /^(thanks|thank you|cheers|regards|best|hi|hello|dear|ok|okay|yes|no)\b[\s,!.]*(all|everyone|team|folks)?[\s,!.]*$/i;
const DOC_NOUNS = '(?:review|article|piece|explainer|guide|section|story|draft|post|roundup|brief|briefing|overview|summary|newsletter|package|chapter|paragraph|edition|episode)s?';
const FRAMING: RegExp[] = [
  new RegExp(`\\b(this|our|these|the following|the next|future|upcoming)\\s+${DOC_NOUNS}\\b`, 'i'),
  new RegExp(`\\b${DOC_NOUNS}\\s+(below|above)\\b`, 'i'),
  /\b(below|above)\s*[:.]?$/i,
  /\bhere(?:'s| is| are)\b/i,
  /\b(we|i)\s+(will|shall|'ll|look|examine|check|review|explain|consider|focus|begin|start)\b/i,
  /\b(let's|let us)\b/i,
  /\bin (this|the next|the following) (section|piece|article|review)\b/i,
  /\b(below|above)\b/i,
  /\bunless (stated|noted|marked|indicated|specified)\b|\bunless (otherwise )?(stated|noted|marked)\b|\botherwise (stated|noted|marked)\b/i,
  /\b(sources|outlets|reports|accounts|figures|numbers)\s+(agree|disagree|differ|vary|conflict)\b/i,
  /\b(varies|vary|differs?) from (outlet|source|report) to (outlet|source|report)\b/i,
  /\b(claims?|figures?|numbers?)\s+(in|from) (the|this|our) (box|table|list|chart|release)\b/i,
];
/** Words of the writer's own method: a sentence about claims, citations and checks is framing. */
const META = new Set(['claim', 'claims', 'statement', 'statements', 'sentence', 'sentences', 'citation', 'citations', 'citing', 'cite', 'cites', 'check', 'checked', 'checks', 'sourced', 'fact-check', 'footnote', 'footnotes']);

/** First-person words outside quotations are the writer speaking about the piece. */
const FIRST_PERSON = /\b([Ww]e|[Ww]e've|[Ww]e're|[Ww]e'll|us|[Oo]ur|[Oo]urs|I|I'm|I've|[Mm]y)\b/;
const EVALUATIVE = new Set([
  'easy', 'hard', 'difficult', 'big', 'interesting', 'important', 'clear', 'unclear', 'obvious', 'sure', 'broadly',
  'largely', 'generally', 'overall', 'arguably', 'surely', 'certainly', 'perhaps', 'maybe', 'probably',
  'question', 'knows', 'know', 'nobody', 'everyone', 'anyone', 'good', 'bad',
]);

export function isCheckWorthy(sentence: string, tokens: readonly Token[], hasFacts: boolean): boolean {
  const s = sentence.trim();
  if (tokens.length < 3) return false;
  if (/\?["”’)]?$/.test(s)) return false;
  if (SIGN_OFFS.test(s)) return false;
  const first = tokens[0].lower;
  // An imperative: a bare verb first, not followed by a verb-like auxiliary ("Use the figures ...").
  if (IMPERATIVES.has(first) && !/^(has|have|had|is|are|was|were|will|said|says)$/.test(tokens[1]?.lower ?? '')) return false;
  if (FRAMING.some((re) => re.test(s))) return false;
  if (FIRST_PERSON.test(withoutQuotes(s))) return false;
  // Clauses after a semicolon can be instructions too ("...; check everything before it runs").
  for (const part of s.split(/;\s*/).slice(1)) {
    const w = part.trim().split(/\s+/)[0]?.toLowerCase();
    if (w && IMPERATIVES.has(w)) return false;
  }
  const anchored = hasFacts || tokens.slice(1).some((t) => t.capitalized);
  // Talk about the piece's own claims and citations ("The remaining claims have no citation yet").
  if (!anchored && tokens.some((t) => META.has(t.lower))) return false;
  if (!anchored) {
    if (tokens.length <= 6) return false;
    if (tokens.some((t) => EVALUATIVE.has(t.lower))) return false;
  }
  return true;
}

function withoutQuotes(s: string): string {
  return s.replace(/[\u201c"][^\u201d"]*[\u201d"]/g, ' ').replace(/(^|\s)\u2018[^\u2019]*\u2019(?!\p{L})/gu, ' ');
}
