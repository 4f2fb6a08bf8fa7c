import { isBoilerplateLine } from '../engine/sources/boilerplate';

/** Cookie and consent banners, which readability-class extractors often keep next to the article. */
const COOKIE_PATTERNS: RegExp[] = [
  /\b(we|this (site|website)|our (site|website)|it) uses? cookies\b/i,
  /\buse of cookies\b/i,
  /\b(accept|allow|reject|decline|manage) (all |our )?(cookies|tracking)\b/i,
  /\bcookie (consent|preferences|notice|banner|settings)\b/i,
  /\bby (continuing|clicking|using this (site|website))\b.*\b(agree|accept|consent)\b/i,
  /^(accept|reject|decline|agree|ok|got it|i agree|allow all|customi[sz]e)( all)?[.!]?$/i,
  /^(skip to (main )?content|back to top|advertisement|subscribe|log ?in|sign ?in|sign up|menu|search)$/i,
];

export function isCookieOrChromeLine(line: string): boolean {
  const t = line.trim();
  return COOKIE_PATTERNS.some((re) => re.test(t));
}

/**
 * The line-level boilerplate filter applied to extracted text (HTML, DOCX): drops the engine's
 * generic web boilerplate lines and cookie banners, trims each line and keeps at most one blank
 * line between paragraphs.
 */
export function cleanLines(lines: readonly string[]): string {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (line && (isBoilerplateLine(line) || isCookieOrChromeLine(line))) continue;
    if (!line && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
