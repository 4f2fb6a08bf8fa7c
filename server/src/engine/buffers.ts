/**
 * Frees the memory behind array buffers that nothing will read again, now rather than at V8's
 * next full collection. A large typed array outlives a few young-generation collections and so
 * is only freed by a full one, which may come hundreds of megabytes later: when an index is built
 * or joined, the arrays it outgrew made up a fifth of the peak memory. Transferring a buffer
 * (here, into a clone that is thrown away) detaches it, and its memory goes with the next
 * young-generation collection, within milliseconds.
 *
 * Only for memory this code allocated and shares with nobody: every view of a freed buffer
 * becomes empty. A view is freed only when it covers its whole buffer (never a slice of Node's
 * shared Buffer pool); pass the ArrayBuffer itself to free the buffer behind a partial view.
 */
export function freeNow(...arrays: ReadonlyArray<ArrayBufferView | ArrayBuffer | undefined>): void {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) {
    if (a instanceof ArrayBuffer) {
      if (a.byteLength > 0) buffers.add(a);
    } else if (a && a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.byteLength > 0) {
      buffers.add(a.buffer);
    }
  }
  if (buffers.size === 0) return;
  try {
    structuredClone(undefined, { transfer: [...buffers] });
  } catch {
    // A buffer that cannot be detached (a WebAssembly memory, say): the collector frees it.
  }
}

/**
 * A copy of `a` cut or padded (with zeros) to `length` elements; `a` is freed when it is a whole
 * buffer of its own (see freeNow): only for arrays that nothing else reads.
 */
export function resizedU32(a: Uint32Array, length: number): Uint32Array {
  const b = new Uint32Array(length);
  b.set(length < a.length ? a.subarray(0, length) : a);
  freeNow(a);
  return b;
}

/** resizedU32 with room for `min` elements, or twice as many as `a` has. */
export function grownU32(a: Uint32Array, min: number): Uint32Array {
  return resizedU32(a, Math.max(min, a.length * 2));
}
