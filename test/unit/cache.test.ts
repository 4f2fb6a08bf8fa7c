/**
 * The persisted index: Corpus snapshots, the node-side cache (a warm run reads no source, only
 * changed files are re-read, a corrupt or old cache is rebuilt), and the bundled CLI run from a
 * copy of its bundle in an empty folder.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Corpus, checkDraft } from '../../server/src/engine';
import { CACHE_FORMAT } from '../../server/src/corpus/cache';
import { loadCorpus } from '../../server/src/indexer/loadCorpus';
import { loadSources } from '../../server/src/corpus/findSources';
import { DRAFT, docxFixture, encryptedPdfFixture, htmlFixture, mdFixture, pdfFixture, txtFixture } from './support/sourceFixtures';

const ROOT = path.resolve(__dirname, '..', '..');
let tmp: string;

before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'corroborate-cache-'));
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** A fresh workspace: sources/ in every format plus a broken PDF, and cache/ beside it. */
async function workspace(): Promise<{ dir: string; sources: string; cache: string }> {
  const dir = path.join(tmp, `ws${n++}`);
  const sources = path.join(dir, 'sources');
  mkdirSync(sources, { recursive: true });
  writeFileSync(path.join(sources, 'a.txt'), txtFixture());
  writeFileSync(path.join(sources, 'b.md'), mdFixture());
  writeFileSync(path.join(sources, 'c.html'), htmlFixture());
  writeFileSync(path.join(sources, 'd.pdf'), await pdfFixture());
  writeFileSync(path.join(sources, 'e.docx'), await docxFixture());
  writeFileSync(path.join(sources, 'locked.pdf'), await encryptedPdfFixture());
  writeFileSync(path.join(sources, 'other.txt'), 'Harrowmere Energy restored power to every home by Tuesday night, the company said.\n');
  return { dir, sources, cache: path.join(dir, 'cache') };
}

const report = (corpus: Corpus) => JSON.stringify(checkDraft(corpus, DRAFT + '\nHarrowmere Energy restored power to every home by Tuesday night.\n'));

test('Corpus snapshot round trip: same passages, same search results, same report', async () => {
  const { sources, dir } = await workspace();
  const { docs } = await loadSources([sources], dir);
  const corpus = new Corpus(docs);
  corpus.remove('a'); // leaves a hole in the passage ids
  corpus.upsert(docs[0]);
  const snap = JSON.parse(JSON.stringify(corpus.toSnapshot()));
  const back = Corpus.fromSnapshot(snap);
  assert.equal(back.size, corpus.size);
  assert.equal(back.passageCount, corpus.passageCount);
  assert.deepEqual(snap.index.deleted, []);
  const strip = (hits: ReturnType<Corpus['search']>) => hits.map((h) => [h.passageRef.sourceId, h.passageRef.text, h.score.toFixed(9)]);
  const q = ['wenne', 'millgate', 'gauge'].map((w) => w);
  assert.deepEqual(strip(back.search(q, 10)), strip(corpus.search(q, 10)));
  assert.equal(report(back), report(corpus));
  // A restored corpus still takes changes.
  back.remove('b');
  assert.equal(back.has('b'), false);
  assert.throws(() => Corpus.fromSnapshot({ ...snap, format: 999 }), /snapshot/);
});

test('cold run extracts every source; warm run reads none and gives the same report', async () => {
  const { dir, sources, cache } = await workspace();
  const notes: string[] = [];
  const cold = await loadCorpus([sources], dir, { cacheDir: cache, note: (m) => notes.push(m) });
  assert.deepEqual(cold.stats, { sources: 7, read: 7, extracted: 7, fromCache: 0 });
  assert.equal(cold.problems.length, 1);
  assert.match(cold.problems[0].message, /locked\.pdf: encrypted/);
  assert.ok(cold.cacheFile && existsSync(cold.cacheFile));
  const warm = await loadCorpus([sources], dir, { cacheDir: cache, note: (m) => notes.push(m) });
  assert.deepEqual(warm.stats, { sources: 7, read: 0, extracted: 0, fromCache: 7 });
  // The broken file is still reported, from the cache.
  assert.deepEqual(warm.problems, cold.problems);
  assert.equal(report(warm.corpus), report(cold.corpus));
  assert.deepEqual(notes, []);
  // The cache was not rewritten by a run that changed nothing.
  assert.equal(statSync(warm.cacheFile!).mtimeMs, statSync(cold.cacheFile!).mtimeMs);
});

test('only changed, added or touched files are read; deleted ones leave the corpus', async () => {
  const { dir, sources, cache } = await workspace();
  await loadCorpus([sources], dir, { cacheDir: cache });
  // Changed content.
  writeFileSync(path.join(sources, 'other.txt'), 'Harrowmere Energy restored power to every home by Wednesday night, the company said.\n');
  // Touched, same bytes.
  const t = new Date(Date.now() + 5000);
  utimesSync(path.join(sources, 'a.txt'), t, t);
  // Added and deleted.
  writeFileSync(path.join(sources, 'f.txt'), 'The Sports Hall will stay open as a shelter until Friday, the council said.\n');
  rmSync(path.join(sources, 'b.md'));
  const run = await loadCorpus([sources], dir, { cacheDir: cache });
  assert.deepEqual(run.stats, { sources: 7, read: 3, extracted: 2, fromCache: 5 });
  assert.equal(run.corpus.has('b'), false);
  assert.equal(run.corpus.has('f'), true);
  assert.match(run.corpus.source('other')!.doc.text, /Wednesday/);
  // The result equals a run without any cache.
  const fresh = await loadCorpus([sources], dir, {});
  assert.equal(report(run.corpus), report(fresh.corpus));
  const again = await loadCorpus([sources], dir, { cacheDir: cache });
  assert.deepEqual(again.stats, { sources: 7, read: 0, extracted: 0, fromCache: 7 });
});

test('a corrupt cache is rebuilt with a note, never trusted', async () => {
  const { dir, sources, cache } = await workspace();
  const first = await loadCorpus([sources], dir, { cacheDir: cache });
  const file = first.cacheFile!;
  const good = readFileSync(file);
  const damages: Array<[string, Buffer]> = [
    ['truncated', good.subarray(0, Math.floor(good.length / 2))],
    ['garbage', Buffer.from('\u0000\u0001 not json at all')],
    // Valid JSON with a matching header, but a changed body: the checksum catches it.
    ['edited', Buffer.from(good.toString('utf8').replace('Millgate', 'Millgata'))],
    ['empty', Buffer.alloc(0)],
  ];
  for (const [what, bytes] of damages) {
    writeFileSync(file, bytes);
    const notes: string[] = [];
    const run = await loadCorpus([sources], dir, { cacheDir: cache, note: (m) => notes.push(m) });
    if (what === 'empty') assert.equal(notes.length, 1, what);
    assert.match(notes[0] ?? '', /corrupt.*rebuilding/, what);
    assert.deepEqual(run.stats, { sources: 7, read: 7, extracted: 7, fromCache: 0 }, what);
    assert.doesNotMatch(run.corpus.source('a')!.doc.text, /Millgata/);
    const warm = await loadCorpus([sources], dir, { cacheDir: cache });
    assert.equal(warm.stats.read, 0, `${what}: rebuilt cache is used next time`);
  }
});

test('a cache of another format version or another program is rebuilt', async () => {
  const { dir, sources, cache } = await workspace();
  const first = await loadCorpus([sources], dir, { cacheDir: cache, fingerprint: 'build-1' });
  const text = readFileSync(first.cacheFile!, 'utf8');
  const nl = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, nl));
  writeFileSync(first.cacheFile!, JSON.stringify({ ...header, corroborateCache: CACHE_FORMAT - 1 }) + text.slice(nl));
  const notes: string[] = [];
  const old = await loadCorpus([sources], dir, { cacheDir: cache, fingerprint: 'build-1', note: (m) => notes.push(m) });
  assert.equal(old.stats.extracted, 7);
  assert.match(notes[0], /another version/);
  const other = await loadCorpus([sources], dir, { cacheDir: cache, fingerprint: 'build-2', note: (m) => notes.push(m) });
  assert.equal(other.stats.extracted, 7);
  // A different size limit is a different cache key too.
  const limit = await loadCorpus([sources], dir, { cacheDir: cache, fingerprint: 'build-2', maxBytes: 10 * 1048576 });
  assert.equal(limit.stats.extracted, 7);
});

test('the cache is never written into the sources folder', async () => {
  const { dir, sources } = await workspace();
  const before = readdirSync(sources).sort();
  const notes: string[] = [];
  const run = await loadCorpus([sources], dir, { cacheDir: path.join(sources, '.corroborate', 'cache'), note: (m) => notes.push(m) });
  assert.match(notes[0], /inside the sources folder/);
  assert.equal(run.cacheFile, undefined);
  assert.equal(run.corpus.size, 6);
  assert.deepEqual(readdirSync(sources).sort(), before);
});

test('bundled CLI from a copy of its bundle in an empty folder: warm run reads no source; corrupt cache rebuilt', async () => {
  // Bundle with the project's build script into a folder of its own, then copy the bundles into
  // an empty folder: they must run with no node_modules anywhere above them.
  const built = path.join(tmp, 'built');
  execFileSync(process.execPath, ['esbuild.mjs', `--outdir=${built}`], { cwd: ROOT, stdio: 'pipe' });
  const bin = path.join(tmp, 'empty', 'dist');
  mkdirSync(bin, { recursive: true });
  for (const f of readdirSync(built)) if (f.endsWith('.js')) copyFileSync(path.join(built, f), path.join(bin, f));
  const { dir, sources } = await workspace();
  writeFileSync(path.join(dir, 'draft.md'), DRAFT);
  const before = readdirSync(sources).sort();
  const run = () => spawnSync(process.execPath, [path.join(bin, 'cli.js'), 'check', '--sources', 'sources', '--format', 'json', 'draft.md'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CORROBORATE_STATS: '1', NO_COLOR: '1' } });
  const cold = run();
  assert.equal(cold.status, 0, cold.stderr);
  assert.match(cold.stderr, /sources: 7, read: 7, from cache: 0/);
  assert.match(cold.stderr, /warning: .*locked\.pdf: encrypted/);
  const out = JSON.parse(cold.stdout); // nothing but the report on stdout
  assert.equal(out.files[0].claims[0].verdict, 'supported');
  const warm = run();
  assert.match(warm.stderr, /sources: 7, read: 0, from cache: 7/);
  assert.equal(warm.stdout, cold.stdout);
  const cacheDir = path.join(dir, '.corroborate', 'cache');
  const [file] = readdirSync(cacheDir);
  writeFileSync(path.join(cacheDir, file), '{"corroborateCache":');
  const rebuilt = run();
  assert.match(rebuilt.stderr, /note: the cache .* is corrupt .*rebuilding/);
  assert.match(rebuilt.stderr, /read: 7, from cache: 0/);
  assert.equal(rebuilt.stdout, cold.stdout);
  assert.match(run().stderr, /read: 0, from cache: 7/);
  const nocache = spawnSync(process.execPath, [path.join(bin, 'cli.js'), 'check', '--no-cache', '--sources', 'sources', 'draft.md'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CORROBORATE_STATS: '1' } });
  assert.match(nocache.stderr, /read: 7, from cache: 0/);
  const custom = spawnSync(process.execPath, [path.join(bin, 'cli.js'), 'check', '--cache', 'elsewhere', '--sources', 'sources', 'draft.md'], { cwd: dir, encoding: 'utf8' });
  assert.equal(custom.status, 0, custom.stderr);
  assert.equal(readdirSync(path.join(dir, 'elsewhere')).length, 1);
  assert.deepEqual(readdirSync(sources).sort(), before);
});
