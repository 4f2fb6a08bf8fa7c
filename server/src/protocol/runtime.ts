/**
 * Node options the language server is started with (by the VS Code client, and by the benchmark
 * that measures it). Flags that size V8's heap must be given at start: a process cannot change
 * them for its own main thread.
 *
 * `--max-semi-space-size=4` (MB) keeps V8's young generation small. Checking a draft allocates
 * much short-lived data (the facts of thousands of source passages); with the default 16 MB
 * semi-spaces V8 keeps up to 48 MB of young generation resident. Measured with `npm run bench` at
 * 10,000 documents: with 2 MB, peak RSS 1.88-1.91× the text, edit p95 50-51 ms and a full check
 * of 5.2-6.4 s (over 2,000 young-generation collections a run); with 4 MB (and 2 MB for the index
 * threads, INDEX_WORKER_LIMITS), 1.92-1.94×, 40-46 ms and 4.9-5.1 s; with 8 MB, 2.07×.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * V8 limits of the threads that index: a young generation of 6 MB (2 MB semi-spaces). Indexing
 * is not interactive, and each index thread's heap adds to the peak while the shards are built.
 */
export const INDEX_WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 } as const;

/**
 * Environment the language server is started with, on top of the editor's. glibc's malloc raises
 * its threshold for serving large blocks from fresh pages each time such a block is freed, after
 * which blocks of up to 32 MB come from the heap and their memory is kept when they are freed:
 * building an index (typed arrays that grow by doubling, a zlib context per text) left 50-70 MB of
 * freed memory resident. A fixed threshold keeps large blocks mapped on their own, given back on
 * free. Measured at 10,000 documents: language server 342 → 275 MB, engine peak 291 → 260 MB, with
 * no cost in indexing or edit latency. Other C libraries ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };
