import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disabledRanges } from '../../server/src/engine/draft/directives';
import { Corpus, checkDraft } from '../../server/src/engine';

const slices = (text: string) => disabledRanges(text).map((r) => text.slice(r.start, r.end));

test('disable … enable covers the text between the comments', () => {
  const text = 'A one.\n<!-- corroborate-disable -->\nB two.\n<!-- corroborate-enable -->\nC three.\n';
  assert.deepEqual(slices(text), ['\nB two.\n']);
});

test('disable without enable runs to the end of the draft', () => {
  const text = 'A one.\n<!--corroborate-disable-->\nB two.\nC three.';
  assert.deepEqual(slices(text), ['\nB two.\nC three.']);
});

test('disable-next-line covers the next line with text on it', () => {
  const text = 'A one.\n<!-- corroborate-disable-next-line -->\n\nD four.\nE five.\n';
  assert.deepEqual(slices(text), ['D four.']);
});

test('disable-file covers everything', () => {
  const text = 'x <!-- corroborate-disable-file --> y';
  assert.deepEqual(disabledRanges(text), [{ start: 0, end: text.length }]);
});

test('other comments are not directives', () => {
  assert.deepEqual(disabledRanges('A.\n<!-- corroborate disable -->\n<!-- note -->\nB.'), []);
});

test('checkDraft reports no claims inside disabled ranges', () => {
  const corpus = new Corpus([
    { id: 'herald', path: 'herald.txt', meta: {}, text: 'The Kellmoor ferry carried 412 passengers on its first crossing.' },
  ]);
  const draft = [
    'The Kellmoor ferry carried 500 passengers on its first crossing.',
    '',
    '<!-- corroborate-disable-next-line -->',
    'The Kellmoor ferry carried 600 passengers on its first crossing.',
    '',
    '<!-- corroborate-disable -->',
    'The Kellmoor ferry carried 700 passengers on its first crossing.',
    '<!-- corroborate-enable -->',
    '',
    'The Kellmoor ferry carried 800 passengers on its first crossing.',
    '',
  ].join('\n');
  const claims = checkDraft(corpus, draft).claims;
  assert.deepEqual(
    claims.map((c) => [c.range.start.line, c.verdict]),
    [
      [0, 'conflict'],
      [9, 'conflict'],
    ],
  );
  assert.deepEqual(checkDraft(corpus, '<!-- corroborate-disable-file -->\n\n' + draft).claims, []);
});
