import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver';
import { LineIndex } from '../engine';
import { jsonErrorOffset } from './jsonErrorOffset';

/** Project configuration shared with the CLI, at the root of a workspace folder. */
export const FOLDER_CONFIG_FILE = '.corroborate.json';

export interface FolderConfigProblem {
  path: string;
  message: string;
  /** Where in the file the problem is, when known. */
  position: Position;
}

export interface FolderConfig {
  /** The `sources` globs, when the file exists and gives them. */
  sources?: string[];
  problem?: FolderConfigProblem;
}

/**
 * Reads `.corroborate.json` of a folder. A missing file is normal; a malformed one is reported
 * (and the caller falls back to the `corroborate.sources` setting) rather than thrown, so a typo in
 * the file never stops the checks.
 */
export async function readFolderConfig(folder: string): Promise<FolderConfig> {
  const file = path.join(folder, FOLDER_CONFIG_FILE);
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    return { problem: { path: file, message: `${FOLDER_CONFIG_FILE} cannot be read (${code ?? String(e)})`, position: { line: 0, character: 0 } } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // V8's message may quote a multi-line snippet; keep its first clause and say where instead.
    const reason = (e instanceof Error ? e.message : String(e)).replace(/,\s*(\.\.\.|")[\s\S]*$/, '').replace(/\s+in JSON at position \d+.*$/s, '');
    const offset = jsonErrorOffset(text);
    const position = new LineIndex(text).positionAt(Math.max(0, offset));
    return { problem: { path: file, message: `${FOLDER_CONFIG_FILE} is not valid JSON: ${reason} at line ${position.line + 1}, column ${position.character + 1}`, position } };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { problem: { path: file, message: `${FOLDER_CONFIG_FILE} must contain a JSON object such as {"sources": ["sources/**"]}`, position: { line: 0, character: 0 } } };
  }
  const raw = (json as Record<string, unknown>).sources;
  if (raw === undefined) return {};
  // A single path is allowed, as the CLI allows it.
  const sources = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(sources) || sources.length === 0 || !sources.every((s) => typeof s === 'string' && s.trim() !== '')) {
    const offset = Math.max(0, text.indexOf('"sources"'));
    return {
      problem: { path: file, message: `"sources" in ${FOLDER_CONFIG_FILE} must be a folder, a glob or a non-empty list of them`, position: new LineIndex(text).positionAt(offset) },
    };
  }
  return { sources: sources as string[] };
}
