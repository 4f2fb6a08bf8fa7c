/**
 * The tokenizer scans characters instead of running a Unicode regular expression; it must find
 * exactly the words the expression finds, with the same offsets, on any text and any range.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexedKeys, isIndexed, tokenize, wordKey, fold } from '../../server/src/engine/text/tokens';

const WORD = /[\p{L}\p{N}]+(?:[.'\u2019][\p{L}\p{N}]+)*/gu;

/** The tokenizer as it was written with the regular expression. */
function reference(text: string, from = 0, to = text.length): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  const slice = text.slice(from, to);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    let word = m[0];
    const n = word.length;
    if (n >= 2 && /[sS]/.test(word[n - 1]) && /['\u2019]/.test(word[n - 2])) word = word.slice(0, -2);
    if (!word) continue;
    out.push({ text: word, start: from + m.index, end: from + m.index + word.length });
  }
  return out;
}

const ALPHABET = ['a', 'Z', 'é', 'Ö', 'ß', '1', '9', '٣', 'Ⅻ', '中', '𝐀', '😀', '\ud835', '\udc00', '.', "'", '\u2019', '-', ' ', '\n', ',', 's', 'S', '$', '€', '½', '_', '\u0301', 'ǅ'];

test('the scanner finds what the regular expression finds, on random text and ranges', () => {
  let seed = 3;
  const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let n = 0; n < 3000; n++) {
    let text = '';
    const len = Math.floor(r() * 40);
    for (let i = 0; i < len; i++) text += ALPHABET[Math.floor(r() * ALPHABET.length)];
    const from = Math.floor(r() * (text.length + 1));
    const to = from + Math.floor(r() * (text.length - from + 1));
    const got = tokenize(text, from, to).map((t) => ({ text: t.text, start: t.start, end: t.end }));
    assert.deepEqual(got, reference(text, from, to), JSON.stringify([text, from, to]));
    const keys = reference(text, from, to)
      .map((t) => tokenize(t.text)[0] ?? { lower: fold(t.text), key: wordKey(fold(t.text)), capitalized: false, text: t.text, start: 0, end: 0 })
      .filter(isIndexed)
      .map((t) => t.key);
    assert.deepEqual(indexedKeys(text, from, to), keys);
  }
});
