import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractQuantities, compatible, interval, type Quantity } from '../../server/src/engine/facts/numbers';
import { wordsToNumber } from '../../server/src/engine/facts/numberWords';

/** The quantities of a sentence as [text, value, qualifier, unit] (plus high for ranges). */
function q(text: string): Array<[string, number, string, string] | [string, number, string, string, number]> {
  return extractQuantities(text).map((x) =>
    x.high === undefined ? [x.text, x.value, x.qualifier, x.unit] : [x.text, x.value, x.qualifier, x.unit, x.high],
  );
}

function one(text: string): Quantity {
  const all = extractQuantities(text);
  assert.equal(all.length, 1, `one quantity in ${JSON.stringify(text)}, got ${JSON.stringify(all.map((x) => x.text))}`);
  return all[0];
}

test('digits with thousands separators and decimals', () => {
  assert.deepEqual(q('About 1,250,000 people live in the province.'), [['About 1,250,000', 1_250_000, 'approx', '']]);
  assert.deepEqual(q('Growth was 3.5 percent.'), [['3.5 percent', 3.5, 'exact', 'percent']]);
  assert.deepEqual(q('The fire destroyed 2,000 acres.'), [['2,000', 2000, 'exact', '']]);
  assert.equal(one('The fire destroyed 2,000 acres.').noun, 'acres');
});

test('number words', () => {
  assert.deepEqual(q('The estate is worth eight million dollars.'), [['eight million', 8_000_000, 'exact', 'usd']]);
  assert.deepEqual(q('There were twenty-five boats in the harbour.'), [['twenty-five', 25, 'exact', '']]);
  assert.deepEqual(q('A dozen houses burned.'), [['A dozen', 12, 'exact', '']]);
  assert.deepEqual(q('He has three children.'), [['three', 3, 'exact', '']]);
  assert.deepEqual(q('It hosted two hundred and fifty guests.'), [['two hundred and fifty', 250, 'exact', '']]);
  assert.deepEqual(q('A hundred people came.'), [['A hundred', 100, 'exact', '']]);
  assert.equal(one('There were twenty-five boats in the harbour.').noun, 'boats');
  // "one of" is not a count; "hundreds of" alone has no value.
  assert.deepEqual(q('One of the boats sank.'), []);
  assert.deepEqual(q('Hundreds of people came.'), []);
});

test('wordsToNumber', () => {
  assert.equal(wordsToNumber(['eight', 'million']), 8_000_000);
  assert.equal(wordsToNumber(['twenty-five']), 25);
  assert.equal(wordsToNumber(['a', 'dozen']), 12);
  assert.equal(wordsToNumber(['three', 'hundred', 'and', 'twelve']), 312);
  assert.equal(wordsToNumber(['two', 'thousand', 'five', 'hundred']), 2500);
  assert.equal(wordsToNumber(['boats']), undefined);
  assert.equal(wordsToNumber(['and']), undefined);
});

test('qualifiers', () => {
  assert.deepEqual(q('Over 60 people died.'), [['Over 60', 60, 'gt', '']]);
  assert.deepEqual(q('More than 60 people came.'), [['More than 60', 60, 'gt', '']]);
  assert.deepEqual(q('At least 40 homes flooded.'), [['At least 40', 40, 'ge', '']]);
  assert.deepEqual(q('Nearly 400 workers left.'), [['Nearly 400', 400, 'near', '']]);
  assert.deepEqual(q('Almost 400 workers left.'), [['Almost 400', 400, 'near', '']]);
  assert.deepEqual(q('About 80 people came.'), [['About 80', 80, 'approx', '']]);
  assert.deepEqual(q('Some 300 people marched.'), [['Some 300', 300, 'approx', '']]);
  assert.deepEqual(q('Up to 5 trucks came.'), [['Up to 5', 5, 'le', '']]);
  assert.deepEqual(q('Fewer than 30 people came.'), [['Fewer than 30', 30, 'lt', '']]);
  assert.deepEqual(q('The loan is up to \u20ac50,000.'), [['up to \u20ac50,000', 50_000, 'le', 'eur']]);
});

test('ranges', () => {
  assert.deepEqual(q('Between 10 and 12 people came.'), [['10 and 12', 10, 'range', '', 12]]);
  assert.deepEqual(q('It took 10-12 days.'), [['10-12', 10, 'range', 'day', 12]]);
  assert.deepEqual(q('It took 10 to 12 days.'), [['10 to 12', 10, 'range', 'day', 12]]);
});

test('money', () => {
  assert.deepEqual(q('It cost $50 million.'), [['$50 million', 50_000_000, 'exact', 'usd']]);
  assert.deepEqual(q('It cost \u20ac4.5bn.'), [['\u20ac4.5bn', 4_500_000_000, 'exact', 'eur']]);
  assert.deepEqual(q('It cost \u00a3300,000.'), [['\u00a3300,000', 300_000, 'exact', 'gbp']]);
  assert.deepEqual(q('It cost 4.5 million euros.'), [['4.5 million', 4_500_000, 'exact', 'eur']]);
  assert.deepEqual(q('It cost $2.5m.'), [['$2.5m', 2_500_000, 'exact', 'usd']]);
  assert.deepEqual(q('Profits reached 3 bn dollars.'), [['3 bn', 3_000_000_000, 'exact', 'usd']]);
});

test('percentages', () => {
  assert.deepEqual(q('Turnout was 42%.'), [['42%', 42, 'exact', 'percent']]);
  assert.deepEqual(q('Turnout was 42 per cent.'), [['42 per cent', 42, 'exact', 'percent']]);
  assert.deepEqual(q('Turnout was 42 percent.'), [['42 percent', 42, 'exact', 'percent']]);
});

test('units are normalised: miles vs km, bpd vs barrels a day', () => {
  const miles = one('The road is 10 miles long.');
  assert.equal(miles.unit, 'km');
  assert.ok(Math.abs(miles.value - 16.09344) < 1e-9);
  const km = one('The road is 16 km long.');
  assert.equal(km.unit, 'km');
  assert.equal(km.value, 16);
  assert.ok(compatible(miles, km), '10 miles ≈ 16 km');
  assert.ok(!compatible(miles, one('The road is 10 km long.')), '10 miles is not 10 km');

  const bpd = one('Output was 60,000 bpd.');
  const perDay = one('Output was 60,000 barrels a day.');
  assert.equal(bpd.unit, 'bpd');
  assert.equal(perDay.unit, 'bpd');
  assert.equal(perDay.value, 60_000);
  assert.ok(compatible(bpd, perDay));
  assert.equal(one('Output was 60,000 barrels per day.').unit, 'bpd');
});

test('ordinals', () => {
  assert.deepEqual(q('It was the third attempt.'), [['third', 3, 'exact', 'ordinal']]);
  assert.deepEqual(q('It was the 21st attempt.'), [['21st', 21, 'exact', 'ordinal']]);
  assert.equal(one('It was the 21st attempt.').noun, 'attempt');
});

test('years are not quantities; ids and dates are not either', () => {
  assert.deepEqual(q('In 2019 the plant closed.'), []);
  assert.deepEqual(q('The fire destroyed 2,000 acres in 2024.'), [['2,000', 2000, 'exact', '']]);
  assert.deepEqual(q('The B-52 flew over the base.'), []);
  assert.deepEqual(q('It was filed on 10/31/2025.'), []);
  // Masked spans (dates found first) are skipped.
  const text = 'On 14 June the 40 guides met.';
  assert.deepEqual(
    extractQuantities(text, [{ start: 3, end: 10 }]).map((x) => x.text),
    ['40'],
  );
});

test('compatible: qualifiers are respected', () => {
  const c = (a: string, b: string) => compatible(one(a), one(b));
  assert.equal(c('More than 60 people died.', 'The toll was 65 people.'), true);
  assert.equal(c('Over 60 people died.', 'The toll was 61 people.'), true);
  assert.equal(c('Over 60 people died.', 'The toll was 40 people.'), false);
  assert.equal(c('Fewer than 30 people came.', 'Over 50 people came.'), false);
  assert.equal(c('Fewer than 30 people came.', 'Some 25 people came.'), true);
  assert.equal(c('The toll was 80 people.', 'The toll was 61 people.'), false);
  assert.equal(c('The toll was 80 people.', 'The toll was 80 people.'), true);
  assert.equal(c('About 80 people came.', 'The count was 85 people.'), true);
  assert.equal(c('About 80 people came.', 'The count was 95 people.'), false);
  assert.equal(c('At least 40 homes flooded.', 'The count was 40 homes.'), true);
  assert.equal(c('Up to 5 trucks came.', 'The count was 7 trucks.'), false);
  assert.equal(c('Nearly 400 workers left.', 'The count was 390 workers.'), true);
  assert.equal(c('Nearly 400 workers left.', 'The count was 420 workers.'), false);
  assert.equal(c('Between 10 and 12 people came.', 'The count was 11 people.'), true);
  assert.equal(c('Between 10 and 12 people came.', 'The count was 14 people.'), false);
  // Exact figures within 1% match (rounding); different currencies never do.
  assert.equal(c('It cost $1,000,000.', 'It cost $1,005,000.'), true);
  assert.equal(c('It cost $50 million.', 'It cost \u20ac50 million.'), false);
});

test('interval of each qualifier', () => {
  assert.deepEqual(interval(one('The toll was 80 people.')), [80, 80]);
  assert.deepEqual(interval(one('At least 40 homes flooded.')), [40, Infinity]);
  // "About" allows a few percent either way; "nearly" a little below, never above.
  const [alo, ahi] = interval(one('About 100 people came.'));
  assert.ok(alo >= 90 && alo < 97 && ahi > 103 && ahi <= 110, `about 100: [${alo}, ${ahi}]`);
  const [nlo, nhi] = interval(one('Nearly 100 people came.'));
  assert.ok(nlo >= 85 && nlo < 97, `nearly 100 low: ${nlo}`);
  assert.equal(nhi, 100);
  assert.deepEqual(interval(one('Up to 5 trucks came.')).at(1), 5);
  assert.deepEqual(interval(one('Between 10 and 12 people came.')), [10, 12]);
  const [lo, hi] = interval(one('Fewer than 30 people came.'));
  assert.equal(lo, -Infinity);
  assert.ok(hi <= 30 && hi > 29.99);
});
