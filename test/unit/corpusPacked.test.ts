/**
 * The compact corpus: shards built apart and joined, packed corpora handed over or written to a
 * file, and the language server's folder loading through the persisted index must all give
 * exactly what indexing the same files one by one gives.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Corpus, checkDraft, type SourceDocument } from '../../server/src/engine';
import { decodePacked, encodePacked } from '../../server/src/engine/packedFile';
import { indexedKeys } from '../../server/src/engine/text/tokens';
import { loadSources } from '../../server/src/corpus/findSources';
import { loadFolder } from '../../server/src/indexer/folderLoad';
import { buildShard } from '../../server/src/indexer/shard';
import { rng } from '../../server/src/bench/random';

let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'corroborate-packed-'));
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});


/** The example sources plus generated ones that repeat sentences (ties in BM25 scores). */
async function documents(): Promise<SourceDocument[]> {
  const { docs } = await loadSources(['examples/newsroom/sources'], process.cwd());
  const r = rng(9);
  const words = ['ferry', 'council', 'Kellmoor', 'budget', 'river', 'Wenne', 'flood', 'bridge', 'école', 'Zürich', 'evacuated', 'residents', 'million', '€4.5', '1,200', 'said', 'on', 'the', 'Monday'];
  const sentence = () => {
    const n = 6 + Math.floor(r() * 10);
    const w = Array.from({ length: n }, () => words[Math.floor(r() * words.length)]);
    return w.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const shared = Array.from({ length: 20 }, sentence);
  for (let i = 0; i < 60; i++) {
    const lines = Array.from({ length: 8 }, () => (r() < 0.3 ? shared[Math.floor(r() * shared.length)] : sentence()) + ' ' + sentence());
    docs.push({ id: `gen-${i}`, path: `gen-${i}.txt`, text: lines.join('\n') + '\n', meta: { date: '2026-03-0' + (1 + (i % 9)) } });
  }
  return docs;
}

const DRAFT = readFileSync('examples/newsroom/drafts/story.md', 'utf8') + '\nThe Kellmoor council said 1,200 residents were evacuated on Monday.\n';

function fingerprint(corpus: Corpus, docs: readonly SourceDocument[]): string {
  const out: string[] = [];
  for (const s of corpus.sources()) out.push(`${s.doc.id}:${s.passageCount}:${s.passages.map((p) => `${p.start}-${p.end}`).join(',')}`);
  for (const d of docs.slice(0, 12)) {
    for (const p of corpus.source(d.id)?.passages.slice(0, 3) ?? []) {
      const q = indexedKeys(p.text);
      out.push(JSON.stringify(corpus.search(q, 40).map((h) => [h.passageRef.sourceId, h.passageRef.ordinal, h.score])));
      out.push(q.map((k) => corpus.df(k)).join(','));
    }
  }
  out.push(JSON.stringify(checkDraft(corpus, DRAFT)));
  return out.join('\n');
}

test('shards joined in order equal one corpus built source by source', async () => {
  const docs = await documents();
  const whole = new Corpus(docs);
  const cuts = [0, 3, 30, 31, docs.length];
  const shards = cuts.slice(0, -1).map((c, i) => new Corpus(docs.slice(c, cuts[i + 1])));
  const joined = Corpus.fromPacked(shards[0].pack());
  for (const s of shards.slice(1)) joined.absorb(s.pack());
  assert.equal(joined.size, whole.size);
  assert.equal(joined.passageCount, whole.passageCount);
  assert.equal(fingerprint(joined, docs), fingerprint(whole, docs));
  // Shrunk to the room its lists take, it is the same corpus.
  joined.shrink();
  assert.equal(fingerprint(joined, docs), fingerprint(whole, docs));
  // The joined corpus keeps taking changes like any other.
  joined.upsert(docs[40]);
  whole.upsert(docs[40]);
  joined.remove(docs[5].id);
  whole.remove(docs[5].id);
  assert.equal(fingerprint(joined, docs), fingerprint(whole, docs));
});

test('shards joined all at once and used up equal one corpus built source by source', async () => {
  const docs = await documents();
  const whole = new Corpus(docs);
  const cuts = [0, 3, 30, 31, docs.length];
  const shards = cuts.slice(0, -1).map((c, i) => new Corpus(docs.slice(c, cuts[i + 1])));
  const joined = shards[0];
  const parts = shards.slice(1).map((s) => s.pack());
  joined.absorbAll(parts, { consume: true });
  assert.equal(fingerprint(joined, docs), fingerprint(whole, docs));
  // What was copied out of the parts is freed; their texts now belong to the joined corpus.
  for (const p of parts) {
    assert.equal(p.passageStart.length, 0);
    assert.ok(p.index.blocks.every((b) => b.length === 0));
  }
  // The postings fill one block exactly: shrinking finds nothing to give back.
  const before = joined.byteSizes.index;
  joined.shrink();
  assert.equal(joined.byteSizes.index, before);
  assert.equal(fingerprint(joined, docs), fingerprint(whole, docs));
  joined.upsert(docs[40]);
  whole.upsert(docs[40]);
  assert.equal(fingerprint(joined, docs), fingerprint(whole, docs));
});

test('every passage id finds its source, across empty, removed and replaced sources and a round trip', () => {
  const doc = (id: string, sentences: number): SourceDocument => ({
    id,
    path: `${id}.txt`,
    text: Array.from({ length: sentences }, (_, i) => `The ${id} report counted ${i + 10} boats on the river.`).join('\n') + '\n',
    meta: {},
  });
  const corpus = new Corpus([doc('a', 3), doc('empty', 0), doc('b', 2), doc('c', 4)]);
  corpus.remove('b');
  corpus.upsert(doc('a', 2));
  corpus.upsert(doc('d', 1));
  corpus.upsert(doc('empty2', 0));
  // What each live passage id should give: [source, ordinal].
  const expected = new Map<number, [string, number]>();
  for (const s of corpus.sources()) s.passages.forEach((p, i) => expected.set(p.id, [s.doc.id, i]));
  const joined = Corpus.fromPacked(new Corpus([doc('z', 2)]).pack());
  joined.absorb(corpus.pack());
  for (const c of [corpus, Corpus.fromPacked(decodePacked(Buffer.concat([...encodePacked(corpus.pack(true))])))]) {
    for (let id = -1; id < 16; id++) {
      const p = c.passage(id);
      assert.deepEqual(p ? [p.sourceId, p.ordinal] : undefined, expected.get(id), `passage ${id}`);
    }
  }
  // Appended after another corpus's 2 passages, ids shift by 2; removed ones stay gone.
  for (let id = 0; id < 18; id++) {
    const p = joined.passage(id);
    const want = id < 2 ? (['z', id] as [string, number]) : expected.get(id - 2);
    assert.deepEqual(p ? [p.sourceId, p.ordinal] : undefined, want, `joined passage ${id}`);
  }
  // A search restricted to some sources only finds theirs.
  const hits = joined.search(['boat', 'river'], 50, new Set(['c', 'z']));
  assert.ok(hits.length === 6 && hits.every((h) => h.passageRef.sourceId === 'c' || h.passageRef.sourceId === 'z'));
});

test('a source id already taken by an earlier shard is skipped, as if never added', async () => {
  const docs = await documents();
  const dup = { ...docs[50], path: 'elsewhere/gen-dup.txt', text: 'A different text about the Kellmoor ferry and the council budget.\n' };
  const whole = new Corpus(docs);
  const a = new Corpus(docs.slice(0, 40));
  const b = new Corpus([...docs.slice(40, 45), { ...dup, id: docs[2].id }, ...docs.slice(45)]);
  const joined = Corpus.fromPacked(a.pack());
  const skipped = joined.absorb(b.pack());
  assert.deepEqual(
    skipped.map((h) => [h.id, h.path]),
    [[docs[2].id, 'elsewhere/gen-dup.txt']],
  );
  assert.equal(fingerprint(joined, docs), fingerprint(whole, docs));
});

test('a packed corpus written as bytes and read back is the same corpus, aligned or not', async () => {
  const docs = await documents();
  const corpus = new Corpus(docs);
  corpus.remove(docs[7].id); // holes in the passage ids and the texts
  corpus.upsert(docs[7]);
  const expected = fingerprint(corpus, docs);
  for (const start of [0, 3]) {
    const bytes = Buffer.concat([Buffer.alloc(start), ...encodePacked(corpus.pack(true), start)]);
    const back = Corpus.fromPacked(decodePacked(bytes.subarray(start), start));
    assert.equal(fingerprint(back, docs), expected);
  }
  const bytes = Buffer.concat([...encodePacked(corpus.pack(true))]);
  assert.throws(() => Corpus.fromPacked(decodePacked(bytes.subarray(0, bytes.length >> 1))), /packed corpus/);
});

test('a shard built from files equals a corpus built from loaded documents', async () => {
  const dir = path.join(tmp, 'files');
  mkdirSync(dir, { recursive: true });
  const docs = await documents();
  const files: string[] = [];
  for (const d of docs) {
    const file = path.join(dir, `${d.id}.txt`);
    writeFileSync(file, d.text);
    files.push(file);
  }
  files.sort();
  const { docs: loaded } = await loadSources([dir], tmp);
  const one = new Corpus(loaded);
  const shard = await buildShard(files, { hash: true });
  assert.equal(fingerprint(shard.corpus, loaded), fingerprint(one, loaded));
  assert.ok(shard.outcomes.every((o) => o.id !== undefined && o.sha1 && o.size !== undefined));
});

test('folder loading: the persisted index is written, then only changed files are read', async () => {
  const dir = path.join(tmp, 'folder');
  const sources = path.join(dir, 'sources');
  mkdirSync(sources, { recursive: true });
  const docs = (await documents()).slice(0, 30);
  for (const d of docs) writeFileSync(path.join(sources, `${d.id}.txt`), d.text);
  writeFileSync(path.join(sources, 'broken.txt'), Buffer.from([0, 1, 2, 3]));
  writeFileSync(path.join(sources, 'zz-twin.md'), `---\nid: ${docs[3].id}\n---\nA twin that claims the id of another source.\n`);
  const list = () => loadSources([sources], dir).then((l) => l.files);
  const cacheFile = path.join(dir, 'storage', 'index.bin');
  const cold = await loadFolder({ role: 'folder', files: await list(), cacheFile });
  assert.deepEqual(cold.stats, { read: 32, extracted: 32, fromCache: 0 });
  assert.match(cold.outcomes.find((o) => o.file.endsWith('broken.txt'))!.error!, /binary/);
  const twin = cold.outcomes.find((o) => o.file.endsWith('zz-twin.md'))!;
  assert.deepEqual(twin.clash?.id, docs[3].id);
  const warm = await loadFolder({ role: 'folder', files: await list(), cacheFile });
  // Only the file whose id clashes is read again (it has no entry, as in the CLI's cache).
  assert.deepEqual(warm.stats, { read: 1, extracted: 1, fromCache: 31 });
  assert.equal(JSON.stringify(checkDraft(warm.corpus, DRAFT)), JSON.stringify(checkDraft(cold.corpus, DRAFT)));
  assert.deepEqual(
    warm.outcomes.map((o) => [o.file, o.id, o.error, o.clash]),
    cold.outcomes.map((o) => [o.file, o.id, o.error, o.clash]),
  );
  // A changed file, a touched one, a deleted one.
  writeFileSync(path.join(sources, `${docs[0].id}.txt`), 'The Kellmoor ferry carried 999 passengers on Monday.\n');
  const t = new Date(Date.now() + 5000);
  utimesSync(path.join(sources, `${docs[1].id}.txt`), t, t);
  rmSync(path.join(sources, `${docs[2].id}.txt`));
  const changed = await loadFolder({ role: 'folder', files: await list(), cacheFile });
  assert.deepEqual(changed.stats, { read: 3, extracted: 2, fromCache: 29 });
  assert.equal(changed.corpus.has(docs[2].id), false);
  assert.match(changed.corpus.source(docs[0].id)!.doc.text, /999 passengers/);
  const fresh = await loadFolder({ role: 'folder', files: await list() });
  assert.equal(JSON.stringify(checkDraft(changed.corpus, DRAFT)), JSON.stringify(checkDraft(fresh.corpus, DRAFT)));
  // A forced reload reads everything again.
  const forced = await loadFolder({ role: 'folder', files: await list(), cacheFile, fresh: true });
  assert.equal(forced.stats.fromCache, 0);
});

test('deflated and plain texts (TextStore.compress) give the same corpus, also through a file', async () => {
  const { TextStore } = await import('../../server/src/engine/textStore');
  const docs = await documents();
  assert.equal(TextStore.compress, true, 'texts are deflated by default');
  const deflated = new Corpus(docs);
  const expected = fingerprint(deflated, docs);
  TextStore.compress = false;
  try {
    const plain = new Corpus(docs);
    assert.equal(fingerprint(plain, docs), expected);
    const stored = (c: Corpus) => c.pack(true).texts.bytes.reduce((a, b) => a + b, 0);
    assert.ok(stored(deflated) < stored(plain) * 0.9, 'deflating saves room');
    for (const corpus of [plain, deflated]) {
      const back = Corpus.fromPacked(decodePacked(Buffer.concat([...encodePacked(corpus.pack(true))])));
      assert.equal(fingerprint(back, docs), expected);
    }
  } finally {
    TextStore.compress = true;
  }
});

test('texts kept on disk (spill file) give the same corpus, through packing, removals and the persisted index', async () => {
  const { TextStore } = await import('../../server/src/engine/textStore');
  const { spillFiles, keepTextsOnDisk, sharedSpill } = await import('../../server/src/corpus/spillFile');
  const { readCache, writeCache } = await import('../../server/src/corpus/cache');
  // Small chunks, so that even this corpus spills many of them.
  const docs = (await documents()).slice(0, 40);
  const expected = fingerprint(new Corpus(docs), docs);
  const texts = new Map(docs.map((d) => [d.id, d.text]));
  TextStore.chunkBytes = 4096;
  keepTextsOnDisk(undefined, tmp);
  const spill = sharedSpill()!;
  const files = TextStore.files!;
  let written = 0;
  TextStore.files = { write: (b) => ((written += b.length), files.write(b)), read: files.read };
  try {
    const corpus = new Corpus(docs);
    // Every full chunk went to the file; the one being filled goes when packed.
    assert.ok(written > 0);
    const packed = corpus.pack(false);
    assert.ok(packed.texts.chunks.length > 5 && packed.texts.chunks.every((c) => !(c instanceof Uint8Array)), 'all chunks are in the file once packed');
    assert.equal(corpus.byteSizes.texts, 0, 'no text bytes left in memory');
    const back = Corpus.fromPacked(packed);
    assert.equal(fingerprint(back, docs), expected);
    for (const s of back.sources()) assert.equal(s.doc.text, texts.get(s.doc.id));
    // Removing most sources compacts the texts into new chunks, in the file too.
    const kept = docs.slice(30);
    const before = written;
    for (const d of docs.slice(0, 30)) back.remove(d.id);
    assert.ok(written > before, 'compacted texts went to the file');
    for (const d of kept) assert.equal(back.source(d.id)!.doc.text, d.text);
    // The persisted index holds the texts themselves, read back from the file.
    const file = path.join(tmp, 'spill-index.bin');
    await writeCache(file, 'fp', [], back);
    const loaded = await readCache(file, 'fp', (m) => assert.fail(m));
    for (const d of kept) assert.equal(loaded!.corpus.source(d.id)!.doc.text, d.text);
    // Loaded from the file, the texts go to the spill file too (the file's bytes can go).
    assert.equal(loaded!.corpus.byteSizes.texts, 0);
    // Chunks written from another spill handle of the same file (a worker's) read the same.
    const other = spillFiles(spill);
    const chunk = other.write(Buffer.from('written elsewhere'));
    assert.equal(Buffer.from(files.read(chunk, 8, 9)).toString(), 'elsewhere');
  } finally {
    TextStore.files = undefined;
    TextStore.chunkBytes = 4 << 20;
  }
});
