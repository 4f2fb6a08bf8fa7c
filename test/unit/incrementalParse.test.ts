/**
 * The incremental draft parser must give exactly what a whole-document parse gives, whatever the
 * draft holds and wherever it is edited.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseDraft } from '../../server/src/engine/draft/markdown';
import { DraftParseCache, chunksOf } from '../../server/src/engine/draft/incremental';
import { rng } from '../../server/src/bench/random';


const FRAGMENTS = [
  'The council approved a budget of €40 million on Monday, the mayor said.',
  'Anna Berg said 1,200 homes had been flooded. See https://example.org/x for more.',
  'A paragraph with `inline code`, a [link](https://a.example/b) and *emphasis*.',
  '# A heading',
  'Setext heading\n===',
  '- a list item with words\n- another item',
  '1. first\n2. second',
  '- item\n\n  continued in the item',
  '> A quoted paragraph.\n> More of it.',
  '```\ncode words\n\nmore code\n```',
  '~~~js\nconst x = 1;\n~~~',
  '```\nunclosed fence',
  '    indented code',
  '<!-- corroborate-disable -->',
  '<!--\nA comment\n\nover lines\n-->',
  '<div>raw html words</div>',
  '<pre>\npre\n\ntext\n</pre>',
  '| Col | Other |\n| --- | ----- |\n| cell words | more |',
  '---',
  '---\ntitle: not front matter\n---',
  'Footnoted claim.[^1]',
  '[^1]: Footnote prose text.',
  '[ref]: https://ref.example.com',
  'A reference [ref] in prose and a citation [@smith2020].',
  'Text with trailing spaces  \nand a hard break.',
  '\tTabbed line',
  '***',
  'Line one\r\nline two with CRLF.',
];

function randomDraft(r: () => number): string {
  const parts: string[] = [];
  if (r() < 0.3) parts.push('---\ntitle: "A draft"\nauthor: Desk\n\ntags:\n  - x\n---');
  const n = 3 + Math.floor(r() * 10);
  for (let i = 0; i < n; i++) parts.push(FRAGMENTS[Math.floor(r() * FRAGMENTS.length)]);
  const sep = () => (r() < 0.8 ? '\n\n' : r() < 0.5 ? '\n' : '\n\n\n');
  let text = parts[0];
  for (let i = 1; i < parts.length; i++) text += sep() + parts[i];
  return text + (r() < 0.5 ? '\n' : '');
}

const EDIT_TEXT = ['x', ' ', '\n', '\n\n', '`', '```', '<', '-', '#', '>', '    ', ']:', '---\n', '\r', '*', '[', ']'];

function edit(r: () => number, text: string): string {
  const at = Math.floor(r() * (text.length + 1));
  const op = r();
  if (op < 0.4) return text.slice(0, at) + EDIT_TEXT[Math.floor(r() * EDIT_TEXT.length)] + text.slice(at);
  if (op < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  return text.slice(0, at) + 'e' + text.slice(at + 1);
}

test('chunked parsing equals whole-document parsing under random drafts and edits', () => {
  const r = rng(11);
  let chunked = 0;
  for (let d = 0; d < 120; d++) {
    let text = randomDraft(r);
    const cache = new DraftParseCache();
    for (let e = 0; e < 25; e++) {
      if (chunksOf(text)) chunked++;
      assert.deepEqual(cache.parse(text), parseDraft(text), `draft ${d} edit ${e}:\n${JSON.stringify(text)}`);
      text = edit(r, text);
    }
  }
  assert.ok(chunked > 500, `the chunked path must be exercised (${chunked})`);
});

test('chunked parsing equals whole-document parsing on the example and evaluation drafts', () => {
  const dirs = ['examples/newsroom/drafts', '/work/shared/eval/dev/drafts'].filter((d) => existsSync(d));
  const r = rng(5);
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
      let text = readFileSync(path.join(dir, f), 'utf8');
      const cache = new DraftParseCache();
      for (let e = 0; e < 30; e++) {
        assert.deepEqual(cache.parse(text), parseDraft(text), `${f} edit ${e}`);
        text = edit(r, text);
      }
    }
  }
});

test('plain-text drafts go through the cache unchanged', () => {
  const cache = new DraftParseCache();
  const text = 'One paragraph.\n\nAnother one with https://x.example/y.\n';
  assert.deepEqual(cache.parse(text, false), parseDraft(text, false));
});

test('checkDraft with a per-document cache reports exactly what a fresh check reports, edit after edit', async () => {
  const { Corpus, checkDraft } = await import('../../server/src/engine');
  const { loadSources } = await import('../../server/src/corpus/findSources');
  const { docs } = await loadSources(['examples/newsroom/sources'], process.cwd());
  const corpus = new Corpus(docs);
  const r = rng(17);
  let text = readFileSync('examples/newsroom/drafts/story.md', 'utf8');
  const cache = new Map<string, unknown>();
  for (let e = 0; e < 40; e++) {
    assert.equal(JSON.stringify(checkDraft(corpus, text, { cache })), JSON.stringify(checkDraft(corpus, text)), `edit ${e}`);
    // Mostly one-character edits in prose, now and then Markdown.
    const at = Math.floor(r() * text.length);
    text = r() < 0.8 ? text.slice(0, at) + (r() < 0.5 ? 'x' : '') + text.slice(at + (r() < 0.5 ? 1 : 0)) : edit(r, text);
  }
});
