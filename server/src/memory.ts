import { setFlagsFromString } from 'node:v8';

/**
 * Asks V8 to grow the heap by at most 1.5x what is live at each collection, instead of up to 4x.
 * Checking a draft allocates much short-lived data (the facts of thousands of source passages),
 * and V8 lets the heap swell with it. Measured with `npm run bench` at 10,000 documents, with the
 * language server's young generation flags (protocol/runtime.ts) and the texts deflated (peak
 * RSS of the engine run / of the language server / edit-to-diagnostics p95):
 *
 *   100%   3.3x / 350 MB / 42 ms
 *   50%    (this) see the README's table
 *   25%    2.8x / 314 MB / 48 ms (more full collections during edits)
 *
 * Before the live data shrank (texts deflated, facts cached for fewer passages), V8's own policy
 * gave 5.9x / 700 MB and 100% 5.5x / 600 MB. CORROBORATE_HEAP_GROWING_PERCENT overrides the
 * percentage (0: V8's own policy). Call first thing in an entry point; it applies to the whole
 * process.
 */
export function preferSmallHeap(): void {
  const percent = Number(process.env.CORROBORATE_HEAP_GROWING_PERCENT ?? 50);
  if (!Number.isInteger(percent) || percent <= 0) return;
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // An embedder that refuses the flag: the default heap policy is fine too.
  }
}
