import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Corpus, PackedCorpus } from '../engine/corpus';
import { buildShard, type FileOutcome, type ShardOptions } from './shard';
import { sharedSpill } from '../corpus/spillFile';
import { INDEX_WORKER_LIMITS } from '../protocol/runtime';

/**
 * Cold indexing on every core: the files are cut into contiguous runs, each run is read, parsed
 * and indexed by a worker thread (the first one by the calling thread), and the shards are
 * joined in order. Joining takes the shards' texts over (not copied; only the first posting of
 * each term list is encoded again), and passage ids, term statistics and therefore
 * every search result are exactly those of indexing the files one by one.
 */

export interface BuildOptions extends Omit<ShardOptions, 'onProgress'> {
  /** Threads to use, the calling one included (default: the cores, at most 4). */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The worker script, shipped beside the bundle that uses it (dist/index-worker.js). */
export function workerScript(): string | undefined {
  const file = path.join(__dirname, 'index-worker.js');
  return existsSync(file) ? file : undefined;
}

/** Message a shard worker sends back. */
export type ShardMessage = { kind: 'progress'; done: number } | { kind: 'done'; packed: PackedCorpus; outcomes: FileOutcome[] } | { kind: 'error'; message: string };

/** Files per thread below which a thread of its own is not worth starting. */
const MIN_FILES_PER_THREAD = 200;

export async function buildCorpus(files: readonly string[], options: BuildOptions = {}): Promise<{ corpus: Corpus; outcomes: FileOutcome[] }> {
  const script = workerScript();
  const wanted = options.threads ?? Math.min(4, availableParallelism());
  const threads = script ? Math.max(1, Math.min(wanted, Math.floor(files.length / MIN_FILES_PER_THREAD))) : 1;
  const done = new Array<number>(threads).fill(0);
  const report = () => options.onProgress?.(done.reduce((a, b) => a + b, 0), files.length);
  const shardOptions: ShardOptions = { maxBytes: options.maxBytes, hash: options.hash };
  if (threads === 1) {
    const built = await buildShard(files, { ...shardOptions, onProgress: (n) => ((done[0] = n), report()) });
    built.corpus.shrink();
    return built;
  }
  // Contiguous runs of about equal size: the first one stays on this thread.
  const runs: Array<readonly string[]> = [];
  for (let t = 0; t < threads; t++) runs.push(files.slice(Math.floor((t * files.length) / threads), Math.floor(((t + 1) * files.length) / threads)));
  const others = runs.slice(1).map((run, k) =>
    runInWorker(script!, run, shardOptions, (n) => ((done[k + 1] = n), report())).catch(async () => {
      // A worker that cannot start or dies: its run is indexed here instead.
      const local = await buildShard(run, shardOptions);
      return { packed: local.corpus.pack(false), outcomes: local.outcomes };
    }),
  );
  const first = await buildShard(runs[0], { ...shardOptions, onProgress: (n) => ((done[0] = n), report()) });
  const corpus = first.corpus;
  const outcomes = first.outcomes;
  const shards = await Promise.all(others);
  // One join for all shards: every list is copied once, into a block of its final size, and the
  // shards' arrays are freed as soon as they are copied.
  const skipped = new Map(corpus.absorbAll(shards.map((s) => s.packed), { consume: true }).map((h) => [h.path, h.id]));
  for (const { outcomes: more } of shards) {
    for (const o of more) {
      const id = skipped.get(o.file);
      if (id !== undefined && o.id === id) {
        o.clash = { id, owner: corpus.source(id)!.doc.path };
        delete o.id;
      }
      outcomes.push(o);
    }
  }
  corpus.shrink();
  // This continuation runs inside the handler of the last shard's message, whose handle scope
  // keeps that message (the shard's arrays, copied into the corpus by now: 27 MB at 10,000
  // documents) alive until control returns to the event loop. Return from there instead, so
  // that a caller that goes on synchronously (a CLI check) does not carry them along.
  await new Promise<void>((resolve) => setImmediate(resolve));
  return { corpus, outcomes };
}

function runInWorker(script: string, files: readonly string[], options: ShardOptions, progress: (done: number) => void): Promise<{ packed: PackedCorpus; outcomes: FileOutcome[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { resourceLimits: INDEX_WORKER_LIMITS, workerData: { role: 'shard', files, options, spill: sharedSpill() } });
    let settled = false;
    worker.on('message', (m: ShardMessage) => {
      if (m.kind === 'progress') progress(m.done);
      else if (m.kind === 'done') {
        settled = true;
        resolve({ packed: m.packed, outcomes: m.outcomes });
        void worker.terminate();
      } else {
        settled = true;
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`index worker exited with code ${code}`));
      settled = true;
    });
  });
}
