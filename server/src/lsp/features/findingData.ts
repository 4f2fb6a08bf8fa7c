import type { Range } from 'vscode-languageserver';

/** A value the sources give in place of the draft's. */
export interface Replacement {
  range: Range;
  /** The values as shown in the quick fix title. */
  from: string;
  to: string;
  /** What replaces `range`. */
  newText: string;
  source: string;
}

/**
 * `Diagnostic.data` of a Corroborate finding: everything the quick fixes need, so that code
 * actions never run the analysis again.
 */
export interface FindingData {
  /** The whole sentence the finding is about ("Ignore this claim" goes on the line before it). */
  claim: Range;
  /** Sources a *Cite* quick fix may insert, best first. */
  cite?: string[];
  replacements?: Replacement[];
  /** For an unknown citation key: the key and existing ids it may be a typo of. */
  unknownKey?: { key: string; similar: string[] };
}

export function isFindingData(value: unknown): value is FindingData {
  return value !== null && typeof value === 'object' && 'claim' in value;
}
