import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractQuotes, quoteWords, containsVerbatim } from '../../server/src/engine/facts/quotes';
import { extractEntities, countryOf } from '../../server/src/engine/facts/entities';
import { tokenize } from '../../server/src/engine/text/tokens';

test('quotes: curly, straight and single quotes; apostrophes are not quotes', () => {
  const s = 'She said \u201cthe gates worked exactly as designed\u201d and he said \'not today\' while the keeper\u2019s dog barked \u2018loudly\u2019.';
  const qs = extractQuotes(s);
  assert.deepEqual(
    qs.map((q) => q.text),
    ['the gates worked exactly as designed', 'not today', 'loudly'],
  );
  for (const q of qs) assert.equal(s.slice(q.start, q.end), q.text);
});

test('quotes: a possessive inside a single-quoted span does not close it', () => {
  const s = 'The sign read \u2018Kellmoor\u2019s finest harbour\u2019 for years.';
  assert.deepEqual(extractQuotes(s).map((q) => q.text), ['Kellmoor\u2019s finest harbour']);
});

test('quoteWords and containsVerbatim', () => {
  assert.deepEqual(quoteWords('\u201cWorked, exactly as D\u00e9signed!\u201d'), ['worked', 'exactly', 'as', 'designed']);
  const passage = quoteWords('The gates worked exactly as designed, she said.');
  assert.equal(containsVerbatim(passage, quoteWords('worked exactly as designed')), true);
  assert.equal(containsVerbatim(passage, quoteWords('worked just as designed')), false);
  assert.equal(containsVerbatim(passage, []), false);
});

test('entities: capitalised runs with connectors and initials', () => {
  const s = 'Mayor Ilse Brandt met officials from the Kremlin and the Bank of England in Paris on Monday. Dr. J. R. Smith of Ellisford spoke.';
  const es = extractEntities(tokenize(s), s);
  assert.deepEqual(
    es.map((e) => [e.text, e.country]),
    [
      ['Mayor Ilse Brandt', undefined],
      ['Kremlin', 'RUS'],
      ['Bank of England', undefined],
      ['Paris', 'FRA'],
      ['J. R. Smith of Ellisford', undefined],
    ],
  );
  assert.deepEqual(es[2].words, ['bank', 'of', 'england']);
});

test('countryOf: names, capitals, demonyms and metonyms', () => {
  assert.equal(countryOf('Germany'), 'DEU');
  assert.equal(countryOf('Berlin'), 'DEU');
  assert.equal(countryOf('German'), 'DEU');
  // Shared demonyms name the UN member state, not a territory.
  assert.equal(countryOf('French'), 'FRA');
  assert.equal(countryOf('Dutch'), 'NLD');
  assert.equal(countryOf('the White House'), 'USA');
  assert.equal(countryOf('U.S.'), 'USA');
  assert.equal(countryOf('Narnia'), undefined);
});
