/**
 * Types shared by every stage of the analysis engine.
 *
 * The engine is pure: it takes texts and returns verdicts. Offsets are UTF-16 code-unit offsets
 * into the text they refer to (what JavaScript strings and LSP positions use).
 */

/** A 0-based LSP position (line, UTF-16 character). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Bibliographic facts about a source, used in hovers, citations and date resolution. */
export interface SourceMeta {
  title?: string;
  outlet?: string;
  author?: string;
  /** Publication date as ISO `YYYY-MM-DD`. Relative dates in the text resolve against it. */
  date?: string;
  url?: string;
}

/** A source as handed to the engine: its id, where it came from and its readable text. */
export interface SourceDocument {
  /** Citation key: the file name without extension, or front matter `id:`. */
  id: string;
  /** Path (or URI) shown to the user and used in evidence. */
  path: string;
  /** The text the engine reads. For txt/md this is the file's text, so offsets are file offsets. */
  text: string;
  meta: SourceMeta;
  /**
   * For formats whose text is extracted (PDF, DOCX), where each page starts in `text`, so evidence
   * can say "page N". Absent for text formats.
   */
  pageStarts?: number[];
}

/** One retrievable unit of a source: a sentence, with exact offsets into the source text. */
export interface Passage {
  /** Index of the passage in the corpus-wide passage table. */
  id: number;
  sourceId: string;
  /** Position of this passage among the passages of its source. */
  ordinal: number;
  start: number;
  end: number;
  text: string;
}

export type Verdict = 'supported' | 'conflict' | 'unsupported';

/** Kind of finding; the language server uses it as the diagnostic code. */
export type FindingKind =
  | 'supported'
  | 'unsupported'
  | 'conflict.number'
  | 'conflict.date'
  | 'conflict.entity'
  | 'conflict.negation'
  | 'conflict.quote'
  | 'citation.mismatch'
  | 'citation.unknown';

/** A piece of evidence: a verbatim passage of a source and how it bears on the claim. */
export interface Evidence {
  source: string;
  path: string;
  quote: string;
  relation: 'supports' | 'conflicts';
  /** Offsets of the quote in the source text. */
  start: number;
  end: number;
  /** Position of the quote's start in the source text (0-based line, UTF-16 character). */
  position: Position;
  /** 1-based page for paged formats (PDF, DOCX). */
  page?: number;
}

/** The value one source gives for a fact of the claim (for "who says what" hovers). */
export interface SourceValue {
  source: string;
  /** The value as written in the source, e.g. "over 60". */
  text: string;
  start: number;
  end: number;
  position: Position;
}

/** A fact of the draft sentence (a figure, a date, a name, a quote) and what the sources say of it. */
export interface FactReport {
  kind: 'number' | 'date' | 'entity' | 'quote' | 'negation';
  /** The fact as written in the draft. */
  text: string;
  /** Range of the fact in the draft. */
  range: Range;
  status: 'supported' | 'conflict' | 'unsupported';
  /** Every value the sources give for the same fact. */
  values: SourceValue[];
  /** For conflicts: the value a quick fix may put in place of the draft's, with its source. */
  replacement?: { text: string; source: string };
}

/** One check-worthy sentence of the draft and its verdict. */
export interface ClaimResult {
  range: Range;
  /** Offsets of the sentence in the draft text. */
  start: number;
  end: number;
  text: string;
  verdict: Verdict;
  kind: FindingKind;
  /** A message a writer understands, e.g. "Sources give 61 (A) and 65 (B); the draft says 80." */
  message: string;
  confidence: number;
  evidence: Evidence[];
  facts: FactReport[];
  /** Source ids cited by the sentence (Pandoc citations). */
  cited: string[];
  /** For cited sentences whose cited sources are silent: other sources that would support it. */
  suggestedSources?: string[];
}

/** A Pandoc citation key found in the draft. */
export interface CitationRef {
  key: string;
  /** Range of the `@key` in the draft. */
  range: Range;
  start: number;
  end: number;
  /** True when no source has this id. */
  unknown: boolean;
  /** Range of the whole bracketed citation, `[see @a, p. 3; @b]`. */
  groupRange: Range;
}

/** Everything the engine says about one draft. */
export interface DraftReport {
  claims: ClaimResult[];
  citations: CitationRef[];
}
