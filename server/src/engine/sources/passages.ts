import type { Passage, SourceDocument } from '../types';
import { isBoilerplateLine, isBoilerplateSentence } from './boilerplate';
import { splitSentences } from '../text/sentences';

/** Leading Markdown/list markup that is not part of the passage text. */
const LINE_MARKUP = /^(\s*(#{1,6}|[-*+•]|\d+[.)]|>)\s+)+/;

/**
 * Splits a source into sentence passages with exact offsets into `doc.text`.
 * Lines are split first (headlines and list items carry no full stop); boilerplate lines and
 * sentences are dropped so they never become evidence.
 */
export function passagesOf(doc: SourceDocument, firstId: number): Passage[] {
  const text = doc.text;
  const out: Passage[] = [];
  let lineStart = frontMatterEnd(text);
  while (lineStart <= text.length) {
    let i = text.indexOf('\n', lineStart);
    if (i < 0) i = text.length;
    // A hard-wrapped sentence continues on the next line: join while this line has no final
    // punctuation and the next one starts in lower case.
    while (i < text.length && continues(text, lineStart, i)) {
      const next = text.indexOf('\n', i + 1);
      i = next < 0 ? text.length : next;
    }
    const line = text.slice(lineStart, i);
    if (!isBoilerplateLine(line)) {
      const markup = LINE_MARKUP.exec(line);
      const from = lineStart + (markup ? markup[0].length : 0);
      for (const s of splitSentences(text, from, i)) {
        const sentence = text.slice(s.start, s.end);
        if (isBoilerplateSentence(sentence) || !/\p{L}{2}/u.test(sentence)) continue;
        out.push({ id: firstId + out.length, sourceId: doc.id, ordinal: out.length, start: s.start, end: s.end, text: sentence });
      }
    }
    lineStart = i + 1;
  }
  return out;
}

function continues(text: string, lineStart: number, lineEnd: number): boolean {
  const line = text.slice(lineStart, lineEnd).trimEnd();
  if (line.length < 30 || /[.!?:;"”’)\]]$/.test(line)) return false;
  const next = text.slice(lineEnd + 1, lineEnd + 2);
  if (!/[\p{L}\d(“"‘]/u.test(next)) return false;
  if (/[\p{Ll}\d(“"‘]/u.test(next)) return true;
  // The next line starts with a capital: join only a long line in sentence case (a headline is
  // in title case or short).
  const words = line.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const lower = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  return line.length >= 50 && lower > words.length / 2;
}

/** Offset just after a leading YAML front matter block, or 0. */
export function frontMatterEnd(text: string): number {
  const m = /^(\ufeff)?---\r?\n[\s\S]*?\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/.exec(text);
  return m ? m[0].length : 0;
}
