import type { Location, Range } from 'vscode-languageserver';
import type { Corpus, IndexedSource } from '../../engine';
import { fileLinkAt, pathToUri } from '../uris';

/** Escapes text (a quote, a title) for a Markdown hover so that it shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** "Title · Outlet · 2025-10-14": what a writer needs to recognise a source. */
export function sourceByline(source: IndexedSource): string {
  const { title, outlet, date } = source.doc.meta;
  return [title ? `*${escapeMarkdown(title)}*` : undefined, outlet && escapeMarkdown(outlet), date].filter(Boolean).join(' · ');
}

/** The range of `[start, end)` of a source's text. */
export function sourceRange(source: IndexedSource, start: number, end: number): Range {
  return { start: source.lines.positionAt(start), end: source.lines.positionAt(end) };
}

export function sourceLocation(source: IndexedSource, start: number, end: number): Location {
  return { uri: pathToUri(source.doc.path), range: sourceRange(source, start, end) };
}

/** A Markdown link that opens the source at an offset, labelled with the source id and line. */
export function passageLink(source: IndexedSource, start: number, label = source.doc.id): string {
  const at = source.lines.positionAt(start);
  return `[${escapeMarkdown(label)}, line ${at.line + 1}](${fileLinkAt(source.doc.path, at.line, at.character)})`;
}

/** Source ids close to an unknown one (a typo in a citation key). */
export function similarIds(corpus: Corpus, key: string, max = 3): string[] {
  const scored = corpus
    .sources()
    .map((s) => ({ id: s.doc.id, d: editDistance(key.toLowerCase(), s.doc.id.toLowerCase()) }))
    .filter(({ id, d }) => d <= Math.max(2, Math.floor(Math.min(key.length, id.length) / 4)))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id));
  return scored.slice(0, max).map((s) => s.id);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
