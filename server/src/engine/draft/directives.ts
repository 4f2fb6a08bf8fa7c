/**
 * Corroborate directives in HTML comments:
 * `<!-- corroborate-disable -->` … `<!-- corroborate-enable -->`,
 * `<!-- corroborate-disable-next-line -->` and `<!-- corroborate-disable-file -->`.
 */

const DIRECTIVE = /<!--\s*corroborate-(disable-file|disable-next-line|disable|enable)\s*-->/g;

/** Offset ranges of the draft in which no finding is reported. */
export function disabledRanges(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let openAt: number | undefined;
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const end = m.index + m[0].length;
    switch (m[1]) {
      case 'disable-file':
        return [{ start: 0, end: text.length }];
      case 'disable':
        openAt ??= end;
        break;
      case 'enable':
        if (openAt !== undefined) out.push({ start: openAt, end: m.index });
        openAt = undefined;
        break;
      case 'disable-next-line': {
        // The next line that has text on it.
        let i = text.indexOf('\n', end);
        if (i < 0) break;
        i++;
        while (i < text.length && /\s/.test(text[i])) i++;
        const lineEnd = text.indexOf('\n', i);
        out.push({ start: i, end: lineEnd < 0 ? text.length : lineEnd });
        break;
      }
    }
  }
  if (openAt !== undefined) out.push({ start: openAt, end: text.length });
  return out;
}
