import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndexState } from '../../client/src/indexState';

test('whenIndexed waits for ready, resolves at once when ready, rejects on error', async () => {
  const state = new IndexState();
  let resolved = false;
  const first = state.whenIndexed().then(() => (resolved = true));
  state.update({ state: 'indexing', sources: 0, passages: 0 });
  await Promise.resolve();
  assert.equal(resolved, false);
  state.update({ state: 'ready', sources: 2, passages: 9 });
  await first;
  assert.equal(resolved, true);
  await state.whenIndexed();

  state.update({ state: 'indexing', sources: 2, passages: 9 });
  const failing = state.whenIndexed();
  state.fail('The server stopped');
  await assert.rejects(failing, /The server stopped/);
  await assert.rejects(state.whenIndexed(), /The server stopped/);
});
