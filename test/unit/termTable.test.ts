/** The index's term table: numbers in order of addition, lookups by text, any UTF-16 text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TermTable } from '../../server/src/engine/retrieval/termTable';

test('terms are numbered in order, found by text, and survive growth', () => {
  const table = new TermTable();
  const keys: string[] = [];
  for (let i = 0; i < 20000; i++) keys.push(i % 3 === 0 ? `w${i}` : i % 3 === 1 ? `zürich-${i}` : `${i}€😀`);
  keys.push('', 'a', 'ab');
  keys.forEach((k, i) => assert.equal(table.add(k), i));
  assert.equal(table.size, keys.length);
  keys.forEach((k, i) => assert.equal(table.get(k), i));
  assert.equal(table.get('w1'), -1);
  assert.equal(table.get('abc'), -1);
  assert.deepEqual(table.keys(), keys);
  assert.equal(table.key(1), 'zürich-1');
});

test('a table from a list refuses repeated terms', () => {
  assert.deepEqual(TermTable.from(['b', 'a', 'c'])!.keys(), ['b', 'a', 'c']);
  assert.equal(TermTable.from(['b', 'a', 'b']), null);
});
