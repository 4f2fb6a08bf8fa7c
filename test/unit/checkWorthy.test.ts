import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCheckWorthy } from '../../server/src/engine/draft/checkWorthy';
import { tokenize } from '../../server/src/engine/text/tokens';

const worthy = (s: string) => isCheckWorthy(s, tokenize(s), /\d/.test(s));

test('factual statements are check-worthy', () => {
  assert.equal(worthy('The council approved 12 new homes.'), true);
  assert.equal(worthy('The mayor of Kellmoor resigned.'), true);
  assert.equal(worthy('Mayor Brandt said the gates had "worked exactly as designed".'), true);
});

test('questions, instructions and sign-offs are not', () => {
  assert.equal(worthy('What did the council decide in 2024?'), false);
  assert.equal(worthy('Did the Kellmoor ferry sink? '), false);
  assert.equal(worthy('Please check every figure before this runs.'), false);
  assert.equal(worthy('Check the 2024 figures with the Harbour Trust.'), false);
  assert.equal(worthy('Council members approved the plan; check the minutes.'), false);
  assert.equal(worthy('Thanks, everyone!'), false);
});

test("the writer's own framing is not", () => {
  assert.equal(worthy('This story brings together what we know about Kellmoor.'), false);
  assert.equal(worthy('Here is the summary of events in Kellmoor.'), false);
  assert.equal(worthy('We will look at the figures from Kellmoor later.'), false);
  assert.equal(worthy('In this section, the Kellmoor harbour is described.'), false);
});

test('generic opinions without an anchor are not; short fragments are not', () => {
  assert.equal(worthy('It is important and interesting to everyone who reads these things carefully.'), false);
  assert.equal(worthy('It was good.'), false);
  assert.equal(worthy('Yes.'), false);
});
