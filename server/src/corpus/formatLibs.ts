/**
 * The document-extraction libraries (PDF, DOCX, HTML), behind one module that readers import
 * lazily with `await import('./formatLibs')`. esbuild.mjs bundles this module on its own, as
 * dist/format-libs.js, and the CLI and server load it only when a source needs it: the PDF library
 * alone is 1.6 MB, and parsing it on every start would slow down every warm run.
 */
export { getDocumentProxy, getMeta, extractTextItems } from 'unpdf';
export { parseHTML } from 'linkedom';
export { Readability } from '@mozilla/readability';
export { default as JSZip } from 'jszip';
import * as mammothModule from 'mammoth';

type Mammoth = typeof import('mammoth');
/** mammoth is CommonJS; under some loaders its functions sit on `default`. */
export const mammoth: Mammoth = ((mammothModule as unknown as { default?: Mammoth }).default ?? mammothModule) as Mammoth;
