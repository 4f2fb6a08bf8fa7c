import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, splitLinesThenSentences } from '../../server/src/engine/text/sentences';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

test('U.S. in the middle of a sentence does not end it', () => {
  assert.deepEqual(split('The U.S. Navy sent two ships to the harbour. Officials confirmed it.'), [
    'The U.S. Navy sent two ships to the harbour.',
    'Officials confirmed it.',
  ]);
});

test('U.S. at the end of a sentence ends it before a typical opener', () => {
  assert.deepEqual(split('The ships came from the U.S. The crew was tired.'), ['The ships came from the U.S.', 'The crew was tired.']);
  assert.deepEqual(split('She moved to the U.S.'), ['She moved to the U.S.']);
});

test('titles and month abbreviations do not end sentences', () => {
  assert.deepEqual(split('Sen. Alvarez voted against the bill. He left early.'), ['Sen. Alvarez voted against the bill.', 'He left early.']);
  assert.deepEqual(split('The vote was held on Jan. 5 in the capital. Then it rained.'), [
    'The vote was held on Jan. 5 in the capital.',
    'Then it rained.',
  ]);
  assert.deepEqual(split('Dr. Okafor and Mr. Lind met at St. Mary’s. They talked.'), ['Dr. Okafor and Mr. Lind met at St. Mary’s.', 'They talked.']);
});

test('"no." ends a sentence, "No. 5" does not', () => {
  assert.deepEqual(split('The council voted no. It met again later.'), ['The council voted no.', 'It met again later.']);
  assert.deepEqual(split('She lives at No. 5 Quay Street. It is small.'), ['She lives at No. 5 Quay Street.', 'It is small.']);
});

test('decimals and money do not end sentences', () => {
  assert.deepEqual(split('Growth was 3.5 percent in 2024. It slowed later.'), ['Growth was 3.5 percent in 2024.', 'It slowed later.']);
  assert.deepEqual(split('The deal was worth $50 million. A second one was worth $2.5 million. Both closed.'), [
    'The deal was worth $50 million.',
    'A second one was worth $2.5 million.',
    'Both closed.',
  ]);
});

test('initials do not end sentences', () => {
  assert.deepEqual(split('The report by J. R. Hallam was published. It ran long.'), ['The report by J. R. Hallam was published.', 'It ran long.']);
});

test('quotations with full stops inside stay in one sentence', () => {
  assert.deepEqual(split('He said: \u201cNo. There are no plans.\u201d Then he left.'), [
    'He said: \u201cNo. There are no plans.\u201d',
    'Then he left.',
  ]);
  assert.deepEqual(split('Her answer was clear: \u2018No. There are no plans.\u2019 The meeting ended.'), [
    'Her answer was clear: \u2018No. There are no plans.\u2019',
    'The meeting ended.',
  ]);
  assert.deepEqual(split('He said "No. We will not sell." Then he left.'), ['He said "No. We will not sell."', 'Then he left.']);
  assert.deepEqual(split("He said 'No. We will not sell.' Then he left."), ["He said 'No. We will not sell.'", 'Then he left.']);
});

test('apostrophes are not quotes', () => {
  assert.deepEqual(split("The keeper's cottage burned. It was rebuilt."), ["The keeper's cottage burned.", 'It was rebuilt.']);
  assert.deepEqual(split("In the '90s the mill closed. It reopened."), ["In the '90s the mill closed.", 'It reopened.']);
  assert.deepEqual(split('The mayor\u2019s office said it would wait. Nobody objected.'), ['The mayor\u2019s office said it would wait.', 'Nobody objected.']);
});

test('ellipses, question and exclamation marks end sentences', () => {
  assert.deepEqual(split('It went on and on\u2026 Then it stopped.'), ['It went on and on\u2026', 'Then it stopped.']);
  assert.deepEqual(split('It went on and on... Then it stopped.'), ['It went on and on...', 'Then it stopped.']);
  assert.deepEqual(split('Was it late? Yes! It was.'), ['Was it late?', 'Yes!', 'It was.']);
});

test('a lower-case word after a full stop does not start a sentence; URLs and domains do not split', () => {
  assert.deepEqual(split('See kellmoor.example.org for details. The site is new.'), ['See kellmoor.example.org for details.', 'The site is new.']);
  assert.deepEqual(split('It rose approx. ten percent.'), ['It rose approx. ten percent.']);
});

test('spans are trimmed and exact within a sub-range', () => {
  const text = 'XX  First one.  Second one.  YY';
  const spans = splitSentences(text, 2, text.length - 2);
  assert.deepEqual(spans, [
    { start: 4, end: 14 },
    { start: 16, end: 27 },
  ]);
});

test('list lines without full stops are separate sentences when split by line', () => {
  const text = '- 8 schools were closed\n- The bridge reopened on Monday\nA last line. With two sentences.';
  const got = splitLinesThenSentences(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(got, ['- 8 schools were closed', '- The bridge reopened on Monday', 'A last line.', 'With two sentences.']);
});
