import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passagesOf } from '../../server/src/engine/sources/passages';

test('a hard-wrapped sentence is one passage; a headline stays its own', () => {
  const text = [
    'Harbour Authority Approves Expansion',
    '',
    'The harbour authority approved the expansion of the eastern quay on',
    'Tuesday after a two-year review, the chair said. Work starts in May.',
  ].join('\n');
  const ps = passagesOf({ id: 's', path: 's.txt', text, meta: {} }, 0).map((p) => p.text.replace(/\s+/g, ' '));
  assert.deepEqual(ps, [
    'Harbour Authority Approves Expansion',
    'The harbour authority approved the expansion of the eastern quay on Tuesday after a two-year review, the chair said.',
    'Work starts in May.',
  ]);
});
