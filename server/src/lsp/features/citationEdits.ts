import * as path from 'node:path';
import type { Range, TextEdit } from 'vscode-languageserver';
import type { IndexedSource } from '../../engine';
import type { CitationStyle } from '../../protocol/settings';
import { LineIndex } from '../../engine';
import { uriToPath } from '../uris';

/** The draft text and where the sentence to cite is in it. */
export interface CiteTarget {
  text: string;
  /** Draft URI, to make relative links to source files. */
  uri: string;
  /** Offsets of the sentence (the engine's claim range, which may include a trailing citation). */
  start: number;
  end: number;
}

const FOOTNOTE_LABEL = /\[\^(\d+)\]/g;
/** A bracketed Pandoc citation group, "[see @a, p. 3; @b]". */
const CITATION_GROUP = /\[[^[\]\n^]*@[^[\]\n]*\](?!\()/g;
/** A sentence's final full stop (or ! ?), unless a closing quote or bracket follows it. */
const FINAL_STOP = /[.!?]$/;

/** Text edits that cite `source` for the sentence, in the configured style. */
export function citeEdits(style: CitationStyle, target: CiteTarget, source: IndexedSource): TextEdit[] {
  const lines = new LineIndex(target.text);
  const at = (offset: number): Range => ({ start: lines.positionAt(offset), end: lines.positionAt(offset) });
  switch (style) {
    case 'pandoc': {
      // Join an existing group, "[@a]" → "[@a; @b]", rather than adding a second bracket.
      const group = [...target.text.slice(target.start, target.end).matchAll(CITATION_GROUP)].at(-1);
      if (group) {
        const close = target.start + group.index + group[0].length - 1;
        return [{ range: at(close), newText: `; @${source.doc.id}` }];
      }
      return [{ range: at(beforeStop(target)), newText: ` [@${source.doc.id}]` }];
    }
    case 'link':
      return [{ range: at(beforeStop(target)), newText: ` (${markdownLink(source, target.uri)})` }];
    case 'footnote': {
      const n = nextFootnoteNumber(target.text);
      return [
        { range: at(sentenceEnd(target)), newText: `[^${n}]` },
        { range: at(target.text.length), newText: footnoteDefinition(target.text, n, source, target.uri) },
      ];
    }
  }
}

/** Offset just after the sentence's last character (spaces and line breaks excluded). */
function sentenceEnd(target: CiteTarget): number {
  let end = target.end;
  while (end > target.start && /\s/.test(target.text[end - 1])) end--;
  return end;
}

/** Where an inline citation goes: before the final full stop, as Pandoc writes "Blah [@a]." */
function beforeStop(target: CiteTarget): number {
  const end = sentenceEnd(target);
  return FINAL_STOP.test(target.text.slice(target.start, end)) ? end - 1 : end;
}

export function nextFootnoteNumber(text: string): number {
  let max = 0;
  for (const m of text.matchAll(FOOTNOTE_LABEL)) max = Math.max(max, Number(m[1]));
  return max + 1;
}

/** "[^3]: Title. Outlet, 2025-10-14. <https://…>", after a blank line unless it follows another definition. */
function footnoteDefinition(text: string, n: number, source: IndexedSource, draftUri: string): string {
  const { title, outlet, date } = source.doc.meta;
  const where = [outlet, date].filter(Boolean).join(', ');
  const body = [`${title ?? source.doc.id}.`, where ? `${where}.` : undefined, linkTarget(source, draftUri, true)].filter(Boolean).join(' ');
  const lastLine = text.replace(/\s+$/, '').split(/\r?\n/).at(-1) ?? '';
  const separator = /^\[\^[^\]]+\]:/.test(lastLine) ? '' : '\n';
  const lineBreak = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${lineBreak}${separator}[^${n}]: ${body}\n`.replace(/\n/g, eol);
}

function markdownLink(source: IndexedSource, draftUri: string): string {
  const title = (source.doc.meta.title ?? source.doc.id).replace(/[[\]]/g, '\\$&');
  return `[${title}](${linkTarget(source, draftUri, false)})`;
}

/**
 * The source's URL when it has one, else the path of its file relative to the draft (angle
 * brackets keep paths with spaces intact in Markdown).
 */
function linkTarget(source: IndexedSource, draftUri: string, autolink: boolean): string {
  const url = source.doc.meta.url;
  if (url) return autolink ? `<${url}>` : url;
  const draftPath = uriToPath(draftUri);
  const rel = draftPath ? path.relative(path.dirname(draftPath), source.doc.path).split(path.sep).join('/') : source.doc.path;
  if (autolink) return `[${rel}](${/\s/.test(rel) ? `<${rel}>` : rel})`;
  return /\s/.test(rel) ? `<${rel}>` : rel;
}
