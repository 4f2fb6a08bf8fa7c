import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDates, dateSupports, datesOverlap, firstFullDate, type DateMention } from '../../server/src/engine/facts/dates';

/** A date as { text, years, from: [month, day], to: [month, day] } for readable assertions. */
function d(text: string, reference?: string) {
  return extractDates(text, reference).map((x) => ({
    text: x.text,
    years: x.years,
    from: x.md ? [Math.floor(x.md[0] / 32), x.md[0] % 32] : undefined,
    to: x.md ? [Math.floor(x.md[1] / 32), x.md[1] % 32] : undefined,
    ...(x.relative ? { relative: true } : {}),
  }));
}

function one(text: string, reference?: string): DateMention {
  const all = extractDates(text, reference);
  assert.equal(all.length, 1, `one date in ${JSON.stringify(text)}: ${JSON.stringify(all.map((x) => x.text))}`);
  return all[0];
}

test('month and day without a year', () => {
  assert.deepEqual(d('It opened on September 2.'), [{ text: 'September 2', years: undefined, from: [9, 2], to: [9, 2] }]);
  assert.deepEqual(d('It opened on Sept. 2, 2025 at noon.'), [{ text: 'Sept. 2, 2025', years: [2025, 2025], from: [9, 2], to: [9, 2] }]);
});

test('day month year and weekday forms', () => {
  assert.deepEqual(d('It opened on 2 September 2025.'), [{ text: '2 September 2025', years: [2025, 2025], from: [9, 2], to: [9, 2] }]);
  assert.deepEqual(d('It closes on Friday, 31 October.'), [{ text: 'Friday, 31 October', years: undefined, from: [10, 31], to: [10, 31] }]);
  assert.deepEqual(d('It met on Monday, the 3rd of March.'), [{ text: 'Monday, the 3rd of March', years: undefined, from: [3, 3], to: [3, 3] }]);
});

test('numeric dates', () => {
  assert.deepEqual(d('Filed 10/31/2025.'), [{ text: '10/31/2025', years: [2025, 2025], from: [10, 31], to: [10, 31] }]);
  // A first number over 12 cannot be a month: day/month order.
  assert.deepEqual(d('Filed 31/10/2025.'), [{ text: '31/10/2025', years: [2025, 2025], from: [10, 31], to: [10, 31] }]);
  assert.deepEqual(d('Filed 2025-10-31.'), [{ text: '2025-10-31', years: [2025, 2025], from: [10, 31], to: [10, 31] }]);
  assert.deepEqual(d('Filed 2025-02-30.'), [], 'an impossible day is not a date');
});

test('parts of periods: mid-2024, late October, early 2025 (also capitalised)', () => {
  assert.deepEqual(d('Work ends in mid-2024.'), [{ text: 'mid-2024', years: [2024, 2024], from: [4, 1], to: [9, 31] }]);
  assert.deepEqual(d('Work ends in late October.'), [{ text: 'late October', years: undefined, from: [10, 21], to: [10, 31] }]);
  assert.deepEqual(d('Late October was wet.'), [{ text: 'Late October', years: undefined, from: [10, 21], to: [10, 31] }]);
  assert.deepEqual(d('Early 2025 saw growth.'), [{ text: 'Early 2025', years: [2025, 2025], from: [1, 1], to: [4, 31] }]);
  assert.deepEqual(d('It opened in May 2023.'), [{ text: 'May 2023', years: [2023, 2023], from: [5, 1], to: [5, 31] }]);
});

test('years and year ranges', () => {
  assert.deepEqual(d('It ran from 2019 to 2021.'), [{ text: '2019 to 2021', years: [2019, 2021], from: undefined, to: undefined }]);
  assert.deepEqual(d('It ran 2019-2021.'), [{ text: '2019-2021', years: [2019, 2021], from: undefined, to: undefined }]);
  assert.deepEqual(d('The mill closed in 1998.'), [{ text: '1998', years: [1998, 1998], from: undefined, to: undefined }]);
});

test('not dates: "may" the verb, quantities that look like years', () => {
  assert.deepEqual(d('You may go now.'), []);
  assert.deepEqual(d('Prices May be higher.'), []);
  assert.deepEqual(d('It cost 2,000 euros.'), []);
  assert.deepEqual(d('It cost $2019.'), []);
});

test('relative dates resolve against a reference (Friday 31 October 2025)', () => {
  const ref = '2025-10-31'; // a Friday
  assert.deepEqual(d('It happened on Friday.', ref), [{ text: 'on Friday', years: [2025, 2025], from: [10, 31], to: [10, 31], relative: true }]);
  assert.deepEqual(d('It happened on Tuesday.', ref), [{ text: 'on Tuesday', years: [2025, 2025], from: [10, 28], to: [10, 28], relative: true }]);
  assert.deepEqual(d('It happened last Friday.', ref), [{ text: 'last Friday', years: [2025, 2025], from: [10, 24], to: [10, 24], relative: true }]);
  assert.deepEqual(d('It happened yesterday.', ref), [{ text: 'yesterday', years: [2025, 2025], from: [10, 30], to: [10, 30], relative: true }]);
  assert.deepEqual(d('It happens tomorrow.', ref), [{ text: 'tomorrow', years: [2025, 2025], from: [11, 1], to: [11, 1], relative: true }]);
  assert.deepEqual(d('Sales fell this month.', ref), [{ text: 'this month', years: [2025, 2025], from: [10, 1], to: [10, 31], relative: true }]);
  assert.deepEqual(d('Sales fell last month.', ref), [{ text: 'last month', years: [2025, 2025], from: [9, 1], to: [9, 30], relative: true }]);
  assert.deepEqual(d('Sales fell last year.', ref), [{ text: 'last year', years: [2024, 2024], from: undefined, to: undefined, relative: true }]);
  // A year boundary: yesterday of 1 January is 31 December of the year before.
  assert.deepEqual(d('It happened yesterday.', '2026-01-01'), [{ text: 'yesterday', years: [2025, 2025], from: [12, 31], to: [12, 31], relative: true }]);
});

test('relative dates are not resolved without a reference', () => {
  assert.deepEqual(d('It happened on Friday.'), []);
  assert.deepEqual(d('It happened yesterday.'), []);
});

test('dateSupports: the source must state the draft date at least as precisely', () => {
  const s = (src: string, draft: string) => dateSupports(one(src), one(draft));
  assert.equal(s('on 2 September 2025', 'on September 2'), true);
  assert.equal(s('on 2 September 2025', 'in September 2025'), true);
  assert.equal(s('on 2 September 2025', 'in 2025'), true);
  assert.equal(s('on 2 September 2025', 'in mid-2025'), true, 'mid-year runs from April to September');
  assert.equal(s('on 2 November 2025', 'in mid-2025'), false);
  assert.equal(s('on 25 October', 'in late October'), true);
  assert.equal(s('on 3 October', 'in late October'), false);
  assert.equal(s('on 2 September 2025', 'on 3 September 2025'), false);
  assert.equal(s('on 2 September 2024', 'on 2 September 2025'), false);
  assert.equal(s('in 2025', 'on 2 September 2025'), false, 'a year does not state a day');
  assert.equal(s('in September', 'on September 2'), false, 'a month does not state a day');
  assert.equal(s('in 2020', 'from 2019 to 2021'), true);
  assert.equal(s('from 2019 to 2021', 'in 2020'), false);
});

test('datesOverlap: unknown parts match anything, disjoint spans do not', () => {
  const o = (a: string, b: string) => datesOverlap(one(a), one(b));
  assert.equal(o('on September 2', 'on 2 September 2025'), true);
  assert.equal(o('in 2025', 'on 2 September 2025'), true);
  assert.equal(o('in late October', 'on 25 October'), true);
  assert.equal(o('from 2019 to 2021', 'in 2020'), true);
  assert.equal(o('on 2 September 2025', 'on 3 September 2025'), false);
  assert.equal(o('in 2024', 'on 2 September 2025'), false);
  assert.equal(o('in early October', 'in late October'), false);
  assert.equal(o('from 2019 to 2021', 'in 2023'), false);
});

test('firstFullDate finds a dateline', () => {
  assert.equal(firstFullDate('Harrowmere, 14 October 2025 \u2014 The river rose.'), '2025-10-14');
  assert.equal(firstFullDate('Published: 15/10/2025 09:10'), '2025-10-15');
  assert.equal(firstFullDate('In October 2025 the river rose.'), undefined);
});
