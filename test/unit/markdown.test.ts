import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft } from '../../server/src/engine/draft/markdown';

const DRAFT = [
  '---', // 0
  'title: Secret title words',
  '---',
  '',
  '# Heading words',
  '',
  'Prose one with `inline code` and a [link text](https://example.com/target) here.',
  'See https://bare.example.org/path now. <!-- a hidden comment -->',
  '',
  '```',
  'code block words',
  '```',
  '',
  '    indented code words',
  '',
  'Footnoted claim.[^1]',
  '',
  '[^1]: Footnote prose text.',
  '',
  '[ref]: https://ref.example.com "Ref title"',
  '',
  '<div>raw html words</div>',
  '',
  '- A list item with words.',
  '',
  '> A quoted paragraph.',
  '',
  '| Col | Other |',
  '| --- | ----- |',
  '| cell words | more |',
  '',
].join('\n');

const parsed = parseDraft(DRAFT);

test('prose mask keeps the draft length and line structure', () => {
  assert.equal(parsed.prose.length, DRAFT.length);
  assert.deepEqual(
    [...parsed.prose].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0),
    [...DRAFT].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0),
  );
});

test('front matter, headings, code blocks, inline code, HTML and comments are not prose', () => {
  for (const hidden of ['Secret title words', 'Heading words', 'inline code', 'code block words', 'indented code words', 'a hidden comment', 'raw html words', 'Ref title']) {
    assert.ok(!parsed.prose.includes(hidden), `"${hidden}" must be masked`);
    assert.ok(DRAFT.includes(hidden));
  }
  assert.equal(parsed.frontMatter, 'title: Secret title words');
});

test('link targets and bare URLs are not prose; link text is', () => {
  assert.ok(!parsed.prose.includes('example.com'));
  assert.ok(!parsed.prose.includes('bare.example.org'));
  assert.ok(parsed.prose.includes('link text'));
  const i = DRAFT.indexOf('Prose one with');
  assert.equal(parsed.prose.slice(i, i + 14), 'Prose one with');
  // The masked characters are spaces at the same offsets.
  const url = DRAFT.indexOf('https://bare.example.org/path');
  assert.equal(parsed.prose.slice(url, url + 29), ' '.repeat(29));
});

test('footnote definitions are prose, footnote markers are not', () => {
  assert.ok(parsed.prose.includes('Footnote prose text.'));
  assert.ok(parsed.prose.includes('Footnoted claim.'));
  assert.ok(!parsed.prose.includes('[^1]'));
});

test('blocks: paragraphs, list items, quotes and table cells in document order', () => {
  const blocks = parsed.blocks.map((b) => DRAFT.slice(b.start, b.end));
  assert.deepEqual(blocks, [
    'Prose one with `inline code` and a [link text](https://example.com/target) here.\nSee https://bare.example.org/path now. <!-- a hidden comment -->',
    'Footnoted claim.[^1]',
    'Footnote prose text.',
    'A list item with words.',
    'A quoted paragraph.',
    '| Col ',
    '| Other |',
    '| cell words ',
    '| more |',
  ]);
  // Table pipes are masked out of the prose of a cell block.
  const cell = parsed.blocks[7];
  assert.equal(parsed.prose.slice(cell.start, cell.end), '  cell words ');
});

test('plain-text drafts: every paragraph is prose, URLs masked', () => {
  const text = 'First paragraph\nstill first.\r\n\r\nSecond one at https://x.example.com/a now.\n';
  const p = parseDraft(text, false);
  assert.equal(p.prose.length, text.length);
  assert.deepEqual(
    p.blocks.map((b) => text.slice(b.start, b.end)),
    ['First paragraph\nstill first.', 'Second one at https://x.example.com/a now.'],
  );
  assert.ok(!p.prose.includes('x.example.com'));
  assert.equal(p.frontMatter, undefined);
});

test('CRLF drafts keep their offsets', () => {
  const text = '# Title\r\n\r\nOne `code` two.\r\nThree.\r\n';
  const p = parseDraft(text);
  assert.equal(p.prose.length, text.length);
  assert.deepEqual(
    p.blocks.map((b) => text.slice(b.start, b.end)),
    ['One `code` two.\r\nThree.'],
  );
  assert.equal(p.prose.slice(11, 26), 'One        two.');
});
