import { parseDraft, type DraftProse } from './markdown';
import { splitSentences, type Span } from '../text/sentences';

/**
 * Incremental Markdown parsing of a draft that is edited a character at a time.
 *
 * A draft is cut into chunks at blank lines. When nothing in the draft can make one chunk's parse
 * depend on another's (see `chunksOf`), the prose mask of the whole draft is exactly the masks of
 * its chunks side by side, so only the chunks an edit touched are parsed again; the others come
 * from the previous check. A draft that might carry a construct across a blank line (definitions,
 * lone CR line ends, indented chunks, a BOM) is parsed whole, as before: the result is always the
 * one `parseDraft` gives for the whole text.
 */

interface Chunk {
  start: number;
  end: number;
}

interface ChunkParse {
  /** Prose mask of the chunk (same length as the chunk). */
  prose: string;
  /** Blocks relative to the chunk start. */
  blocks: Array<{ start: number; end: number }>;
  frontMatter?: string;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** Offsets of line starts; a line is [starts[i], next line start - 1] without its `\n`. */
function isBlankLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}

/** `---` (plus spaces or tabs) filling the line [from, to): a front matter fence. */
function isFenceDashes(text: string, from: number, to: number): boolean {
  if (to - from < 3 || text.charCodeAt(from) !== 45 || text.charCodeAt(from + 1) !== 45 || text.charCodeAt(from + 2) !== 45) return false;
  return isBlankLine(text, from + 3, to);
}

const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_LINE = /^ {0,3}</;
const HTML_OPEN = /^ {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))/i;

/**
 * The chunks of a Markdown draft, or undefined when its blocks cannot be parsed apart.
 *
 * Chunks end at blank lines, except that a fenced code block, an HTML block that ends at a marker
 * (comments, `<pre>`, `<script>`, …) and the front matter are never cut: they may hold blank
 * lines. Recognising more of these than micromark does only makes chunks larger, which is safe.
 * Constructs that reach across a blank line in other ways make the draft unsafe: definitions
 * (they change how references elsewhere parse), a chunk that starts indented (list continuation
 * or indented code), a lone CR line end, a BOM.
 */
export function chunksOf(text: string): Chunk[] | undefined {
  if (text.includes(']:') || text.charCodeAt(0) === 0xfeff) return undefined;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) return undefined;
  const chunks: Chunk[] = [];
  const n = text.length;
  let lineStart = 0;
  let chunkStart = -1;
  /** Lines up to this offset belong to the current chunk whatever they hold. */
  let holdUntil = -1;
  /** Whether a line of the current chunk may have opened an HTML block. */
  let htmlInChunk = false;
  const lineEndOf = (from: number): number => {
    const i = text.indexOf('\n', from);
    return i < 0 ? n : i;
  };
  // Front matter: `---` on the first line up to the next `---` line. An unclosed one is not front
  // matter, but micromark's failed attempt at it changes how the rest parses: parse it whole.
  if (isFenceDashes(text, 0, lineEndOf(0))) {
    for (let s = lineEndOf(0) + 1; s < n; ) {
      const e = lineEndOf(s);
      if (isFenceDashes(text, s, e)) {
        holdUntil = e;
        break;
      }
      s = e + 1;
    }
    if (holdUntil < 0) return undefined;
  }
  while (lineStart <= n) {
    const lineEnd = lineEndOf(lineStart);
    const inHold = lineStart <= holdUntil;
    if (!inHold && isBlankLine(text, lineStart, lineEnd)) {
      if (chunkStart >= 0) chunks.push({ start: chunkStart, end: lineStart - 1 });
      chunkStart = -1;
      htmlInChunk = false;
    } else {
      if (chunkStart < 0) {
        // A chunk that starts indented may continue a list item or an indented code block.
        const c = text.charCodeAt(lineStart);
        if (c === SPACE || c === TAB) return undefined;
        chunkStart = lineStart;
      }
      if (!inHold) {
        const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
        const hold = heldUntil(text, line, lineStart, lineEnd);
        // Inside an HTML block that ends at a blank line (`<div>`, …) a fence or a comment opens
        // nothing; such a chunk is not split on what looks like one.
        if (hold !== undefined && htmlInChunk) return undefined;
        if (hold !== undefined) holdUntil = hold;
        if (HTML_LINE.test(line)) htmlInChunk = true;
      }
    }
    if (lineEnd >= n) break;
    lineStart = lineEnd + 1;
  }
  if (chunkStart >= 0) chunks.push({ start: chunkStart, end: n });
  return chunks;
}

/**
 * When `line` opens a block that may hold blank lines (a code fence, an HTML block ending at a
 * marker), the offset of the end of the line that closes it (the text's end if nothing does).
 */
function heldUntil(text: string, line: string, lineStart: number, lineEnd: number): number | undefined {
  const n = text.length;
  const fence = CODE_FENCE.exec(line);
  if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
    const close = new RegExp(`^ {0,3}${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}[ \\t]*\\r?$`);
    for (let s = lineEnd + 1; s < n; ) {
      let e = text.indexOf('\n', s);
      if (e < 0) e = n;
      if (close.test(text.slice(s, e))) return e;
      s = e + 1;
    }
    return n;
  }
  const html = HTML_OPEN.exec(line);
  if (html) {
    const marker = html[1] ? `</${html[1].toLowerCase()}>` : html[2] ? '-->' : html[3] ? '?>' : html[4] ? ']]>' : '>';
    const from = lineStart + html[0].length;
    const at = html[1] ? text.toLowerCase().indexOf(marker, from) : text.indexOf(marker, from);
    if (at < 0) return n;
    const e = text.indexOf('\n', at);
    return e < 0 ? n : e;
  }
  return undefined;
}

/** Masks the text between chunks (blank lines): line breaks stay, the rest becomes spaces. */
function gapMask(text: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const c = text[i];
    out += c === '\n' || c === '\r' ? c : ' ';
  }
  return out;
}

/**
 * Parses drafts chunk by chunk and remembers the chunks of the last parse, so that an edit parses
 * only the chunks it changed. One instance per document.
 */
export class DraftParseCache {
  #chunks = new Map<string, ChunkParse>();
  #last: { text: string; markdown: boolean; result: DraftProse } | undefined;
  /** Sentence spans (relative) by block text, of this check and of the last one. */
  #spans = new Map<string, Span[]>();
  #previousSpans = new Map<string, Span[]>();
  #spansOf: string | undefined;

  /**
   * `splitSentences(text, from, to)`, reusing the spans of a block of the same text (and the same
   * character after it, which the splitter looks at) from this check or the last one.
   */
  sentences(text: string, from: number, to: number): Span[] {
    if (this.#spansOf !== text) {
      // A new text: what the last text's blocks gave stays available for one more check.
      this.#previousSpans = this.#spans;
      this.#spans = new Map();
      this.#spansOf = text;
    }
    const key = text.slice(from, to + 1);
    let rel = this.#spans.get(key) ?? this.#previousSpans.get(key);
    if (!rel) rel = splitSentences(text, from, to).map((s) => ({ start: s.start - from, end: s.end - from }));
    this.#spans.set(key, rel);
    return rel.map((s) => ({ start: s.start + from, end: s.end + from }));
  }

  parse(text: string, markdown = true): DraftProse {
    if (this.#last && this.#last.text === text && this.#last.markdown === markdown) return this.#last.result;
    const result = markdown ? this.#parseMarkdown(text) : parseDraft(text, false);
    this.#last = { text, markdown, result };
    return result;
  }

  #parseMarkdown(text: string): DraftProse {
    const chunks = chunksOf(text);
    if (!chunks) {
      this.#chunks.clear();
      return parseDraft(text, true);
    }
    const next = new Map<string, ChunkParse>();
    const pieces: string[] = [];
    const blocks: DraftProse['blocks'] = [];
    let frontMatter: string | undefined;
    let at = 0;
    for (const c of chunks) {
      if (c.start > at) pieces.push(gapMask(text, at, c.start));
      const body = text.slice(c.start, c.end);
      const first = c.start === 0;
      const key = (first ? 'F' : 'N') + body;
      let parsed = next.get(key) ?? this.#chunks.get(key);
      if (!parsed) parsed = parseChunk(body, first);
      next.set(key, parsed);
      pieces.push(parsed.prose);
      for (const b of parsed.blocks) blocks.push({ start: b.start + c.start, end: b.end + c.start });
      if (first && parsed.frontMatter !== undefined) frontMatter = parsed.frontMatter;
      at = c.end;
    }
    if (at < text.length) pieces.push(gapMask(text, at, text.length));
    this.#chunks = next;
    const prose = pieces.join('');
    return { prose, blocks, frontMatter };
  }
}

/**
 * Parses one chunk on its own. Only the draft's first line can open front matter, so a later
 * chunk that starts with `---` is parsed after a line break, which keeps it from being taken
 * for front matter.
 */
function parseChunk(body: string, first: boolean): ChunkParse {
  if (first || !body.startsWith('---')) {
    const p = parseDraft(body, true);
    return p.frontMatter !== undefined ? { prose: p.prose, blocks: p.blocks, frontMatter: p.frontMatter } : { prose: p.prose, blocks: p.blocks };
  }
  const p = parseDraft('\n' + body, true);
  return { prose: p.prose.slice(1), blocks: p.blocks.map((b) => ({ start: b.start - 1, end: b.end - 1 })) };
}
