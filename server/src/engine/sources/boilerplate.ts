/**
 * Web boilerplate that must never become evidence: newsletter prompts, SEO "find out more" lines,
 * share/comment widgets, copyright footers, bare URLs and image placeholders. The patterns are
 * generic to web pages, not to any corpus.
 */

const LINE_PATTERNS: RegExp[] = [
  /^(get|receive) (the )?(latest|breaking|daily|top)\b.*\b(news|stories|updates|headlines)/i,
  /\b(sign up|subscribe)\b.*\b(newsletter|inbox|updates|email)/i,
  /\bwe('ll| will) send you\b/i,
  /\bdelivered (daily|weekly|to your inbox)\b/i,
  /^(share|share this( article| story| post)?|tweet|print|email)( on .*)?[:.!]?$/i,
  /^(read|see|find out) more\b/i,
  /^(related|similar|recommended|popular|trending)( posts| articles| stories| reading| news)?[:.]?$/i,
  /^leave a (reply|comment)/i,
  /\byour email address will not be published\b/i,
  /^(responsive image|image|photo|video|advertisement|sponsored|ad)[:.]?$/i,
  /(©|\(c\)|copyright)\s*\d{4}/i,
  /\ball rights reserved\b/i,
  /\b(privacy policy|terms (and|&) conditions|terms of (use|service)|cookie (policy|settings))\b/i,
  /^(follow us|like us|join us)\b/i,
  /^for more\s*:/i,
  /^(by|author|posted by)\s*:?\s*$/i,
  /^(https?:\/\/|www\.)\S+$/i,
  /^[\s•·*\-–—|]*$/,
  /^(comments?|\d+ comments?)$/i,
  /^(click|tap) here\b/i,
  /^(what|which|how) .*\b(do you|you) (think|believe)\b.*\?/i, // reader prompts ("What do you believe ...?")
  /\bshare your thoughts\b/i,
];

/** Sentence-level spam inserted inside paragraphs ("... Find out more about X guide."). */
const SENTENCE_PATTERNS: RegExp[] = [
  /^find out more about\b/i,
  /^(read|see) (more|also)\b/i,
  /^click here\b/i,
  /\bshare your thoughts\b/i,
  /^(for further reading|for more (news|stories|on this))\b/i,
];

/**
 * The same patterns as a few regular expressions: one alternation per flag set, anchored
 * patterns apart from the others, so a line is tested a few times instead of once per pattern
 * (a third of the indexing time went here). An alternation matches exactly when one of its
 * patterns does; a pattern that would not survive being joined (back-references, stateful flags)
 * stays on its own.
 */
function combine(patterns: readonly RegExp[]): RegExp[] {
  const groups = new Map<string, string[]>();
  const alone: RegExp[] = [];
  for (const re of patterns) {
    if (re.global || re.sticky || /\\[1-9k]/.test(re.source)) {
      alone.push(re);
      continue;
    }
    const key = `${re.source.startsWith('^') ? '^' : ''}/${re.flags}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(re.source);
  }
  const out = [...groups.entries()].map(([key, sources]) => new RegExp(sources.map((src) => `(?:${src})`).join('|'), key.slice(key.indexOf('/') + 1)));
  return [...out, ...alone];
}

const LINE_TESTS = combine(LINE_PATTERNS);
const SENTENCE_TESTS = combine(SENTENCE_PATTERNS);

/**
 * Whether a pattern that matches a substring always matches the whole string too: nothing ties
 * it to the start or the end of the text or looks around (a `\b` at the edge of a substring that
 * has spaces or line ends on both sides, as a sentence of a line has, is a `\b` in the line).
 */
const substringSafe = (re: RegExp): boolean => !/[\^$]|\(\?<?[=!]|\\B/.test(re.source);

/**
 * The line patterns that can match a sentence of a line they do not match. For the sentences of
 * a line that is not boilerplate, only these (and the sentence patterns) can still match.
 */
const EDGE_LINE_TESTS = combine(LINE_PATTERNS.filter((re) => !substringSafe(re)));

export function isBoilerplateLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0) return true;
  return LINE_TESTS.some((re) => re.test(t));
}

export function isBoilerplateSentence(sentence: string): boolean {
  const t = sentence.trim();
  return SENTENCE_TESTS.some((re) => re.test(t)) || isBoilerplateLine(t);
}

/**
 * `isBoilerplateSentence` for a sentence of a line that `isBoilerplateLine` found clean, with
 * spaces or line ends around the sentence in the line (what splitSentences gives): the same
 * answer without testing again the line patterns that already failed on the whole line.
 */
export function isBoilerplateSentenceOfCleanLine(sentence: string): boolean {
  const t = sentence.trim();
  if (t.length === 0) return true;
  return SENTENCE_TESTS.some((re) => re.test(t)) || EDGE_LINE_TESTS.some((re) => re.test(t));
}
