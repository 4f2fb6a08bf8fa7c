/**
 * Pandoc citations in a draft: `[@id]`, `[@a; @b]`, `[see @a, p. 3]`, and bare `@id` in prose.
 */

export interface CitationGroup {
  start: number;
  end: number;
  keys: Array<{ key: string; start: number; end: number }>;
}

const GROUP = /\[([^\[\]\n]*@[^\[\]\n]*)\]/g;
// Keys may be one character long (`[@a; @b]`); inner punctuation is allowed, a trailing one is not.
const KEY = /(^|[\s;\[,-])-?@([\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])?)/gu;

/** Finds bracketed Pandoc citation groups in `text` (searching only inside the given ranges). */
export function findCitations(text: string, ranges: Array<{ start: number; end: number }>): CitationGroup[] {
  const out: CitationGroup[] = [];
  for (const r of ranges) {
    const slice = text.slice(r.start, r.end);
    GROUP.lastIndex = 0;
    for (let m = GROUP.exec(slice); m; m = GROUP.exec(slice)) {
      if (slice[m.index + m[0].length] === '(') continue; // a link "[text @x](url)"
      const inner = m[1];
      const base = r.start + m.index + 1;
      const keys: CitationGroup['keys'] = [];
      KEY.lastIndex = 0;
      for (let k = KEY.exec(inner); k; k = KEY.exec(inner)) {
        const at = base + k.index + k[1].length + (inner[k.index + k[1].length] === '-' ? 1 : 0);
        keys.push({ key: k[2], start: at, end: at + 1 + k[2].length });
      }
      if (keys.length > 0 && !/^\^/.test(inner)) out.push({ start: r.start + m.index, end: r.start + m.index + m[0].length, keys });
    }
  }
  return out;
}
