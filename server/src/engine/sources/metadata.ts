import type { SourceMeta } from '../types';
import { firstFullDate } from '../facts/dates';
import { isBoilerplateLine } from './boilerplate';

/**
 * Metadata read from the text itself when the file carries none: the headline (first short
 * line without a final full stop), a byline, and the first full date near the top (a dateline).
 */
export function guessMeta(text: string): SourceMeta {
  const meta: SourceMeta = {};
  const head = text.slice(0, 1500);
  for (const raw of head.split(/\r?\n/)) {
    const line = raw.replace(/^#+\s*/, '').trim();
    if (!line || isBoilerplateLine(line)) continue;
    if (line.length <= 160 && !/[.!?]["”’]?$/.test(line)) meta.title = line;
    break;
  }
  const byline = /^\s*(?:by|By)[:\s]+([A-Z][\p{L}.'\- ]{2,60})$/mu.exec(head);
  if (byline) meta.author = byline[1].trim();
  meta.date = firstFullDate(text.slice(0, 600));
  return meta;
}
