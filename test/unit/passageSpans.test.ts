/**
 * Passage splitting skips, for the sentences of a clean line, the boilerplate patterns that
 * already failed on the line; the passages must be exactly those of testing every pattern.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passageSpans } from '../../server/src/engine/sources/passages';
import { isBoilerplateLine, isBoilerplateSentence } from '../../server/src/engine/sources/boilerplate';
import { splitSentences } from '../../server/src/engine/text/sentences';

/** Every sentence of every clean line, tested with every pattern: what passageSpans must give. */
function reference(text: string): number[] {
  // Only texts without front matter, markup or hard-wrapped lines (every line ends with a full
  // stop) are generated below.
  const out: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let i = text.indexOf('\n', lineStart);
    if (i < 0) i = text.length;
    const line = text.slice(lineStart, i);
    if (!isBoilerplateLine(line)) {
      for (const s of splitSentences(text, lineStart, i)) {
        const sentence = text.slice(s.start, s.end);
        if (isBoilerplateSentence(sentence) || !/\p{L}{2}/u.test(sentence)) continue;
        out.push(s.start, s.end);
      }
    }
    lineStart = i + 1;
  }
  return out;
}

const PIECES = [
  'The council approved the budget.', 'Sign up for our newsletter today.', 'Subscribe to updates by email!', '© 2024 Courier Media.',
  'All rights reserved.', 'Read more about the flood.', 'Share this article', 'Find out more about rates in our guide.',
  'Click here to see.', 'What do you think?', 'Share your thoughts below.', 'Privacy policy', 'Terms and conditions apply.',
  'We will send you updates.', 'Related stories', '—', '|', 'Copyright 2023 and beyond.', 'Photo:', 'By Anna Berg', 'x y.',
  'Officials said 1,200 people left.', 'For more: see the site.', 'Follow us on social media.', 'Leave a reply.', '12 comments',
];

test('passageSpans equals testing every boilerplate pattern on every sentence', () => {
  let seed = 5;
  const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let n = 0; n < 400; n++) {
    const lines: string[] = [];
    for (let l = 0; l < 6; l++) {
      const k = 1 + Math.floor(r() * 4);
      lines.push(Array.from({ length: k }, () => PIECES[Math.floor(r() * PIECES.length)]).join(' ') + (r() < 0.5 ? '.' : '!'));
    }
    const text = lines.join('\n');
    assert.deepEqual(passageSpans(text), reference(text), JSON.stringify(text));
  }
});
