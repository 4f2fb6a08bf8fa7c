import { setFlagsFromString } from 'node:v8';

/**
 * Asks V8 to grow the heap by at most 2x what is live at each collection, instead of up to 4x.
 * Checking a draft allocates much short-lived data (the facts of thousands of source passages),
 * and V8 lets the heap swell with it. Measured with `npm run bench` at 10,000 documents (peak
 * RSS of the engine run / of the language server / edit-to-diagnostics p95):
 *
 *   V8's own policy   5.9x / 700 MB / 34-42 ms
 *   100% (this)       5.5-5.8x / 590-610 MB / 40-41 ms
 *   30%               4.8-5.0x / 530-540 MB / 45-73 ms (more full collections during edits)
 *
 * (`--optimize-for-size` saved as much as 30% but made edits slower still: a smaller young
 * generation, more collections.) CORROBORATE_HEAP_GROWING_PERCENT overrides the percentage (0:
 * V8's own policy). Call first thing in an entry point; it applies to the whole process.
 */
export function preferSmallHeap(): void {
  const percent = Number(process.env.CORROBORATE_HEAP_GROWING_PERCENT ?? 100);
  if (!Number.isInteger(percent) || percent <= 0) return;
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // An embedder that refuses the flag: the default heap policy is fine too.
  }
}
