import { test } from 'node:test';
import assert from 'node:assert/strict';
import { negatedKeys } from '../../server/src/engine/facts/negation';
import { tokenize, wordKey } from '../../server/src/engine/text/tokens';

const negated = (s: string) => negatedKeys(tokenize(s), s);

/** Asserts which of `words` are inside a negation scope of `sentence`. */
function scope(sentence: string, inside: string[], outside: string[]): void {
  const keys = negated(sentence);
  for (const w of inside) assert.ok(keys.has(wordKey(w)), `"${w}" should be negated in: ${sentence} (got ${[...keys].join(', ')})`);
  for (const w of outside) assert.ok(!keys.has(wordKey(w)), `"${w}" should not be negated in: ${sentence} (got ${[...keys].join(', ')})`);
}

test('no negation in a plain statement', () => {
  assert.equal(negated('The council approved the budget on Monday.').size, 0);
});

test('not, no, never, without negate what follows', () => {
  scope('The council did not approve the budget.', ['approve', 'budget'], ['council']);
  scope("The council didn't approve the budget.", ['approve', 'budget'], ['council']);
  scope('There were no injuries at the plant.', ['injuries', 'plant'], []);
  scope('The mayor never visited the site.', ['visited', 'site'], ['mayor']);
  scope('The bridge reopened without repairs.', ['repairs'], ['bridge', 'reopened']);
});

test('ruled out negates; refused to rule out does not', () => {
  scope('The minister ruled out new taxes.', ['taxes'], ['minister']);
  scope('The minister refused to rule out new taxes.', [], ['taxes', 'rule', 'minister']);
  assert.equal(negated('The minister refused to rule out new taxes.').size, 0);
});

test('did not deny is not a denial; denied is', () => {
  scope('The mayor denied the allegations.', ['allegations'], ['mayor']);
  assert.equal(negated('The mayor did not deny the allegations.').size, 0);
});

test('a contrast ends the scope: "relying not on X but on Y"', () => {
  scope('The plan relies not on taxes but on loans.', ['taxes'], ['loans', 'plan']);
});

test('punctuation ends the scope', () => {
  scope('The council did not approve the budget, officials said on Monday.', ['budget'], ['officials', 'monday']);
});

test('the scope is bounded to a few words', () => {
  scope('The firm did not expect that the new harbour crane would finally arrive from the distant northern shipyard.', ['expect'], ['shipyard']);
});
