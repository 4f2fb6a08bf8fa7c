import type { SourceMeta } from '../engine/types';
import { guessMeta } from '../engine/sources/metadata';
import { firstFullDate } from '../engine/facts/dates';
import { SourceError, decodeUtf8, isoDate, looksBinary } from './decode';
import { cleanLines } from './cleanText';
import { domLines, type DomNode } from './domText';
import type { SourceReader } from './readSource';

interface Doc extends DomNode {
  documentElement: DomNode;
  body: DomNode | null;
  title: string;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}

/** Decodes an HTML file: a BOM or `<meta charset>` naming another encoding is honoured, else strict UTF-8. */
export function decodeHtml(bytes: Uint8Array, filePath: string): string {
  if (looksBinary(bytes)) throw new SourceError(`binary file, not HTML`);
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  const label = m?.[1].toLowerCase();
  if (label && !/^(utf-?8|unicode-1-1-utf-8)$/.test(label)) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // Unknown label: fall through to UTF-8.
    }
  }
  return decodeUtf8(bytes, filePath);
}

const CHROME_SELECTORS = [
  'script', 'style', 'noscript', 'template', 'nav', 'aside', 'footer', 'form', 'dialog', 'iframe',
  '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', '[role="complementary"]', '[role="dialog"]', '[role="alertdialog"]',
  '[aria-modal="true"]', '[hidden]',
];
const CHROME_CLASS = /(^|[\s_-])(cookies?|consent|gdpr|cmp|newsletter|subscribe|subscription|signup|paywall|advert|ads?|adslot|sponsor(ed)?|promo|share|sharing|social|related|trending|popular|breadcrumbs?|skip-link|comments?)([\s_-]|$)/i;

/** Removes navigation, asides, footers, forms and short banner-like blocks (cookie notices, newsletter boxes). */
function stripChrome(doc: Doc): void {
  for (const sel of CHROME_SELECTORS) for (const el of Array.from(doc.querySelectorAll(sel))) el.remove?.();
  for (const el of Array.from(doc.querySelectorAll('[class], [id]'))) {
    const name = el.nodeName.toUpperCase();
    if (name === 'BODY' || name === 'HTML' || name === 'MAIN' || name === 'ARTICLE') continue;
    const tag = `${el.getAttribute?.('class') ?? ''} ${el.getAttribute?.('id') ?? ''}`;
    if (!CHROME_CLASS.test(tag)) continue;
    if ((el.textContent ?? '').length < 800) el.remove?.();
  }
}

function metaContent(doc: Doc, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const el = doc.querySelector(`meta[property="${k}"], meta[name="${k}"], meta[itemprop="${k}"]`) ?? doc.querySelector(`meta[name="${k.toLowerCase()}"]`);
    const v = el?.getAttribute?.('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

type Json = Record<string, unknown>;
const ARTICLE_TYPES = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|Report|ScholarlyArticle|TechArticle|WebPage|PressRelease|LiveBlogPosting)$/;

/** The first JSON-LD object describing an article (searched through arrays and `@graph`). */
function jsonLdArticle(doc: Doc): Json | undefined {
  const found: Json[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      const types = ([] as unknown[]).concat(o['@type'] ?? []);
      if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  for (const el of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse((el.textContent ?? '').trim()));
    } catch {
      // Broken JSON-LD is common; ignore it.
    }
  }
  return found.find((o) => !/WebPage/.test(String(o['@type']))) ?? found[0];
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((x): x is string => !!x);
    return names.length > 0 ? names.join(', ') : undefined;
  }
  if (v && typeof v === 'object') return nameOf((v as Json).name);
  return undefined;
}

function dateOf(s: string | undefined): string | undefined {
  if (!s) return undefined;
  return isoDate(s) ?? firstFullDate(s);
}

function htmlMeta(doc: Doc): SourceMeta {
  const ld = jsonLdArticle(doc);
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const metaAuthor = metaContent(doc, 'author', 'article:author', 'parsely-author', 'dc.creator', 'DC.creator');
  const timeEl = doc.querySelector('time[datetime]');
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute?.('href') ?? undefined;
  return {
    title: metaContent(doc, 'og:title', 'twitter:title', 'dc.title', 'DC.title') ?? str(ld?.headline) ?? str(ld?.name),
    outlet: metaContent(doc, 'og:site_name', 'application-name') ?? nameOf(ld?.publisher),
    author: (metaAuthor && !/^https?:/.test(metaAuthor) ? metaAuthor : undefined) ?? nameOf(ld?.author),
    date:
      dateOf(metaContent(doc, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'publish-date', 'date', 'dc.date', 'DC.date', 'dc.date.issued', 'DC.date.issued', 'parsely-pub-date', 'sailthru.date')) ??
      dateOf(str(ld?.datePublished)) ??
      dateOf(timeEl?.getAttribute?.('datetime') ?? undefined),
    url: metaContent(doc, 'og:url') ?? (canonical && /^https?:/.test(canonical) ? canonical : undefined) ?? str(ld?.url),
  };
}

/** Fills the fields `meta` lacks from `more`. */
export function fillMeta(meta: SourceMeta, more: SourceMeta): SourceMeta {
  const out: SourceMeta = {};
  for (const k of ['title', 'outlet', 'author', 'date', 'url'] as const) {
    const v = meta[k] ?? more[k];
    if (v) out[k] = v;
  }
  return out;
}

/** A page without a <body> tag (a fragment) gets one around everything after its <head>, as browsers do. */
function withBody(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  const head = /<head[\s>][\s\S]*?<\/head>/i.exec(html);
  const rest = (head ? html.slice(head.index + head[0].length) : html).replace(/^\s*<!doctype[^>]*>/i, '').replace(/<\/?html[^>]*>/gi, '');
  return `<!doctype html><html>${head ? head[0] : '<head></head>'}<body>${rest}</body></html>`;
}

/** Text lines and metadata of an HTML page: main content only, then the line-level boilerplate filter. */
export async function htmlToText(html: string): Promise<{ text: string; meta: SourceMeta }> {
  const { parseHTML, Readability } = await import('./formatLibs');
  const { document } = parseHTML(withBody(html)) as unknown as { document: Doc };
  const meta = htmlMeta(document);
  const pageTitle = document.title?.trim() || undefined;
  stripChrome(document);
  let root: DomNode | null = null;
  let article: ReturnType<InstanceType<typeof Readability<DomNode>>['parse']> | null = null;
  try {
    // Readability changes the document it reads; keep a copy of the body as the fallback.
    const fallback = parseHTML(`<!doctype html><html><body>${(document.body as unknown as { innerHTML: string } | null)?.innerHTML ?? ''}</body></html>`) as unknown as { document: Doc };
    article = new Readability<DomNode>(document as never, { serializer: (n) => n as unknown as DomNode }).parse();
    root = article?.content && (article.textContent ?? '').trim().length > 0 ? article.content : fallback.document.body;
  } catch {
    root = document.body;
  }
  const text = root ? cleanLines(domLines(root)) : '';
  const byline = article?.byline?.replace(/^\s*by\s+/i, '').trim();
  const fromReader: SourceMeta = {
    title: article?.title?.trim() || pageTitle,
    outlet: article?.siteName?.trim() || undefined,
    author: byline && byline.length <= 80 ? byline : undefined,
    date: dateOf(article?.publishedTime ?? undefined),
  };
  return { text, meta: fillMeta(fillMeta(meta, fromReader), guessMeta(text)) };
}

export const readHtml: SourceReader = async (bytes, filePath) => {
  const { text, meta } = await htmlToText(decodeHtml(bytes, filePath));
  if (!/\p{L}{2}/u.test(text)) throw new SourceError(`no readable text in the page`);
  return { text, meta };
};
