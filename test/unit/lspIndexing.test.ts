import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileChangeType } from 'vscode-languageserver-protocol';
import type { IndexStatus } from '../../server/src/protocol/protocol';
import { copyFixture, messageOf, TestClient, uriOf } from './support/lspClient';

const CREATED: FileChangeType = 1;
const CHANGED: FileChangeType = 2;
const DELETED: FileChangeType = 3;

describe('language server: sources that change on disk', { timeout: 120_000 }, () => {
  let ws: ReturnType<typeof copyFixture>;
  let client: TestClient;
  let draft: string;
  const source = (name: string) => path.join(ws.dir, 'sources', name);
  const codes = async () => (await client.diagnostics(draft)).map((d) => d.code).sort();
  /** Reports a file change as the client's watcher would, and waits for the index to take it in. */
  const fileEvent = async (file: string, type: FileChangeType, until: (s: IndexStatus) => boolean) => {
    const since = client.status.values.length;
    const refreshes = client.refreshes.values.length;
    client.filesChanged([{ uri: uriOf(file), type }]);
    const status = await client.status.next((s) => s.state === 'ready' && until(s), 'the index after a file change', since);
    await client.refreshes.next(() => true, 'a diagnostics refresh', refreshes);
    return status;
  };

  before(async () => {
    ws = copyFixture();
    client = await TestClient.start({ folders: [ws.dir] });
    await client.ready();
    const file = path.join(ws.dir, 'drafts/census.md');
    draft = client.open(file, readFileSync(file, 'utf8'));
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  test('indexing at start reports work-done progress', async () => {
    await client.progress.next((p) => p.kind === 'begin' && p.title === 'Corroborate: indexing sources', 'progress begin', 0);
    await client.progress.next((p) => p.kind === 'end', 'progress end', 0);
    assert.ok(client.progress.values.some((p) => p.kind === 'report' && /2\/2 files/.test(p.message ?? '')), JSON.stringify(client.progress.values));
  });

  test('the server watches the source folder and the folder configuration', async () => {
    type Watchers = { watchers: Array<{ globPattern: { baseUri: string; pattern: string } }> };
    const registration = await client.registrations.next((r) => r.method === 'workspace/didChangeWatchedFiles', 'the file watcher registration', 0);
    const globs = (registration.registerOptions as Watchers).watchers.map((w) => w.globPattern);
    assert.ok(globs.some((g) => g.baseUri === uriOf(path.join(ws.dir, 'sources')) && g.pattern === '**'), JSON.stringify(globs));
    assert.ok(globs.some((g) => g.baseUri === uriOf(ws.dir) && g.pattern === '.corroborate.json'), JSON.stringify(globs));
  });

  test('an added source is indexed and supports a claim that was unsupported', async () => {
    assert.ok((await codes()).includes('unsupported'));
    writeFileSync(source('harbour-history.txt'), 'Harbour history\n\nThe lighthouse on Kessel Island was designed by a Norwegian engineer and was first lit in 1871.\n');
    const status = await fileEvent(source('harbour-history.txt'), CREATED, (s) => s.sources === 3);
    assert.equal(status.problems?.length, 0);
    assert.deepEqual(await codes(), ['citation.unknown', 'conflict.number']);
  });

  test('a changed source is read again and the findings follow it', async () => {
    const gazette = source('island-gazette.txt');
    writeFileSync(gazette, readFileSync(gazette, 'utf8').replace('counted 412 breeding pairs', 'counted 430 breeding pairs'));
    await fileEvent(gazette, CHANGED, (s) => s.sources === 3);
    const conflict = (await client.diagnostics(draft)).find((d) => d.code === 'conflict.number');
    assert.ok(conflict);
    assert.match(messageOf(conflict), /430 \(island-gazette\)/);
    assert.doesNotMatch(messageOf(conflict), /412/);
  });

  test('a deleted source leaves the index', async () => {
    unlinkSync(source('harbour-history.txt'));
    await fileEvent(source('harbour-history.txt'), DELETED, (s) => s.sources === 2);
    assert.deepEqual(await codes(), ['citation.unknown', 'conflict.number', 'unsupported']);
  });

  test('an unreadable source is shown on that file and in the status; the others keep working', async () => {
    const broken = source('scan.txt');
    writeFileSync(broken, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]));
    const since = client.published.values.length;
    const status = await fileEvent(broken, CREATED, (s) => (s.problems ?? []).some((p) => p.path === broken));
    assert.equal(status.sources, 2);
    assert.match(status.message ?? '', /scan\.txt/);
    const published = await client.published.next((p) => p.uri === uriOf(broken), 'diagnostics on scan.txt', since);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0].code, 'source.unreadable');
    assert.match(messageOf(published.diagnostics[0]), /^Corroborate cannot use this source: .*binary file/);
    assert.deepEqual(await codes(), ['citation.unknown', 'conflict.number', 'unsupported']);

    // Once it is fixed, the problem and its diagnostic go.
    const fixedSince = client.published.values.length;
    writeFileSync(broken, 'Scanned notes\n\nThe ferry to the island runs twice a week between May and September.\n');
    const fixed = await fileEvent(broken, CHANGED, (s) => s.sources === 3);
    assert.deepEqual(fixed.problems, []);
    const cleared = await client.published.next((p) => p.uri === uriOf(broken), 'cleared diagnostics on scan.txt', fixedSince);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('changing the corroborate.sources setting re-indexes with the new patterns', async () => {
    const since = client.status.values.length;
    client.configurationChanged({ sources: ['sources/trust-report.md'] });
    const status = await client.status.next((s) => s.state === 'ready' && s.sources === 1, 'the index with one source', since);
    assert.equal(status.sources, 1);
    // The gazette is no longer a source, so the census figure has only the trust's value against it.
    const conflict = (await client.diagnostics(draft)).find((d) => d.code === 'conflict.number');
    assert.ok(conflict);
    assert.doesNotMatch(messageOf(conflict), /island-gazette/);
  });

  test('the reindex request reads everything again and answers with the status', async () => {
    client.configurationChanged({});
    const status = await client.request<IndexStatus>('corroborate/reindex');
    assert.equal(status.state, 'ready');
    assert.equal(status.sources, 3);
  });
});

describe('language server: a malformed .corroborate.json', { timeout: 60_000 }, () => {
  let ws: ReturnType<typeof copyFixture>;
  let client: TestClient;
  const configFile = () => path.join(ws.dir, '.corroborate.json');

  before(async () => {
    ws = copyFixture();
    writeFileSync(configFile(), '{\n  "sources": ["sources/trust-report.md",\n}\n');
    client = await TestClient.start({ folders: [ws.dir] });
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  test('gives a clear message and falls back to the setting', async () => {
    const status = await client.ready();
    assert.equal(status.sources, 2, 'the default sources/** is used');
    const problem = (status.problems ?? []).find((p) => p.path === configFile());
    assert.ok(problem, JSON.stringify(status));
    assert.equal(problem.message, ".corroborate.json is not valid JSON: Unexpected token '}' at line 3, column 1; using the corroborate.sources setting (sources/**) instead");
    const published = await client.published.next((p) => p.uri === uriOf(configFile()), 'diagnostics on .corroborate.json');
    assert.equal(published.diagnostics[0].code, 'config.invalid');
    assert.equal(published.diagnostics[0].range.start.line, 2, 'at the stray "}"');
  });

  test('once fixed, its sources are used', async () => {
    const since = client.status.values.length;
    const published = client.published.values.length;
    writeFileSync(configFile(), '{ "sources": ["sources/trust-report.md"] }\n');
    client.filesChanged([{ uri: uriOf(configFile()), type: CHANGED }]);
    const status = await client.status.next((s) => s.state === 'ready' && s.sources === 1, 'the index from .corroborate.json', since);
    assert.deepEqual(status.problems, []);
    const cleared = await client.published.next((p) => p.uri === uriOf(configFile()), 'cleared diagnostics on .corroborate.json', published);
    assert.deepEqual(cleared.diagnostics, []);
  });
});
