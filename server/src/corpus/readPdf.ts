import type { SourceMeta } from '../engine/types';
import { guessMeta } from '../engine/sources/metadata';
import { SourceError } from './decode';
import { fillMeta } from './readHtml';
import type { SourceReader } from './readSource';

/** One text item of a page as unpdf gives it (PDF coordinates, origin bottom-left). */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  right: number;
}

/** Groups a page's items into visual lines, top to bottom. */
function pageLines(items: readonly PdfItem[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | undefined;
  let lastEnd = 0;
  for (const it of items) {
    if (it.str === '' && !it.hasEOL) continue;
    const size = it.fontSize || it.height || 10;
    const sameLine = cur && Math.abs(it.y - cur.y) < size * 0.5;
    if (!cur || !sameLine) {
      if (cur && cur.text.trim()) lines.push(cur);
      cur = { text: it.str, x: it.x, y: it.y, size, right: it.x + it.width };
    } else {
      const gap = it.x - lastEnd;
      const needsSpace = gap > size * 0.15 && !/\s$/.test(cur.text) && !/^\s/.test(it.str);
      cur.text += (needsSpace ? ' ' : '') + it.str;
      cur.size = Math.max(cur.size, it.str.trim() ? size : 0);
      cur.right = Math.max(cur.right, it.x + it.width);
    }
    if (it.str !== '') lastEnd = it.x + it.width;
    if (it.hasEOL && cur) {
      if (cur.text.trim()) lines.push(cur);
      cur = undefined;
    }
  }
  if (cur && cur.text.trim()) lines.push(cur);
  for (const l of lines) l.text = l.text.replace(/\s+/g, ' ').trim();
  return lines.filter((l) => l.text);
}

/** A line's shape for header/footer detection: digits (page numbers, dates) do not matter. */
const shape = (s: string) => s.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
const PAGE_NUMBER = /^(page|p\.|seite|pág\.?|página)?\s*[#ivxlc]+(\s*(of|\/|von|de)\s*#)?$/i;

/**
 * Drops running headers and footers: lines among the first or last three of a page whose shape
 * repeats on most pages, and bare page numbers there.
 */
export function dropRunningLines(pages: Line[][]): Line[][] {
  const edge = (lines: Line[]) => new Set([...lines.slice(0, 3), ...lines.slice(-3)]);
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const seen = new Set<string>();
    for (const l of edge(lines)) seen.add(shape(l.text));
    for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const need = Math.max(2, Math.ceil(pages.length * 0.6));
  return pages.map((lines) => {
    const e = edge(lines);
    return lines.filter((l) => {
      if (!e.has(l)) return true;
      const s = shape(l.text);
      if (PAGE_NUMBER.test(s)) return false;
      return pages.length < 2 || (counts.get(s) ?? 0) < need;
    });
  });
}

const ENDS_SENTENCE = /[.!?:;]["'”’)\]]?$/;
const BULLET = /^([•▪◦●‣∙·\-–*]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s/;

/**
 * Joins a page's visual lines into paragraphs: a paragraph ends at a larger vertical gap, a change
 * of font size, an indented or bulleted line, or a short line ending a sentence.
 */
function paragraphs(lines: Line[]): Line[][] {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const g = lines[i - 1].y - lines[i].y;
    if (g > 0) gaps.push(g);
  }
  gaps.sort((a, b) => a - b);
  const typical = gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)] : 0;
  const left = lines.length > 0 ? Math.min(...lines.map((l) => l.x)) : 0;
  const width = lines.length > 0 ? Math.max(...lines.map((l) => l.right)) - left : 0;
  const out: Line[][] = [];
  let para: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const prev = para[para.length - 1];
    let breakHere = para.length === 0;
    if (prev) {
      const gap = prev.y - l.y;
      if (typical > 0 && (gap > typical * 1.4 || gap < 0)) breakHere = true;
      else if (Math.abs(prev.size - l.size) > 0.6) breakHere = true;
      else if (BULLET.test(l.text)) breakHere = true;
      else if (ENDS_SENTENCE.test(prev.text) && width > 0 && prev.right - left < width * 0.8) breakHere = true;
      else if (l.x - left > l.size * 1.5 && l.x - prev.x > l.size) breakHere = true; // indented first line
    }
    if (breakHere && para.length > 0) {
      out.push(para);
      para = [];
    }
    para.push(l);
  }
  if (para.length > 0) out.push(para);
  return out;
}

/**
 * Joins hard-wrapped lines. A line-final hyphen between letters is removed when the next line starts
 * in lower case, unless the hyphenated form appears elsewhere in the document ("well-known").
 */
export function joinWrapped(parts: readonly string[], hyphenated: ReadonlySet<string>): { text: string; starts: number[] } {
  let out = '';
  const starts: number[] = [];
  for (const part of parts) {
    if (!out) {
      starts.push(0);
      out = part;
      continue;
    }
    const hy = /(\p{L}+)-$/u.exec(out);
    const next = /^\p{Ll}+/u.exec(part);
    if (out.endsWith('\u00ad')) out = out.slice(0, -1);
    else if (hy && next && !hyphenated.has(`${hy[1]}-${next[0]}`.toLowerCase())) out = out.slice(0, -1);
    else if (!hy) out += ' '; // a kept hyphen ("well-known", "Vellmark-Harrowmere") joins without a space
    starts.push(out.length);
    out += part;
  }
  return { text: out, starts };
}

/** `D:20251014100000Z` (PDF date), ISO, or a Date, as `YYYY-MM-DD`. */
export function pdfDate(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return undefined;
  const m = /^(?:D:)?(\d{4})(?:-?(\d{2}))?(?:-?(\d{2}))?/.exec(v.trim());
  if (!m || !m[2] || !m[3]) return undefined;
  if (+m[2] < 1 || +m[2] > 12 || +m[3] < 1 || +m[3] > 31) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Titles that producers write into the info dictionary but that are no titles. */
const JUNK_TITLE = /^(untitled|microsoft (word|powerpoint|excel) - .*|document\d*|.*\.(docx?|pdf|indd|tex|rtf)|slide \d+)$/i;

/** The text of a PDF with page starts, and the metadata of its info dictionary. */
export async function pdfToText(bytes: Uint8Array): Promise<{ text: string; pageStarts: number[]; meta: SourceMeta }> {
  const { getDocumentProxy, getMeta, extractTextItems } = await import('./formatLibs');
  let pdf;
  try {
    // verbosity 0: pdf.js prints warnings with console.log, and nothing may go to stdout.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, stopAtErrors: false } as never);
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err.name === 'PasswordException') throw new SourceError(`encrypted (password-protected) PDF`);
    if (err.name === 'InvalidPDFException') throw new SourceError(`corrupt PDF (${err.message ?? 'invalid structure'})`);
    throw new SourceError(`unreadable PDF (${err.message ?? String(e)})`);
  }
  try {
    let info: Record<string, unknown> = {};
    let xmp: { get(k: string): unknown } | null = null;
    try {
      const m = await getMeta(pdf);
      info = (m.info ?? {}) as Record<string, unknown>;
      xmp = (m.metadata as unknown as { get(k: string): unknown } | null) ?? null;
    } catch {
      // Metadata is optional.
    }
    let items: PdfItem[][];
    try {
      items = (await extractTextItems(pdf)).items as PdfItem[][];
    } catch (e) {
      throw new SourceError(`corrupt PDF (${(e as Error).message ?? e})`);
    }
    const pages = dropRunningLines(items.map(pageLines));
    const all = pages.flat().map((l) => l.text).join('\n');
    const hyphenated = new Set((all.match(/\p{L}+-\p{L}+/gu) ?? []).map((w) => w.toLowerCase()));
    // Paragraphs with the page of each of their lines; a paragraph cut by a page break (no full
    // stop at the foot of the page, lower case at the top of the next) is joined again.
    const paras: Array<{ parts: string[]; pages: number[] }> = [];
    pages.forEach((lines, pi) => {
      paragraphs(lines).forEach((p, k) => {
        const texts = p.map((l) => l.text);
        const last = paras[paras.length - 1];
        const lastPart = last?.parts[last.parts.length - 1] ?? '';
        if (k === 0 && last && last.pages[last.pages.length - 1] < pi && !ENDS_SENTENCE.test(lastPart) && /^\p{Ll}/u.test(texts[0])) {
          last.parts.push(...texts);
          last.pages.push(...texts.map(() => pi));
        } else paras.push({ parts: texts, pages: texts.map(() => pi) });
      });
    });
    let text = '';
    const starts: Array<number | undefined> = pages.map(() => undefined);
    for (const para of paras) {
      if (text) text += '\n\n';
      const j = joinWrapped(para.parts, hyphenated);
      para.pages.forEach((pg, i) => {
        if (starts[pg] === undefined) starts[pg] = text.length + j.starts[i];
      });
      text += j.text;
    }
    // Pages without text start where the next page starts.
    const pageStarts: number[] = new Array(pages.length);
    for (let i = pages.length - 1; i >= 0; i--) pageStarts[i] = starts[i] ?? (i + 1 < pages.length ? pageStarts[i + 1] : text.length);
    if (!/\p{L}{2}/u.test(text)) throw new SourceError(`PDF with no extractable text (empty, or scanned images only)`);
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const xget = (k: string) => {
      try {
        const v = xmp?.get(k);
        return Array.isArray(v) ? v.join(', ') : str(v);
      } catch {
        return undefined;
      }
    };
    const title = str(info.Title) ?? xget('dc:title');
    const meta: SourceMeta = {
      title: title && !JUNK_TITLE.test(title) ? title : undefined,
      author: str(info.Author) ?? xget('dc:creator'),
      date: pdfDate(info.CreationDate) ?? pdfDate(xget('xmp:createdate')),
      outlet: str(info.Company) ?? str((info.Custom as Record<string, unknown> | undefined)?.Publisher) ?? xget('dc:publisher'),
      url: str((info.Custom as Record<string, unknown> | undefined)?.URL) ?? str(info.URL),
    };
    return { text, pageStarts, meta: fillMeta(meta, guessMeta(text)) };
  } finally {
    void pdf.destroy().catch(() => undefined);
  }
}

export const readPdf: SourceReader = async (bytes) => {
  if (bytes.length === 0) throw new SourceError(`empty file, not a PDF`);
  if (!Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) throw new SourceError(`not a PDF file (no %PDF- header)`);
  return pdfToText(bytes);
};
