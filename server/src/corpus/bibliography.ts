/**
 * Bibliographies: a draft's front matter `bibliography:` (CSL-JSON, CSL-YAML or BibTeX, relative to
 * the draft) and inline `references:` map citation keys to sources by `id`, `URL`, `DOI` or a
 * `file` field; and the reverse, a bibliography written from the sources' metadata.
 */
import { readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SourceDocument, SourceMeta } from '../engine/types';

/** A CSL-JSON item (only the fields this module reads are typed). */
export interface CslItem {
  id: string;
  type?: string;
  title?: string;
  author?: Array<{ family?: string; given?: string; literal?: string }>;
  issued?: { 'date-parts'?: Array<Array<number | string>>; raw?: string; literal?: string };
  URL?: string;
  DOI?: string;
  'container-title'?: string;
  publisher?: string;
  /** Not CSL: a path to the source file, relative to the bibliography. */
  file?: string;
  [field: string]: unknown;
}

export interface BibProblem {
  file: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// BibTeX

const LATEX_ACCENTS: Record<string, Record<string, string>> = {
  '"': { a: 'ä', o: 'ö', u: 'ü', e: 'ë', i: 'ï', A: 'Ä', O: 'Ö', U: 'Ü' },
  "'": { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', E: 'É', A: 'Á' },
  '`': { a: 'à', e: 'è', i: 'ì', o: 'ò', u: 'ù' },
  '^': { a: 'â', e: 'ê', i: 'î', o: 'ô', u: 'û' },
  '~': { n: 'ñ', a: 'ã', o: 'õ', N: 'Ñ' },
  c: { c: 'ç', C: 'Ç' },
};

/** Plain text of a BibTeX value: braces dropped, common escapes and accents decoded. */
export function latexToText(s: string): string {
  return s
    .replace(/\\([`'^"~])\s*\{?\\?([a-zA-Z])\}?/g, (m, acc: string, ch: string) => LATEX_ACCENTS[acc]?.[ch] ?? ch)
    .replace(/\\c\s*\{?([a-zA-Z])\}?/g, (m, ch: string) => LATEX_ACCENTS.c[ch] ?? ch)
    .replace(/\\ss\b\{?\}?/g, 'ß')
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/\\url\{([^}]*)\}/g, '$1')
    .replace(/\\(textit|textbf|emph|textrm|textsc)\{/g, '{')
    .replace(/--/g, '–')
    .replace(/~/g, ' ')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses BibTeX entries into raw field maps (lower-case field names), `@string` macros expanded. */
export function parseBibtexEntries(text: string): Array<{ type: string; key: string; fields: Record<string, string> }> {
  const out: Array<{ type: string; key: string; fields: Record<string, string> }> = [];
  const strings: Record<string, string> = { jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June', jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December' };
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && /\s/.test(text[i])) i++;
  };
  const braced = (): string => {
    // text[i] is '{' or '('
    const open = text[i];
    const close = open === '{' ? '}' : ')';
    let depth = 0;
    const start = i + 1;
    for (; i < n; i++) {
      if (text[i] === '\\') {
        i++;
        continue;
      }
      if (text[i] === open || (open === '(' && text[i] === '{')) depth++;
      else if (text[i] === close || (open === '(' && text[i] === '}')) {
        depth--;
        if (depth === 0) return text.slice(start, i++);
      }
    }
    throw new Error('unbalanced braces');
  };
  const value = (): string => {
    let v = '';
    for (;;) {
      ws();
      if (text[i] === '{') v += braced();
      else if (text[i] === '"') {
        let depth = 0;
        const start = ++i;
        for (; i < n; i++) {
          if (text[i] === '\\') i++;
          else if (text[i] === '{') depth++;
          else if (text[i] === '}') depth--;
          else if (text[i] === '"' && depth === 0) break;
        }
        v += text.slice(start, i++);
      } else {
        const m = /^[\w:.+/-]+/.exec(text.slice(i, i + 200));
        if (!m) throw new Error(`unexpected "${text[i] ?? 'end of file'}"`);
        i += m[0].length;
        v += /^\d+$/.test(m[0]) ? m[0] : (strings[m[0].toLowerCase()] ?? m[0]);
      }
      ws();
      if (text[i] !== '#') return v;
      i++;
    }
  };
  while (i < n) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    i = at + 1;
    const tm = /^\s*([A-Za-z]+)\s*/.exec(text.slice(i, i + 60));
    if (!tm) continue;
    const type = tm[1].toLowerCase();
    i += tm[0].length;
    if (text[i] !== '{' && text[i] !== '(') continue;
    if (type === 'comment' || type === 'preamble') {
      braced();
      continue;
    }
    const close = text[i] === '{' ? '}' : ')';
    i++;
    if (type === 'string') {
      ws();
      const nm = /^[\w-]+/.exec(text.slice(i));
      if (!nm) throw new Error('malformed @string');
      i += nm[0].length;
      ws();
      if (text[i] !== '=') throw new Error('malformed @string');
      i++;
      strings[nm[0].toLowerCase()] = value();
      ws();
      if (text[i] === close) i++;
      continue;
    }
    ws();
    const km = /^[^,\s}]+/.exec(text.slice(i));
    if (!km) throw new Error(`entry @${type} without a key`);
    const key = km[0];
    i += key.length;
    const fields: Record<string, string> = {};
    for (;;) {
      ws();
      if (text[i] === ',') i++;
      ws();
      if (i >= n) throw new Error(`entry @${type}{${key} is not closed`);
      if (text[i] === close) {
        i++;
        break;
      }
      const fm = /^[\w:.+-]+/.exec(text.slice(i, i + 100));
      if (!fm) throw new Error(`malformed field in @${type}{${key}`);
      i += fm[0].length;
      ws();
      if (text[i] !== '=') throw new Error(`missing "=" after ${fm[0]} in @${type}{${key}`);
      i++;
      fields[fm[0].toLowerCase()] = value();
    }
    out.push({ type, key, fields });
  }
  return out;
}

const BIBTEX_TO_CSL: Record<string, string> = {
  article: 'article-journal', book: 'book', inbook: 'chapter', incollection: 'chapter', inproceedings: 'paper-conference', conference: 'paper-conference',
  techreport: 'report', report: 'report', phdthesis: 'thesis', mastersthesis: 'thesis', thesis: 'thesis', online: 'webpage', electronic: 'webpage', www: 'webpage',
  misc: 'document', unpublished: 'manuscript', manual: 'book', booklet: 'pamphlet', newspaper: 'article-newspaper', periodical: 'periodical',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function bibtexNames(s: string): CslItem['author'] {
  return s.split(/\s+and\s+/i).map((raw) => {
    const name = raw.trim();
    if (/^\{.*\}$/.test(name)) return { literal: latexToText(name) };
    const t = latexToText(name);
    const comma = t.indexOf(',');
    if (comma >= 0) return { family: t.slice(0, comma).trim(), given: t.slice(comma + 1).trim() };
    const parts = t.split(' ');
    return parts.length > 1 ? { family: parts[parts.length - 1], given: parts.slice(0, -1).join(' ') } : { literal: t };
  });
}

/** BibTeX → CSL items. The JabRef `file` field (`description:path:type`) is reduced to the path. */
export function parseBibtex(text: string): CslItem[] {
  return parseBibtexEntries(text).map(({ type, key, fields }) => {
    const f = (k: string) => (fields[k] !== undefined ? latexToText(fields[k]) : undefined);
    const item: CslItem = { id: key, type: BIBTEX_TO_CSL[type] ?? 'document' };
    if (f('title')) item.title = f('title');
    if (fields.author) item.author = bibtexNames(fields.author);
    const date = f('date');
    const year = f('year');
    if (date && /^\d{4}(-\d{2}(-\d{2})?)?/.test(date)) item.issued = { 'date-parts': [date.slice(0, 10).split('-').map(Number)] };
    else if (year && /^\d{4}$/.test(year)) {
      const parts: number[] = [+year];
      const month = f('month')?.toLowerCase();
      const mi = month ? (/^\d+$/.test(month) ? +month : MONTHS.indexOf(month.slice(0, 3)) + 1) : 0;
      if (mi >= 1 && mi <= 12) {
        parts.push(mi);
        const day = f('day');
        if (day && /^\d{1,2}$/.test(day)) parts.push(+day);
      }
      item.issued = { 'date-parts': [parts] };
    }
    const url = f('url') ?? (fields.howpublished && /\\url\{|^https?:/.test(fields.howpublished) ? f('howpublished') : undefined);
    if (url) item.URL = url;
    if (f('doi')) item.DOI = f('doi');
    const container = f('journaltitle') ?? f('journal') ?? f('booktitle') ?? f('newspaper');
    if (container) item['container-title'] = container;
    const publisher = f('publisher') ?? f('organization') ?? f('institution');
    if (publisher) item.publisher = publisher;
    const file = fields.file;
    if (file) {
      const parts = file.split(/(?<!\\):/);
      item.file = latexToText(parts.length === 3 ? parts[1] : file);
    }
    return item;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading a draft's bibliography

/** CSL items from a bibliography file's text, by extension (.json, .yaml/.yml, .bib/.bibtex) or by sniffing. */
export function parseBibliographyText(text: string, file: string): CslItem[] {
  const ext = path.extname(file).toLowerCase();
  const t = text.replace(/^\ufeff/, '');
  let items: unknown;
  if (ext === '.bib' || ext === '.bibtex' || (!['.json', '.yaml', '.yml'].includes(ext) && /^\s*(%.*\n\s*)*@/.test(t))) return parseBibtex(t);
  if (ext === '.yaml' || ext === '.yml') {
    const y = parseYaml(t) as unknown;
    items = y && typeof y === 'object' && !Array.isArray(y) ? (y as { references?: unknown }).references : y;
  } else items = JSON.parse(t);
  if (items && typeof items === 'object' && !Array.isArray(items) && Array.isArray((items as { items?: unknown }).items)) items = (items as { items: unknown[] }).items;
  if (!Array.isArray(items)) throw new Error('not a CSL-JSON array of items');
  return items.filter((x): x is CslItem => !!x && typeof x === 'object' && (typeof (x as CslItem).id === 'string' || typeof (x as CslItem).id === 'number')).map((x) => ({ ...x, id: String(x.id) }));
}

/** The bibliography files a draft's front matter names, resolved against the draft's folder. */
export function bibliographyFiles(draftPath: string, frontMatter: Record<string, unknown>): string[] {
  const b = frontMatter.bibliography;
  const list = typeof b === 'string' ? [b] : Array.isArray(b) ? b.filter((x): x is string => typeof x === 'string') : [];
  return list.map((f) => path.resolve(path.dirname(draftPath), f));
}

const normUrl = (u: string) =>
  u
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
const normDoi = (d: string) =>
  d
    .trim()
    .toLowerCase()
    .replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/, '');
const DOI_IN = /\b(10\.\d{4,9}\/[^\s"<>]+)/i;

function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * The source each item names: by `file` (relative to the bibliography), `URL`, `DOI` (in the
 * source's URL or near the top of its text), else an `id` equal to a source id.
 */
export function matchItems(items: readonly CslItem[], bibFile: string, sources: Iterable<SourceDocument>): Map<string, string> {
  const docs = [...sources];
  const byPath = new Map(docs.map((d) => [realOr(d.path), d.id]));
  const byUrl = new Map<string, string>();
  const byDoi = new Map<string, string>();
  for (const d of docs) {
    if (d.meta.url) byUrl.set(normUrl(d.meta.url), d.id);
    const doi = DOI_IN.exec(d.meta.url ?? '') ?? DOI_IN.exec(d.text.slice(0, 3000));
    if (doi) byDoi.set(normDoi(doi[1].replace(/[.,;)]+$/, '')), d.id);
  }
  const ids = new Set(docs.map((d) => d.id));
  const map = new Map<string, string>();
  for (const item of items) {
    let id: string | undefined;
    if (typeof item.file === 'string' && item.file) id = byPath.get(realOr(path.resolve(path.dirname(bibFile), item.file)));
    if (!id && typeof item.URL === 'string') id = byUrl.get(normUrl(item.URL));
    if (!id && typeof item.DOI === 'string') id = byDoi.get(normDoi(item.DOI));
    if (!id && ids.has(item.id)) id = item.id;
    if (id) map.set(item.id, id);
  }
  return map;
}

/** Parses a front matter block's YAML (without the `---` lines); {} when absent or malformed. */
export function parseFrontMatter(yaml: string | undefined): Record<string, unknown> {
  if (!yaml) return {};
  try {
    const v = parseYaml(yaml) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The YAML of a Markdown draft's front matter (between the `---` lines), if any. */
export function frontMatterYaml(draftText: string): string | undefined {
  const m = /^\ufeff?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(draftText);
  return m ? m[1] : undefined;
}

/** The CSL items of a draft's bibliography files and inline `references:`. Unreadable files become problems. */
export function draftBibliography(draftPath: string, frontMatterYamlText: string | undefined, problems: BibProblem[] = []): Array<{ file: string; items: CslItem[] }> {
  const fm = parseFrontMatter(frontMatterYamlText);
  const out: Array<{ file: string; items: CslItem[] }> = [];
  for (const file of bibliographyFiles(draftPath, fm)) {
    try {
      out.push({ file, items: parseBibliographyText(readFileSync(file, 'utf8'), file) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ file, message: `${file}: bibliography of ${draftPath} ${code ? `cannot be read (${code})` : `cannot be parsed (${(e as Error).message})`}` });
    }
  }
  if (Array.isArray(fm.references)) {
    try {
      out.push({ file: draftPath, items: parseBibliographyText(JSON.stringify(fm.references), 'references.json') });
    } catch {
      // Not CSL items: ignore.
    }
  }
  return out;
}

/**
 * Maps the citation keys of a draft's bibliography to source ids. `sources` are the corpus's
 * documents; keys whose entry names no source are left out.
 */
export function loadBibliography(draftPath: string, frontMatterYamlText: string | undefined, sources: Iterable<SourceDocument>, problems: BibProblem[] = []): Map<string, string> {
  const docs = [...sources];
  const map = new Map<string, string>();
  for (const { file, items } of draftBibliography(draftPath, frontMatterYamlText, problems)) {
    for (const [k, v] of matchItems(items, file, docs)) if (!map.has(k)) map.set(k, v);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Writing a bibliography from sources

function splitName(name: string): { family?: string; given?: string; literal?: string } {
  const t = name.trim();
  if (/\b(board|service|council|agency|association|office|ministry|department|institute|university|press|news|bureau|team|desk|staff)\b/i.test(t)) return { literal: t };
  const parts = t.split(/\s+/);
  if (parts.length < 2) return { literal: t };
  return { family: parts[parts.length - 1], given: parts.slice(0, -1).join(' ') };
}

/** A CSL item for a source under citation key `key`, merged over an existing bibliography item. */
export function cslFromSource(key: string, doc: SourceDocument, base?: CslItem): CslItem {
  const m: SourceMeta = doc.meta;
  const ext = path.extname(doc.path).toLowerCase();
  const item: CslItem = { ...(base ?? {}), id: key };
  delete item.file;
  item.type ??= m.outlet ? 'article-newspaper' : ext === '.pdf' || ext === '.docx' ? 'report' : m.url ? 'webpage' : 'document';
  if (!item.title && m.title) item.title = m.title;
  if (!item.author && m.author) item.author = m.author.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean).map(splitName);
  if (!item.issued && m.date) item.issued = { 'date-parts': [m.date.split('-').map(Number)] };
  if (!item.URL && m.url) item.URL = m.url;
  if (!item['container-title'] && m.outlet) item['container-title'] = m.outlet;
  return item;
}

const bibEscape = (s: string) => s.replace(/\\/g, '\\textbackslash{}').replace(/([&%$#_{}])/g, '\\$1');
const CSL_TO_BIBTEX: Record<string, string> = {
  'article-journal': 'article', 'article-newspaper': 'article', 'article-magazine': 'article', book: 'book', chapter: 'incollection', 'paper-conference': 'inproceedings',
  report: 'techreport', thesis: 'phdthesis', webpage: 'online', 'post-weblog': 'online', manuscript: 'unpublished',
};

/** Renders CSL items as BibTeX (biblatex-compatible field names where BibTeX has none). */
export function toBibtex(items: readonly CslItem[]): string {
  return items
    .map((it) => {
      const fields: Array<[string, string]> = [];
      if (it.title) fields.push(['title', `{${bibEscape(String(it.title))}}`]);
      if (it.author?.length) {
        const names = it.author.map((a) => (a.literal ? `{${bibEscape(a.literal)}}` : [a.family, a.given].filter(Boolean).map((x) => bibEscape(String(x))).join(', ')));
        fields.push(['author', `{${names.join(' and ')}}`]);
      }
      const container = it['container-title'];
      if (container) fields.push([it.type === 'article-journal' ? 'journal' : it.type === 'chapter' || it.type === 'paper-conference' ? 'booktitle' : 'journaltitle', `{${bibEscape(String(container))}}`]);
      if (it.publisher) fields.push([it.type === 'report' ? 'institution' : 'publisher', `{${bibEscape(String(it.publisher))}}`]);
      const dp = it.issued?.['date-parts']?.[0];
      if (dp && dp.length > 0) {
        fields.push(['year', `{${dp[0]}}`]);
        if (dp.length >= 3) fields.push(['date', `{${dp.slice(0, 3).map((x, i) => String(x).padStart(i === 0 ? 4 : 2, '0')).join('-')}}`]);
        if (dp.length >= 2) fields.push(['month', MONTHS[+dp[1] - 1] ?? `{${dp[1]}}`]);
      }
      if (it.URL) fields.push(['url', `{${String(it.URL).replace(/[{}]/g, '')}}`]);
      if (it.DOI) fields.push(['doi', `{${String(it.DOI).replace(/[{}]/g, '')}}`]);
      const type = CSL_TO_BIBTEX[it.type ?? ''] ?? 'misc';
      return `@${type}{${it.id},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}`;
    })
    .join('\n\n') + (items.length > 0 ? '\n' : '');
}
