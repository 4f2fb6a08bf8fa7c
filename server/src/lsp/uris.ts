import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file-system path of a `file:` URI; undefined for other schemes (untitled, vscode-notebook…). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** True when `child` is `parent` or inside it. */
export function isUnder(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * A link that opens a file at a 0-based position. VS Code's opener selects the line and column
 * given as a `#L<line>,<column>` fragment (1-based).
 */
export function fileLinkAt(filePath: string, line: number, character: number): string {
  return `${pathToUri(filePath)}#L${line + 1},${character + 1}`;
}
