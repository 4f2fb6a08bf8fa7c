/** freeNow frees whole buffers of their own at once, and never a buffer that a slice shares. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freeNow, grownU32, resizedU32 } from '../../server/src/engine/buffers';

test('freeNow detaches whole buffers and leaves shared ones alone', () => {
  const own = new Uint32Array(1000).fill(7);
  const pooled = Buffer.from('a few bytes from the shared pool');
  const big = new Uint8Array(4096);
  const slice = big.subarray(10, 20);
  freeNow(own, pooled, slice, undefined);
  assert.equal(own.length, 0);
  assert.equal(pooled.toString(), 'a few bytes from the shared pool');
  assert.equal(big.length, 4096);
  // The buffer itself, passed explicitly, is freed with every view of it.
  freeNow(big.buffer);
  assert.equal(big.length, 0);
  assert.equal(slice.length, 0);
});

test('resized and grown arrays keep their elements and free the old ones', () => {
  const a = Uint32Array.from([1, 2, 3]);
  const b = grownU32(a, 4);
  assert.deepEqual([...b], [1, 2, 3, 0, 0, 0]);
  assert.equal(a.length, 0);
  const c = resizedU32(b, 2);
  assert.deepEqual([...c], [1, 2]);
  assert.equal(b.length, 0);
});
