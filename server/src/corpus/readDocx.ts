import type { SourceMeta } from '../engine/types';
import { guessMeta } from '../engine/sources/metadata';
import { SourceError, isoDate } from './decode';
import { cleanLines } from './cleanText';
import { domLines, type DomNode } from './domText';
import { fillMeta } from './readHtml';
import type { SourceReader } from './readSource';

const xmlText = (s: string) =>
  s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
    .trim();

/** The value of element `tag` (with any namespace prefix) in an XML part, or undefined. */
function xmlField(xml: string | undefined, tag: string): string | undefined {
  if (!xml) return undefined;
  const re = new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${tag}>`, 'i');
  const m = re.exec(xml);
  const v = m ? xmlText(m[1]) : '';
  return v || undefined;
}

/** Title, author and date from `docProps/core.xml`, the outlet (company) from `docProps/app.xml`. */
export function docxMeta(core: string | undefined, app: string | undefined): SourceMeta {
  return {
    title: xmlField(core, 'title'),
    author: xmlField(core, 'creator'),
    date: isoDate(xmlField(core, 'created')),
    outlet: xmlField(app, 'Company'),
    url: xmlField(core, 'identifier')?.match(/^https?:\/\/\S+$/)?.[0],
  };
}

export const readDocx: SourceReader = async (bytes) => {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw new SourceError(`not a valid DOCX file (not a zip archive)`);
  }
  const { JSZip, mammoth, parseHTML } = await import('./formatLibs');
  let zip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new SourceError(`not a valid DOCX file (corrupt zip archive: ${(e as Error).message})`);
  }
  if (!zip.file('word/document.xml')) throw new SourceError(`a zip archive but not a Word document (no word/document.xml)`);
  const core = await zip.file('docProps/core.xml')?.async('string');
  const app = await zip.file('docProps/app.xml')?.async('string');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (e) {
    throw new SourceError(`corrupt DOCX file (${(e as Error).message})`);
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as { document: { body: DomNode } };
  const text = cleanLines(domLines(document.body));
  if (!/\p{L}{2}/u.test(text)) throw new SourceError(`DOCX with no text`);
  return { text, meta: fillMeta(docxMeta(core, app), guessMeta(text)) };
};
