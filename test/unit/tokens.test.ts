import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, fold, wordKey, isContent } from '../../server/src/engine/text/tokens';

test('tokenize: exact offsets around accents, emoji and apostrophes', () => {
  const s = 'Zo\u00eb\u2019s caf\u00e9 in the U.S. didn\u2019t close; the build-up \u{1F389} cost 4.5 euros.';
  const toks = tokenize(s);
  for (const t of toks) assert.equal(s.slice(t.start, t.end), t.text);
  assert.deepEqual(
    toks.map((t) => t.text),
    ['Zo\u00eb', 'caf\u00e9', 'in', 'the', 'U.S', 'didn\u2019t', 'close', 'the', 'build', 'up', 'cost', '4.5', 'euros'],
  );
  const cost = toks.find((t) => t.text === 'cost')!;
  assert.equal(cost.start, s.indexOf('cost'));
  assert.equal(toks[0].lower, 'zoe');
  assert.equal(toks[0].capitalized, true);
  assert.equal(toks[5].lower, "didn't");
});

test('tokenize within a sub-range keeps document offsets', () => {
  const s = 'xx The harbour reopened. yy';
  const toks = tokenize(s, 3, 24);
  assert.deepEqual(
    toks.map((t) => [t.text, t.start, t.end]),
    [
      ['The', 3, 6],
      ['harbour', 7, 14],
      ['reopened', 15, 23],
    ],
  );
});

test('fold removes diacritics and straightens apostrophes', () => {
  assert.equal(fold('Cr\u00e8me Br\u00fbl\u00e9e\u2019s'), "creme brulee's");
  assert.equal(fold('Cafe\u0301'), 'cafe');
});

test('wordKey: inflections, British/American spelling and synonyms share a key', () => {
  assert.equal(wordKey('killed'), wordKey('deaths'));
  assert.equal(wordKey('organisation'), wordKey('organization'));
  assert.equal(wordKey('defence'), wordKey('defense'));
  assert.equal(wordKey('harbours'), wordKey('harbors'));
  assert.equal(wordKey('vessels'), wordKey('boat'));
  assert.equal(wordKey('reopened'), wordKey('reopens'));
  assert.notEqual(wordKey('rose'), wordKey('fell'));
  assert.notEqual(wordKey('bridge'), wordKey('bride'));
});

test('isContent: stop words and numbers are not content', () => {
  const [the, harbour, num, said] = tokenize('the harbour 412 said');
  assert.equal(isContent(the), false);
  assert.equal(isContent(harbour), true);
  assert.equal(isContent(num), false);
  assert.equal(isContent(said), false);
});
