import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import type { Nodes, Parents } from 'mdast';

/**
 * The prose of a Markdown draft, as a mask over the original text.
 *
 * `prose` has the same length as the draft: prose characters are kept, everything else (markup,
 * link targets, inline code, HTML comments, front matter, code blocks, footnote markers, citation
 * brackets) is replaced by spaces. Every offset into `prose` is therefore an offset into the
 * draft, and sentence ranges need no mapping back.
 */
export interface DraftProse {
  prose: string;
  /** Ranges of prose blocks (paragraphs, table cells), in document order. */
  blocks: Array<{ start: number; end: number }>;
  /** Raw YAML of the front matter, if any. */
  frontMatter?: string;
}

/** Inline nodes whose text is not prose. */
const NON_PROSE_INLINE = new Set(['inlineCode', 'html', 'image', 'imageReference', 'footnoteReference', 'break']);
/** Block nodes whose text is prose (headings are titles, not claims). */
const PROSE_BLOCKS = new Set(['paragraph', 'tableCell']);

export function parseDraft(text: string, markdown = true): DraftProse {
  if (!markdown) return plainTextProse(text);
  const tree = fromMarkdown(text, {
    extensions: [gfm(), frontmatter(['yaml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
  const keep = new Uint8Array(text.length);
  const blocks: Array<{ start: number; end: number }> = [];
  let frontMatter: string | undefined;

  const markInline = (node: Nodes): void => {
    if (NON_PROSE_INLINE.has(node.type)) return;
    if (node.type === 'text') {
      const s = node.position?.start.offset;
      const e = node.position?.end.offset;
      if (s !== undefined && e !== undefined) keep.fill(1, s, e);
      return;
    }
    if ('children' in node) for (const child of (node as Parents).children) markInline(child as Nodes);
  };

  const walk = (node: Nodes): void => {
    if (node.type === 'yaml') {
      frontMatter = node.value;
      return;
    }
    if (node.type === 'code' || node.type === 'html' || node.type === 'definition' || node.type === 'heading') return;
    if (PROSE_BLOCKS.has(node.type)) {
      const s = node.position?.start.offset;
      const e = node.position?.end.offset;
      if (s !== undefined && e !== undefined) blocks.push({ start: s, end: e });
      markInline(node);
      return;
    }
    if ('children' in node) for (const child of (node as Parents).children) walk(child as Nodes);
  };
  walk(tree);

  let prose = '';
  const chars: string[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    // Line breaks survive so that line structure (and CRLF) is kept; a stray backslash escape goes.
    chars[i] = keep[i] || c === '\n' || c === '\r' ? c : ' ';
  }
  prose = chars.join('');
  prose = maskUrls(prose);
  return { prose, blocks, frontMatter };
}

/** Plain-text drafts: every non-blank paragraph is prose. */
function plainTextProse(text: string): DraftProse {
  const blocks: Array<{ start: number; end: number }> = [];
  const re = /[^\r\n]+(?:\r?\n[^\r\n]+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push({ start: m.index, end: m.index + m[0].length });
  return { prose: maskUrls(text), blocks };
}

/** Bare URLs in prose are addresses, not words. */
function maskUrls(s: string): string {
  return s.replace(/\b(?:https?:\/\/|www\.)[^\s)\]>]+/g, (m) => ' '.repeat(m.length));
}
