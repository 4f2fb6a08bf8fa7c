/**
 * The Corroborate analysis engine: sources in, verdicts out. Pure (no file system, no LSP), so
 * the CLI and the language server are thin faces over the same code.
 */
export * from './types';
export { Corpus, type IndexedSource } from './corpus';
export { checkDraft, type CheckOptions } from './check';
export { LineIndex } from './text/lineIndex';
export { guessMeta } from './sources/metadata';
