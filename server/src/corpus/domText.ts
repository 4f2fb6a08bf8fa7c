/**
 * Turns a DOM (linkedom, from HTML pages and from DOCX converted to HTML) into plain text with one
 * paragraph per line, so the engine's line-based passage splitter sees whole paragraphs.
 */

/** The part of the DOM interface this module reads (linkedom implements it). */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode?: DomNode | null;
  getAttribute?(name: string): string | null;
  remove?(): void;
  querySelectorAll?(selector: string): ArrayLike<DomNode>;
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'HTML',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'HEAD', 'TITLE', 'META', 'LINK', 'BUTTON', 'SELECT', 'OPTION', 'INPUT', 'TEXTAREA']);

/** Lines of text of `root`: block elements break lines, table rows become `cell | cell`, list items `- item`. */
export function domLines(root: DomNode): string[] {
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
    cur = '';
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      cur += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (node.getAttribute?.('hidden') != null || node.getAttribute?.('aria-hidden') === 'true') return;
    if (name === 'BR') {
      flush();
      return;
    }
    if (name === 'TR') {
      flush();
      const cells: string[] = [];
      for (const cell of Array.from(node.childNodes)) {
        const n = cell.nodeName.toUpperCase();
        if (n !== 'TD' && n !== 'TH') continue;
        const t = domLines(cell).join(' ').trim();
        if (t) cells.push(t);
      }
      if (cells.length > 0) lines.push(cells.join(' | '));
      return;
    }
    if (name === 'IMG') {
      const alt = node.getAttribute?.('alt');
      if (alt) cur += ` ${alt} `;
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    if (name === 'LI') cur = '- ';
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) {
      if (cur.trim() === '-') cur = '';
      flush();
      if (/^(P|H[1-6]|BLOCKQUOTE|TABLE|UL|OL|PRE|FIGURE)$/.test(name) && lines[lines.length - 1] !== '') lines.push('');
    }
  };
  walk(root);
  flush();
  return lines;
}
