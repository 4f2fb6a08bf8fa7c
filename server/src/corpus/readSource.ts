import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SourceDocument, SourceMeta } from '../engine/types';
import { frontMatterEnd } from '../engine/sources/passages';
import { guessMeta } from '../engine/sources/metadata';
import { decodeUtf8, isoDate } from './decode';
import { readHtml } from './readHtml';
import { readPdf } from './readPdf';
import { readDocx } from './readDocx';

/** Turns the bytes of one file into the text and metadata the engine reads. */
export type SourceReader = (bytes: Buffer, filePath: string) => Promise<{ text: string; meta: SourceMeta; pageStarts?: number[]; id?: string }>;

/** Default size limit of one source file (bytes). */
export const DEFAULT_MAX_SOURCE_BYTES = 50 * 1024 * 1024;

const readText: SourceReader = async (bytes, filePath) => {
  const text = decodeUtf8(bytes, filePath);
  return { text, meta: guessMeta(text) };
};

const readMarkdown: SourceReader = async (bytes, filePath) => {
  const text = decodeUtf8(bytes, filePath);
  const end = frontMatterEnd(text);
  const meta = guessMeta(text.slice(end));
  let id: string | undefined;
  if (end > 0) {
    try {
      const fm = parseYaml(text.slice(0, end).replace(/^\ufeff?---\r?\n/, '').replace(/\r?\n(---|\.\.\.)[ \t]*(\r?\n)?$/, '')) as Record<string, unknown> | null;
      if (fm && typeof fm === 'object') {
        const str = (k: string) => {
          const v = fm[k];
          if (typeof v === 'string' || typeof v === 'number') return String(v);
          if (v instanceof Date) return v.toISOString().slice(0, 10);
          // `author: [A, B]` or `author: {name: A}` (CSL-like front matter).
          if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' ? (x as { name?: string }).name : undefined)).filter(Boolean).join(', ') || undefined;
          if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name;
          return undefined;
        };
        meta.title = str('title') ?? meta.title;
        meta.outlet = str('outlet') ?? str('publisher') ?? str('site') ?? meta.outlet;
        meta.author = str('author') ?? meta.author;
        meta.date = isoDate(str('date') ?? str('published')) ?? meta.date;
        meta.url = str('url') ?? str('link') ?? meta.url;
        id = str('id');
      }
    } catch {
      // Malformed front matter: the text is still a usable source.
    }
  }
  return { text, meta, id };
};

/** Readers by lower-case file extension. Other formats register here. */
export const readers: Record<string, SourceReader> = {
  '.txt': readText,
  '.text': readText,
  '.md': readMarkdown,
  '.markdown': readMarkdown,
  '.html': readHtml,
  '.htm': readHtml,
  '.xhtml': readHtml,
  '.pdf': readPdf,
  '.docx': readDocx,
};

export function isSupportedSource(filePath: string): boolean {
  return path.extname(filePath).toLowerCase() in readers;
}

/** Why a file operation failed, in words (for messages that name the file). */
export function describeFsError(e: unknown): string {
  return describe(e);
}

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'ENOENT') return 'no such file (or a broken symbolic link)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** The size-limit message for a file of `size` bytes, or undefined when it is within the limit. */
export function overSizeLimit(filePath: string, size: number, maxBytes: number): string | undefined {
  if (size <= maxBytes) return undefined;
  const mb = (n: number) => (n >= 1048576 ? `${+(n / 1048576).toFixed(1)} MB` : `${+(n / 1024).toFixed(1)} KB`);
  return `${filePath}: ${mb(size)} is over the ${mb(maxBytes)} source size limit, skipped`;
}

/** Stats a source file, turning errors into messages naming the file and the reason. */
export async function statSource(filePath: string): Promise<import('node:fs').Stats> {
  try {
    return await stat(filePath);
  } catch (e) {
    throw new Error(`${filePath}: cannot read (${describe(e)})`);
  }
}

/** Reads a source file's bytes after checking the size limit. */
export async function readSourceBytes(filePath: string, maxBytes = DEFAULT_MAX_SOURCE_BYTES): Promise<Buffer> {
  const st = await statSource(filePath);
  const over = overSizeLimit(filePath, st.size, maxBytes);
  if (over) throw new Error(over);
  try {
    return await readFile(filePath);
  } catch (e) {
    throw new Error(`${filePath}: cannot read (${describe(e)})`);
  }
}

/**
 * readSourceBytes without the event loop, with the file's stats: for the index worker threads,
 * which do nothing else meanwhile (a thread-pool round trip per stat, open, read and close cost
 * more than the reading itself for thousands of small files). Same errors as readSourceBytes.
 */
export function readSourceBytesSync(filePath: string, maxBytes = DEFAULT_MAX_SOURCE_BYTES): { bytes: Buffer; stats: Stats } {
  let st: Stats;
  try {
    st = statSync(filePath);
  } catch (e) {
    throw new Error(`${filePath}: cannot read (${describe(e)})`);
  }
  const over = overSizeLimit(filePath, st.size, maxBytes);
  if (over) throw new Error(over);
  try {
    return { bytes: readFileSync(filePath), stats: st };
  } catch (e) {
    throw new Error(`${filePath}: cannot read (${describe(e)})`);
  }
}

/** Turns the bytes of a source file into a SourceDocument. Throws an Error naming the file and the reason. */
export async function parseSource(filePath: string, bytes: Buffer): Promise<SourceDocument> {
  const ext = path.extname(filePath).toLowerCase();
  const reader = readers[ext];
  if (!reader) throw new Error(`${filePath}: unsupported source format "${ext}"`);
  try {
    const r = await reader(bytes, filePath);
    return { id: r.id ?? path.basename(filePath, path.extname(filePath)), path: filePath, text: r.text, meta: r.meta, ...(r.pageStarts ? { pageStarts: r.pageStarts } : {}) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const base = path.basename(filePath);
    throw new Error(msg.startsWith(filePath) ? msg : `${filePath}: ${msg.startsWith(base + ' ') ? msg.slice(base.length + 1) : msg}`);
  }
}

/** Reads one source file. Throws an Error with a message naming the file and the reason. */
export async function readSource(filePath: string, maxBytes = DEFAULT_MAX_SOURCE_BYTES): Promise<SourceDocument> {
  const ext = path.extname(filePath).toLowerCase();
  if (!readers[ext]) throw new Error(`${filePath}: unsupported source format "${ext}"`);
  return parseSource(filePath, await readSourceBytes(filePath, maxBytes));
}
