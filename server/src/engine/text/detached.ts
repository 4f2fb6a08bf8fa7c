/**
 * A copy of `s` that does not keep a larger string alive.
 *
 * V8 represents a substring of 13 or more characters as a pointer into its parent, so a word,
 * name or quote cut out of a 20 KB source text keeps the whole text in memory for as long as it
 * lives. Whatever outlives the check of one passage (the facts cached per passage, the verdicts
 * cached per sentence, tables of words) holds copies instead: with thousands of passages cached,
 * substrings kept tens of megabytes of decoded source texts alive.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
