/**
 * Bibliographies: BibTeX and CSL-JSON parsing, mapping citation keys to sources (by id, URL, DOI or
 * file), corpus aliases used by checkDraft, and `corroborate bib` writing CSL-JSON and BibTeX.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Corpus, checkDraft, type SourceDocument } from '../../server/src/engine';
import {
  cslFromSource, frontMatterYaml, loadBibliography, parseBibliographyText, parseBibtex, toBibtex,
} from '../../server/src/corpus/bibliography';
import { loadSources } from '../../server/src/corpus/findSources';
import { CLAIM_SOURCE, META, htmlFixture, mdFixture, pdfFixture } from './support/sourceFixtures';

const ROOT = path.resolve(__dirname, '..', '..');
let tmp: string;
let sources: string;
let docs: SourceDocument[];

before(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'corroborate-bib-'));
  sources = path.join(tmp, 'sources');
  mkdirSync(sources);
  writeFileSync(path.join(sources, 'courier-page.html'), htmlFixture());
  writeFileSync(path.join(sources, 'board-report.pdf'), await pdfFixture());
  writeFileSync(path.join(sources, 'council.md'), mdFixture().replace(`url: ${META.url}`, 'url: https://council.example/bulletin'));
  writeFileSync(
    path.join(sources, 'study.txt'),
    'Flood frequency in the Wenne valley\n\nhttps://doi.org/10.5555/wenne.2024.7\n\nThe study found that floods on the scale of 1987 recur about once every forty years in the Wenne valley.\n',
  );
  docs = (await loadSources([sources], tmp)).docs;
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('BibTeX: fields, @string macros, month names, braces, accents and JabRef file fields', () => {
  const items = parseBibtex(`
% a comment
@string{vc = "Valley Courier"}
@comment{ignored}
@Article{lind2025,
  title   = {River {Wenne} peaks at 4.8~metres},
  author  = {Lind, Marta and J{\\"o}rg M{\\"u}ller and {Wenne Waterways Board}},
  journal = vc # " online",
  year    = 2025,
  month   = oct,
  day     = {13},
  url     = {https://valleycourier.example/wenne-peak},
  doi     = "10.1000/XYZ.1"
}
@techreport(board,
  title = "Flood report 2025",
  institution = {Wenne Waterways Board},
  file = {Report:sources/board-report.pdf:PDF},
)`);
  assert.equal(items.length, 2);
  const [a, b] = items;
  assert.equal(a.id, 'lind2025');
  assert.equal(a.type, 'article-journal');
  assert.equal(a.title, 'River Wenne peaks at 4.8 metres');
  assert.deepEqual(a.author, [{ family: 'Lind', given: 'Marta' }, { family: 'Müller', given: 'Jörg' }, { literal: 'Wenne Waterways Board' }]);
  assert.equal(a['container-title'], 'Valley Courier online');
  assert.deepEqual(a.issued, { 'date-parts': [[2025, 10, 13]] });
  assert.equal(a.URL, 'https://valleycourier.example/wenne-peak');
  assert.equal(a.DOI, '10.1000/XYZ.1');
  assert.equal(b.id, 'board');
  assert.equal(b.type, 'report');
  assert.equal(b.publisher, 'Wenne Waterways Board');
  assert.equal(b.file, 'sources/board-report.pdf');
});

test('CSL-JSON and CSL-YAML bibliographies parse; malformed ones throw', () => {
  const items = parseBibliographyText(JSON.stringify([{ id: 'a', title: 'A' }, { id: 7, URL: 'https://x.example' }, { nope: true }]), 'refs.json');
  assert.deepEqual(items.map((i) => i.id), ['a', '7']);
  const yaml = parseBibliographyText('references:\n  - id: b\n    title: B\n', 'refs.yaml');
  assert.deepEqual(yaml.map((i) => i.id), ['b']);
  assert.throws(() => parseBibliographyText('{"not": "a list"}', 'refs.json'));
  assert.throws(() => parseBibtex('@article{x, title = {unbalanced}'));
});

test('loadBibliography maps keys to sources by file, URL, DOI and id', () => {
  const dir = path.join(tmp, 'drafts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'refs.bib'),
    `@online{courier, title={River Wenne peaks}, url={http://www.valleycourier.example/wenne-peak/?utm_source=x}}
@techreport{board, title={Flood report}, file={:../sources/board-report.pdf:PDF}}
@article{study2024, title={Flood frequency}, doi={10.5555/WENNE.2024.7}}
@misc{council, title={Bulletin}}
@misc{missing, title={Nowhere}, url={https://nowhere.example/}}`,
  );
  const draft = path.join(dir, 'story.md');
  const map = loadBibliography(draft, 'title: Story\nbibliography: refs.bib\n', docs);
  assert.deepEqual(Object.fromEntries(map), { courier: 'courier-page', board: 'board-report', study2024: 'study', council: 'council' });
  // Several files, and inline references.
  writeFileSync(path.join(dir, 'more.json'), JSON.stringify([{ id: 'ledger', URL: 'https://council.example/bulletin' }]));
  const two = loadBibliography(draft, `bibliography: [refs.bib, more.json]\nreferences:\n  - id: inline\n    URL: ${META.url}\n`, docs);
  assert.equal(two.get('ledger'), 'council');
  assert.equal(two.get('inline'), 'courier-page');
  // A missing bibliography file is a problem, not an exception.
  const problems: Array<{ file: string; message: string }> = [];
  assert.equal(loadBibliography(draft, 'bibliography: gone.bib\n', docs, problems).size, 0);
  assert.match(problems[0].message, /gone\.bib.*cannot be read \(ENOENT\)/);
});

test('corpus aliases: a bibliography key is a known citation and restricts evidence to its source', () => {
  const corpus = new Corpus(docs);
  const draft = `The River Wenne peaked at 4.8 metres at the Millgate gauge [@courier2025].\n`;
  const unknown = checkDraft(corpus, draft);
  assert.equal(unknown.citations[0].unknown, true);
  corpus.alias('courier2025', 'courier-page');
  assert.equal(corpus.has('courier2025'), true);
  assert.equal(corpus.source('courier2025')?.doc.id, 'courier-page');
  const r = checkDraft(corpus, draft);
  assert.equal(r.citations[0].unknown, false);
  assert.equal(r.claims[0].verdict, 'supported');
  assert.deepEqual([...new Set(r.claims[0].evidence.map((e) => e.source))], ['courier-page']);
  assert.equal(r.claims[0].evidence[0].quote, CLAIM_SOURCE);
  // Evidence restricted to the alias's source: cited to the study, the claim is not supported there.
  corpus.alias('courier2025', 'study');
  const wrong = checkDraft(corpus, draft);
  assert.notEqual(wrong.claims[0].verdict, 'supported');
  // A source's own id wins over an alias of the same name.
  corpus.alias('council', 'study');
  assert.equal(corpus.source('council')?.doc.id, 'council');
  corpus.clearAliases();
  assert.equal(corpus.has('courier2025'), false);
});

test('cslFromSource and toBibtex write entries from source metadata', () => {
  const html = docs.find((d) => d.id === 'courier-page')!;
  const item = cslFromSource('lind2025', html);
  assert.deepEqual(item, {
    id: 'lind2025',
    type: 'article-newspaper',
    title: META.title,
    author: [{ family: 'Lind', given: 'Marta' }],
    issued: { 'date-parts': [[2025, 10, 13]] },
    URL: META.url,
    'container-title': META.outlet,
  });
  const bib = toBibtex([item, cslFromSource('board', docs.find((d) => d.id === 'board-report')!, { id: 'board', title: 'Kept {title} & more', file: 'x.pdf' })]);
  assert.match(bib, /@article\{lind2025,\n {2}title = \{River Wenne peaks at 4\.8 metres\},/);
  assert.match(bib, /author = \{Lind, Marta\}/);
  assert.match(bib, /date = \{2025-10-13\}/);
  assert.match(bib, /url = \{https:\/\/valleycourier\.example\/wenne-peak\}/);
  assert.match(bib, /title = \{Kept \\\{title\\\} \\& more\}/);
  assert.doesNotMatch(bib, /x\.pdf/);
  // What toBibtex writes, parseBibtex reads back.
  const back = parseBibtex(bib);
  assert.equal(back[0].title, META.title);
  assert.equal(back[1].title, 'Kept {title} & more'.replace(/[{}]/g, ''));
});

test('frontMatterYaml reads the YAML block of a draft', () => {
  assert.equal(frontMatterYaml('---\nbibliography: refs.bib\n---\n\nText.'), 'bibliography: refs.bib');
  assert.equal(frontMatterYaml('No front matter.'), undefined);
});

/** Runs the CLI from source (tsx). */
function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(ROOT, 'server/src/cli/main.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('corroborate check uses the draft bibliography; corroborate bib writes CSL-JSON and BibTeX', () => {
  const dir = path.join(tmp, 'cli');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'refs.json'), JSON.stringify([{ id: 'courier2025', URL: META.url, note: 'kept' }]));
  writeFileSync(
    path.join(dir, 'story.md'),
    `---\nbibliography: refs.json\n---\n\nThe River Wenne peaked at 4.8 metres at the Millgate gauge [@courier2025].\n\nFloods like that of 1987 recur about once every forty years [@study; @ghost].\n`,
  );
  const check = cli(['check', '--no-cache', '--sources', sources, '--format', 'json', 'story.md'], dir);
  assert.equal(check.code, 0, check.stderr);
  const report = JSON.parse(check.stdout).files[0];
  assert.equal(report.claims[0].verdict, 'supported');
  // Only unknown citations are listed: the bibliography key is known.
  assert.deepEqual(report.citations.map((c: { key: string }) => c.key), ['ghost']);
  assert.equal(report.claims[0].evidence[0].source, 'courier-page');

  const json = cli(['bib', '--no-cache', '--sources', sources, 'story.md'], dir);
  assert.equal(json.code, 0, json.stderr);
  assert.match(json.stderr, /@ghost names no source/);
  const items = JSON.parse(json.stdout);
  assert.deepEqual(items.map((i: { id: string }) => i.id), ['courier2025', 'study']);
  assert.equal(items[0].note, 'kept'); // the draft's own entry, completed from the source
  assert.equal(items[0].title, META.title);
  assert.equal(items[0]['container-title'], META.outlet);

  const out = cli(['bib', '--no-cache', '--sources', sources, '--format', 'bibtex', '--out', 'story.bib', 'story.md'], dir);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stdout, '');
  const bib = readFileSync(path.join(dir, 'story.bib'), 'utf8');
  assert.match(bib, /^@article\{courier2025,/);
  assert.match(bib, /@misc\{study,\n {2}title = \{Flood frequency in the Wenne valley\}/);

  const usage = cli(['bib', '--format', 'ris', 'story.md'], dir);
  assert.equal(usage.code, 2);
  const io = cli(['bib', '--no-cache', '--sources', sources, '--out', path.join(dir, 'no', 'such', 'dir', 'x.bib'), 'story.md'], dir);
  assert.equal(io.code, 2);
  assert.match(io.stderr, /cannot write/);
  const missing = cli(['bib', '--no-cache', '--sources', sources, 'nothing.md'], dir);
  assert.equal(missing.code, 2);
});
