import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SourceDocument, SourceMeta } from '../engine/types';
import { frontMatterEnd } from '../engine/sources/passages';
import { guessMeta } from '../engine/sources/metadata';

/** Turns the bytes of one file into the text and metadata the engine reads. */
export type SourceReader = (bytes: Buffer, filePath: string) => Promise<{ text: string; meta: SourceMeta; pageStarts?: number[]; id?: string }>;

/** Default size limit of one source file (bytes). */
export const DEFAULT_MAX_SOURCE_BYTES = 50 * 1024 * 1024;

function decodeUtf8(bytes: Buffer, filePath: string): string {
  if (bytes.subarray(0, 8192).includes(0)) throw new Error(`${path.basename(filePath)} looks like a binary file, not text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    throw new Error(`${path.basename(filePath)} is not valid UTF-8 text`);
  }
}

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
        const str = (k: string) => (typeof fm[k] === 'string' || typeof fm[k] === 'number' ? String(fm[k]) : fm[k] instanceof Date ? (fm[k] as Date).toISOString().slice(0, 10) : undefined);
        meta.title = str('title') ?? meta.title;
        meta.outlet = str('outlet') ?? str('publisher') ?? str('site') ?? meta.outlet;
        meta.author = str('author') ?? meta.author;
        meta.date = normaliseDate(str('date')) ?? meta.date;
        meta.url = str('url') ?? str('link') ?? meta.url;
        id = str('id');
      }
    } catch {
      // Malformed front matter: the text is still a usable source.
    }
  }
  return { text, meta, id };
};

function normaliseDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** Readers by lower-case file extension. Other formats register here. */
export const readers: Record<string, SourceReader> = {
  '.txt': readText,
  '.text': readText,
  '.md': readMarkdown,
  '.markdown': readMarkdown,
};

export function isSupportedSource(filePath: string): boolean {
  return path.extname(filePath).toLowerCase() in readers;
}

/** Reads one source file. Throws an Error with a message naming the file and the reason. */
export async function readSource(filePath: string, maxBytes = DEFAULT_MAX_SOURCE_BYTES): Promise<SourceDocument> {
  const ext = path.extname(filePath).toLowerCase();
  const reader = readers[ext];
  if (!reader) throw new Error(`${filePath}: unsupported source format "${ext}"`);
  const st = await stat(filePath);
  if (st.size > maxBytes) throw new Error(`${filePath}: ${(st.size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB source size limit`);
  const bytes = await readFile(filePath);
  try {
    const r = await reader(bytes, filePath);
    return { id: r.id ?? path.basename(filePath, path.extname(filePath)), path: filePath, text: r.text, meta: r.meta, pageStarts: r.pageStarts };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(msg.startsWith(filePath) ? msg : `${filePath}: ${msg}`);
  }
}
