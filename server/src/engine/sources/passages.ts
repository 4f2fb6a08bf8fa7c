import type { Passage, SourceDocument } from '../types';
import { isBoilerplateLine, isBoilerplateSentenceOfCleanLine } from './boilerplate';
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
  const spans = passageSpans(text);
  const out: Passage[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    out.push({ id: firstId + out.length, sourceId: doc.id, ordinal: out.length, start: spans[i], end: spans[i + 1], text: text.slice(spans[i], spans[i + 1]) });
  }
  return out;
}

/** The passages of a source text as flat `[start, end, start, end, ...]` offsets (see passagesOf). */
export function passageSpans(text: string): number[] {
  const out: number[] = [];
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
        if (!hasTwoLetters(text, s.start, s.end) || isBoilerplateSentenceOfCleanLine(sentence)) continue;
        out.push(s.start, s.end);
      }
    }
    lineStart = i + 1;
  }
  return out;
}

/** Per BMP code unit: 1 if a letter (\p{L}), 2 if not, 0 if not looked up yet. */
const LETTER = new Uint8Array(65536);

/** `/\p{L}{2}/u.test(text.slice(from, to))`: two letters in a row, without a regular expression. */
function hasTwoLetters(text: string, from: number, to: number): boolean {
  let previous = false;
  for (let i = from; i < to; i++) {
    const x = text.charCodeAt(i);
    let letter: boolean;
    if (x < 128) letter = (x >= 97 && x <= 122) || (x >= 65 && x <= 90);
    else if (x >= 0xd800 && x <= 0xdbff && i + 1 < to && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      letter = /^\p{L}$/u.test(text.slice(i, i + 2));
      i++;
    } else {
      let k = LETTER[x];
      if (k === 0) LETTER[x] = k = /^\p{L}$/u.test(String.fromCharCode(x)) ? 1 : 2;
      letter = k === 1;
    }
    if (letter && previous) return true;
    previous = letter;
  }
  return false;
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
