/**
 * The language server keeps its index in the storage folder the client gives (VS Code's
 * workspace storage): a restart reads only the sources that changed, and reports the same.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyFixture, TestClient } from './support/lspClient';

describe('language server: the persisted index', { timeout: 120_000 }, () => {
  let ws: ReturnType<typeof copyFixture>;
  let storagePath: string;
  const start = async () => {
    const client = await TestClient.start({ folders: [ws.dir], initializationOptions: { storagePath } });
    await client.ready();
    return client;
  };
  const loadLine = (client: TestClient) => client.log.find((l) => /source files, \d+ read, \d+ from the persisted index/.test(l)) ?? '';
  const codes = async (client: TestClient) => {
    const file = path.join(ws.dir, 'drafts/census.md');
    const uri = client.open(file, readFileSync(file, 'utf8'));
    return (await client.diagnostics(uri)).map((d) => `${d.code}@${d.range.start.line}`).sort();
  };

  before(() => {
    ws = copyFixture();
    storagePath = path.join(ws.dir, '..', `${path.basename(ws.dir)}-storage`);
  });
  after(() => {
    ws?.remove();
    if (storagePath) rmSync(storagePath, { recursive: true, force: true });
  });

  test('a first start reads every source and writes the index into the storage folder', async () => {
    const client = await start();
    try {
      assert.match(loadLine(client), /2 source files, 2 read, 0 from the persisted index/);
      assert.equal(readdirSync(storagePath).filter((f) => f.startsWith('corpus-')).length, 1);
    } finally {
      await client.stop();
    }
  });

  test('a restart reads no source, and only a changed one after an edit, with the same findings', async () => {
    const first = await start();
    let before: string[];
    try {
      assert.match(loadLine(first), /2 source files, 0 read, 2 from the persisted index/);
      before = await codes(first);
    } finally {
      await first.stop();
    }
    const gazette = path.join(ws.dir, 'sources/island-gazette.txt');
    writeFileSync(gazette, readFileSync(gazette, 'utf8') + '\nThe harbour master retired in 2019.\n');
    const second = await start();
    try {
      assert.match(loadLine(second), /2 source files, 1 read, 1 from the persisted index/);
      assert.deepEqual(await codes(second), before);
    } finally {
      await second.stop();
    }
  });
});
