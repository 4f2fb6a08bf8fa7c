/**
 * Bench-only entry (bundled to dist/engine-bench.js, run by scripts/bench.mjs in a child process
 * per corpus size so that peak RSS is per size). Not part of the product.
 *
 *   node dist/engine-bench.js cold --sources DIR --draft FILE [--snapshot FILE] [--edits N]
 *   node dist/engine-bench.js warm --sources DIR --draft FILE --snapshot FILE
 *   node dist/engine-bench.js flags       (the Node options and environment of the language server)
 *
 * Prints one JSON object on stdout.
 */
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { checkDraft, type Corpus, type DraftReport } from '../engine';
import { findSourceFiles } from '../corpus/findSources';
import { DEFAULT_MAX_SOURCE_BYTES } from '../corpus/readSource';
import { buildCorpus } from '../indexer/parallel';
import { fingerprintFor, loadFolder, save } from '../indexer/folderLoad';
import { preferSmallHeap } from '../memory';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../protocol/runtime';
import { rng } from './random';
import { keepTextsOnDisk } from '../corpus/spillFile';

// As the language server and the CLI do.
preferSmallHeap();
// Source texts wait on disk (a temp file) until a check reads them.
keepTextsOnDisk();

interface Args {
  mode: string;
  sources: string;
  draft: string;
  snapshot?: string;
  edits: number;
}

function parse(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sources = get('--sources');
  const draft = get('--draft');
  if (!sources || !draft) throw new Error('usage: engine-bench cold|warm --sources DIR --draft FILE [--snapshot FILE]');
  return { mode: argv[0] ?? 'cold', sources, draft, snapshot: get('--snapshot'), edits: Number(get('--edits') ?? 200) };
}

const now = (): number => performance.now();
/** Peak resident set size of this process so far, in bytes. */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
/** Where the memory is now, in MB (to tell live data from the garbage a peak also holds). */
const memory = (): Record<string, number> => {
  // Under `node --expose-gc` the figures are of live data only.
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1e5) / 10;
  return { rss: mb(m.rss), peak: mb(peakRss()), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers) };
};

/** A digest of what the check found, so runs (and optimisations) can be compared for identity. */
function digest(report: DraftReport): string {
  const h = createHash('sha256');
  for (const c of report.claims) {
    h.update(`${c.start}:${c.end}:${c.verdict}:${c.kind}:${c.message}:${c.confidence.toFixed(4)}\n`);
    for (const e of c.evidence) h.update(`  ${e.source}:${e.start}:${e.end}:${e.relation}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

function verdicts(report: DraftReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of report.claims) out[c.verdict] = (out[c.verdict] ?? 0) + 1;
  return out;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}


/**
 * In-process edit latency of the engine alone: one-character edits at different places of the
 * draft, each followed by a full check that reuses the sentence cache (what a server does on
 * didChange, without the protocol and the debounce).
 */
function engineEdits(corpus: Corpus, draft: string, n: number): { p50: number; p95: number } {
  const cache = new Map<string, unknown>();
  let text = draft;
  checkDraft(corpus, text, { cache });
  const random = rng(7);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    let at = Math.floor(random() * text.length);
    while (at < text.length && !/[a-z]/.test(text[at])) at++;
    if (at >= text.length) at = Math.floor(text.length / 2);
    text = i % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const t = now();
    checkDraft(corpus, text, { cache });
    times.push(now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function cold(args: Args): Promise<Record<string, unknown>> {
  const draft = readFileSync(args.draft, 'utf8');
  const t0 = now();
  const files = await findSourceFiles([args.sources], process.cwd());
  const t1 = now();
  // Read, parse and index on every core (what the language server and the CLI do).
  const built = await buildCorpus(files, { hash: args.snapshot !== undefined });
  const corpus = built.corpus;
  const t2 = now();
  const rssIndex = peakRss();
  const memIndex = memory();
  const heapIndex = process.memoryUsage().heapUsed;
  const t3 = now();
  const report = checkDraft(corpus, draft);
  const t4 = now();
  const rssCheck = peakRss();
  const memCheck = memory();
  const edits = args.edits > 0 ? engineEdits(corpus, draft, args.edits) : undefined;
  const out: Record<string, unknown> = {
    docs: corpus.size,
    problems: built.outcomes.filter((o) => o.error || o.clash || o.unsupported).length,
    corpusBytes: corpus.byteSize,
    passages: corpus.passageCount,
    loadMs: t1 - t0,
    buildMs: t2 - t1,
    indexMs: t2 - t0,
    rssIndex,
    heapIndex,
    rssPeak: rssCheck,
    memIndex,
    memCheck,
    sizes: corpus.byteSizes,
    heapCheck: process.memoryUsage().heapUsed,
    checkMs: t4 - t3,
    claims: report.claims.length,
    verdicts: verdicts(report),
    digest: digest(report),
    engineEditP50: edits?.p50,
    engineEditP95: edits?.p95,
  };
  out.snapshot = args.snapshot !== undefined;
  if (args.snapshot) {
    // The persisted index, as the language server writes it (corpus/cache.ts format).
    const t5 = now();
    const notes: string[] = [];
    await save(args.snapshot, fingerprintFor(DEFAULT_MAX_SOURCE_BYTES), built.outcomes, corpus, notes);
    out.snapshotMs = now() - t5;
    out.snapshotBytes = statSync(args.snapshot).size;
    if (notes.length > 0) out.snapshotNotes = notes;
  }
  return out;
}

/**
 * Warm start as the language server does it: list the sources, stat them, and take every
 * unchanged one from the persisted index without reading it.
 */
async function warm(args: Args): Promise<Record<string, unknown>> {
  if (!args.snapshot) return { skipped: 'no --snapshot' };
  const draft = readFileSync(args.draft, 'utf8');
  const t0 = now();
  const files = await findSourceFiles([args.sources], process.cwd());
  const loaded = await loadFolder({ role: 'folder', files, cacheFile: args.snapshot });
  const corpus = loaded.corpus;
  const t1 = now();
  const memLoaded = memory();
  const report = checkDraft(corpus, draft);
  return { memLoaded, memChecked: memory(), warmMs: t1 - t0, rssWarm: peakRss(), passages: corpus.passageCount, digest: digest(report), read: loaded.stats.read, fromCache: loaded.stats.fromCache, notes: loaded.notes };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'flags') {
    // The Node options and environment the language server runs with, for the bench to run this
    // engine and the server the same way.
    process.stdout.write(JSON.stringify({ flags: SERVER_NODE_FLAGS, env: SERVER_ENV }) + '\n');
    return;
  }
  const args = parse(process.argv.slice(2));
  const result = args.mode === 'warm' ? await warm(args) : await cold(args);
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`engine-bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
