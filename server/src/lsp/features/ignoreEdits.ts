import type { TextEdit } from 'vscode-languageserver';
import { LineIndex } from '../../engine';
import { frontMatterEnd } from '../../engine/sources/passages';

export const DISABLE_NEXT_LINE = '<!-- corroborate-disable-next-line -->';
export const DISABLE_FILE = '<!-- corroborate-disable-file -->';

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Puts `<!-- corroborate-disable-next-line -->` on its own line before `line`, with the same
 * indentation and blockquote markers so that the line stays inside its list item or quote.
 */
export function ignoreLineEdit(text: string, line: number): TextEdit {
  const lines = new LineIndex(text);
  const start = lines.lineStart(line);
  const prefix = /^[ \t>]*/.exec(text.slice(start))![0];
  const position = lines.positionAt(start);
  return { range: { start: position, end: position }, newText: `${prefix}${DISABLE_NEXT_LINE}${eolOf(text)}` };
}

/** Puts `<!-- corroborate-disable-file -->` at the top of the draft, after its front matter. */
export function ignoreFileEdit(text: string): TextEdit {
  const offset = frontMatterEnd(text);
  const position = new LineIndex(text).positionAt(offset);
  // Front matter that ends the file without a line break needs one before the directive.
  const before = offset > 0 && !/\n$/.test(text.slice(0, offset)) ? eolOf(text) : '';
  return { range: { start: position, end: position }, newText: `${before}${DISABLE_FILE}${eolOf(text)}` };
}
