/**
 * The spill file of one load is closed once the corpus that holds its texts is collected, and
 * never the thread's own file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fstatSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { keepTextsOnDisk, sharedSpill, spillForLoad, spillOwnedBy, spillFiles } from '../../server/src/corpus/spillFile';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const isOpen = (fd: number): boolean => {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
};

test('a load spill file lives as long as its owner, the thread file for good', async () => {
  keepTextsOnDisk();
  const own = sharedSpill()!;
  assert.ok(own);
  const spill = spillForLoad()!;
  assert.notEqual(spill.fd, own.fd);
  const chunk = spillFiles(spill).write(Buffer.from('texts of one load'));
  assert.equal(Buffer.from(spillFiles(spill).read(chunk, 0, chunk.length)).toString(), 'texts of one load');
  let owner: object | undefined = { chunk };
  spillOwnedBy(spill, owner);
  gc();
  assert.ok(isOpen(spill.fd), 'open while its owner lives');
  owner = undefined;
  for (let i = 0; i < 20 && isOpen(spill.fd); i++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(isOpen(spill.fd), false, 'closed once its owner is collected');
  // A failed load (no owner): closed at once. The thread's own file is never closed.
  const failed = spillForLoad()!;
  spillOwnedBy(failed, undefined);
  assert.equal(isOpen(failed.fd), false);
  spillOwnedBy(own, undefined);
  assert.ok(isOpen(own.fd));
});
