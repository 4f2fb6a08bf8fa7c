/**
 * Source formats: the same claim is supported, with the right quote and metadata, whether its
 * source is .txt, .md, .html, .pdf or .docx; and every kind of bad input is a warning naming the
 * file and the reason while the other sources load.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Corpus, checkDraft, type SourceDocument } from '../../server/src/engine';
import { readSource, parseSource } from '../../server/src/corpus/readSource';
import { loadSources } from '../../server/src/corpus/findSources';
import { joinWrapped } from '../../server/src/corpus/readPdf';
import { htmlToText } from '../../server/src/corpus/readHtml';
import {
  CLAIM_SOURCE, DRAFT, META, corruptPdfFixture, docxFixture, emptyPdfFixture, encryptedPdfFixture, htmlFixture, mdFixture, pdfFixture, txtFixture,
} from './support/sourceFixtures';

let tmp: string;
const files: Record<string, string> = {};

before(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'corroborate-formats-'));
  const write = (name: string, data: string | Buffer) => {
    const f = path.join(tmp, 'good', name);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, data);
    files[path.extname(name).slice(1)] = f;
  };
  write('courier.txt', txtFixture());
  write('courier.md', mdFixture());
  write('courier.html', htmlFixture());
  write('courier.pdf', await pdfFixture());
  write('courier.docx', await docxFixture());
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Metadata each format can carry (a plain-text file has no outlet or URL). */
const EXPECTED_META: Record<string, Partial<typeof META>> = {
  txt: { title: META.title, author: META.author, date: META.date },
  md: META,
  html: META,
  pdf: { title: META.title, author: META.author, date: META.date },
  docx: { title: META.title, author: META.author, date: META.date, outlet: META.outlet },
};

for (const ext of ['txt', 'md', 'html', 'pdf', 'docx']) {
  test(`the claim is supported by its .${ext} source, with the quote and metadata`, async () => {
    const doc = await readSource(files[ext]);
    assert.equal(doc.id, 'courier');
    for (const [k, v] of Object.entries(EXPECTED_META[ext])) assert.equal(doc.meta[k as keyof typeof META], v, `${ext} meta.${k}`);
    const report = checkDraft(new Corpus([doc]), DRAFT);
    assert.equal(report.claims.length, 1);
    const claim = report.claims[0];
    assert.equal(claim.verdict, 'supported', claim.message);
    const ev = claim.evidence.find((e) => e.relation === 'supports');
    assert.ok(ev, 'supporting evidence');
    assert.equal(ev.quote, CLAIM_SOURCE);
    assert.equal(ev.source, 'courier');
    // The offsets point into the text the engine read.
    assert.equal(doc.text.slice(ev.start, ev.end), CLAIM_SOURCE);
    if (ext === 'pdf') assert.equal(ev.page, 2, 'the claim is on page 2 of the PDF');
    else assert.equal(ev.page, undefined);
  });
}

test('all five formats side by side: five sources, the claim supported by all', async () => {
  const dir = path.join(tmp, 'mixed');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'a.txt'), txtFixture());
  writeFileSync(path.join(dir, 'b.md'), mdFixture());
  writeFileSync(path.join(dir, 'c.html'), htmlFixture());
  writeFileSync(path.join(dir, 'd.pdf'), await pdfFixture());
  writeFileSync(path.join(dir, 'e.docx'), await docxFixture());
  const { docs, problems } = await loadSources([dir], tmp);
  assert.deepEqual(problems, []);
  assert.deepEqual(docs.map((d) => d.id), ['a', 'b', 'c', 'd', 'e']);
  const claim = checkDraft(new Corpus(docs), DRAFT).claims[0];
  assert.equal(claim.verdict, 'supported');
  assert.ok(claim.evidence.every((e) => e.quote === CLAIM_SOURCE));
});

test('PDF: running headers and page numbers dropped, hard wraps joined, hyphenation undone, pages kept', async () => {
  const doc = await readSource(files.pdf);
  assert.doesNotMatch(doc.text, /Flood Report 2025/);
  assert.doesNotMatch(doc.text, /Page \d of 2/);
  assert.match(doc.text, /Quayside and Millgate districts/); // a hard wrap joined with a space
  assert.match(doc.text, /at the Millgate gauge shortly/); // "Mill-/gate" joined
  assert.match(doc.text, /Sunday, according to/); // "accord-/ing" joined
  assert.equal(doc.pageStarts?.length, 2);
  assert.equal(doc.pageStarts?.[0], 0);
  assert.ok(doc.text.slice(doc.pageStarts![1]).startsWith('The River Wenne peaked'));
  // One paragraph per line: the passage splitter sees whole sentences.
  assert.ok(doc.text.split('\n').includes(CLAIM_SOURCE));
});

test('PDF: a line-final hyphen stays when the hyphenated word is written so elsewhere', () => {
  const hyphenated = new Set(['well-known']);
  assert.equal(joinWrapped(['a well-', 'known fact'], hyphenated).text, 'a well-known fact');
  assert.equal(joinWrapped(['the gov-', 'ernment said'], hyphenated).text, 'the government said');
  assert.equal(joinWrapped(['Vellmark-', 'Harrowmere line'], hyphenated).text, 'Vellmark-Harrowmere line');
  assert.equal(joinWrapped(['one', 'two'], hyphenated).text, 'one two');
  assert.deepEqual(joinWrapped(['one', 'two'], hyphenated).starts, [0, 4]);
});

test('HTML: navigation, cookie banner, newsletter box and footer removed; table kept', async () => {
  const doc = await readSource(files.html);
  for (const junk of [/cookies/i, /Accept all/, /newsletter/i, /Get latest news/i, /All rights reserved/, /Privacy Policy/, /^Home$/m, /^Sport$/m]) {
    assert.doesNotMatch(doc.text, junk);
  }
  assert.match(doc.text, /Millgate \| 4\.8 m/);
  assert.match(doc.text, /falling steadily across the valley/);
});

test('HTML: metadata from JSON-LD when Open Graph tags are missing; cookie lines dropped even inside the article', async () => {
  const html = `<html><head><title>Ignored | Site</title>
<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"Bridge reopens","datePublished":"2024-03-05T08:00:00Z","author":[{"@type":"Person","name":"Ana Ruiz"}],"publisher":{"@type":"Organization","name":"The Post"},"url":"https://post.example/bridge"}]}</script>
</head><body><article><p>We use cookies to give you the best experience on our website.</p>
<p>The Old Bridge reopened to traffic on Monday after three weeks of repairs, the council said in a statement.</p>
<p>Engineers found no structural damage to the piers, according to the report published by the council.</p></article></body></html>`;
  const { text, meta } = await htmlToText(html);
  assert.deepEqual(meta, { title: 'Bridge reopens', outlet: 'The Post', author: 'Ana Ruiz', date: '2024-03-05', url: 'https://post.example/bridge' });
  assert.doesNotMatch(text, /cookies/);
  assert.match(text, /The Old Bridge reopened/);
});

test('HTML: a fragment or a page without <body> keeps its text and head metadata', async () => {
  assert.equal((await htmlToText('<p>The ferry resumed service on Monday morning.</p>')).text, 'The ferry resumed service on Monday morning.');
  const r = await htmlToText('<html><head><title>Ferry</title><meta name="author" content="Jo Bloggs"></head><p>The ferry resumed service on Monday.</p></html>');
  assert.equal(r.text, 'The ferry resumed service on Monday.');
  assert.equal(r.meta.title, 'Ferry');
  assert.equal(r.meta.author, 'Jo Bloggs');
});

test('DOCX: headings, paragraphs and tables become lines', async () => {
  const doc = await readSource(files.docx);
  const lines = doc.text.split('\n');
  assert.ok(lines.includes(META.title));
  assert.ok(lines.includes(CLAIM_SOURCE));
  assert.ok(lines.includes('Millgate | 4.8 m'));
});

test('HTML in a declared legacy charset is decoded', async () => {
  const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>The caf'), Buffer.from([0xe9]), Buffer.from(' on Quay Street reopened on Monday, its owner said.</p></body></html>')]);
  const doc = await parseSource('/x/cafe.html', bytes);
  assert.match(doc.text, /The café on Quay Street reopened/);
});

test('bad input: each file is a warning naming the file and the reason; the other sources load', async () => {
  const dir = path.join(tmp, 'bad');
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  const put = (name: string, data: string | Buffer) => writeFileSync(path.join(dir, name), data);
  put('good.md', mdFixture());
  put('locked.pdf', await encryptedPdfFixture());
  put('broken.pdf', await corruptPdfFixture());
  put('blank.pdf', await emptyPdfFixture());
  put('fake.pdf', 'This is a text file with a PDF extension.');
  put('notzip.docx', 'plain text, not a zip archive');
  put('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  put('latin1.md', Buffer.from('Caf\xe9 cr\xe8me, a Latin-1 file.', 'latin1'));
  put('huge.txt', 'x'.repeat(40_000));
  symlinkSync('loop-b.txt', path.join(dir, 'loop-a.txt'));
  symlinkSync('loop-a.txt', path.join(dir, 'loop-b.txt'));
  symlinkSync('..', path.join(dir, 'sub', 'parent'));
  const before = readdirSync(dir).sort();

  const { docs, problems } = await loadSources([dir], tmp, 32 * 1024);
  assert.deepEqual(docs.map((d: SourceDocument) => d.id), ['good']);
  const reason = (name: string) => problems.find((p) => path.basename(p.path) === name)?.message ?? '(no warning)';
  const expect: Array<[string, RegExp]> = [
    ['locked.pdf', /encrypted/],
    ['broken.pdf', /corrupt PDF/],
    ['blank.pdf', /no extractable text/],
    ['fake.pdf', /not a PDF/],
    ['notzip.docx', /not a zip archive/],
    ['image.txt', /binary file/],
    ['latin1.md', /not valid UTF-8/],
    ['huge.txt', /over the 32 KB source size limit/],
    ['loop-a.txt', /symbolic link loop/],
    ['loop-b.txt', /symbolic link loop/],
    ['parent', /symbolic link loop/],
  ];
  for (const [name, re] of expect) {
    const msg = reason(name);
    assert.match(msg, re, `${name}: ${msg}`);
    if (name !== 'parent') assert.ok(msg.includes(path.join(dir, name)), `message names the file: ${msg}`);
  }
  assert.equal(problems.length, expect.length);
  // Nothing was written into the sources folder.
  assert.deepEqual(readdirSync(dir).sort(), before);
});
