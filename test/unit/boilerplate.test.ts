import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBoilerplateLine, isBoilerplateSentence } from '../../server/src/engine/sources/boilerplate';
import { passagesOf, frontMatterEnd } from '../../server/src/engine/sources/passages';
import { guessMeta } from '../../server/src/engine/sources/metadata';

test('web boilerplate lines are recognised', () => {
  for (const line of [
    'Sign up for our newsletter to get updates by email.',
    'Get the latest news delivered to your inbox',
    'Share this article',
    'Tweet',
    'Read more',
    'Find out more about our heritage trail',
    'Related articles',
    'Leave a reply',
    'Your email address will not be published.',
    'Photo',
    'Advertisement',
    '\u00a9 2025 Riverside Weekly. All rights reserved.',
    'Copyright 2024 Kellmoor Media',
    'Privacy policy',
    'Follow us on social media',
    'https://example.com/some/page',
    '* * *',
    '12 comments',
    'Click here to subscribe',
    'What do you think about the new ferry? Share your thoughts below.',
    '   ',
  ]) {
    assert.equal(isBoilerplateLine(line), true, line);
  }
});

test('ordinary news lines are not boilerplate', () => {
  for (const line of [
    'The council said the mill will reopen in March.',
    'Readers of the Kellmoor Herald voted the harbour the best in the region.',
    'The share price rose by 4 percent.',
    'Photo archives from 1950 show the old pier.',
    'More than 300 people signed the petition.',
  ]) {
    assert.equal(isBoilerplateLine(line), false, line);
    assert.equal(isBoilerplateSentence(line), false, line);
  }
});

test('boilerplate sentences inside a paragraph are recognised', () => {
  assert.equal(isBoilerplateSentence('Find out more about our mill heritage guide.'), true);
  assert.equal(isBoilerplateSentence('See also: our guide to the valley.'), true);
  assert.equal(isBoilerplateSentence('For more news on this, visit our site.'), true);
  assert.equal(isBoilerplateSentence('The mill closed in 1998.'), false);
});

const SOURCE = [
  '---',
  'title: Riverside Weekly',
  '---',
  'Riverside Weekly',
  'By Anna Kowalczyk',
  'Published 3 March 2025',
  '',
  'The mill closed in 1998. Find out more about our mill heritage guide. It reopened as a museum.',
  'Sign up for our newsletter to get updates by email.',
  'Share this article',
  '\u00a9 2025 Riverside Weekly. All rights reserved.',
  'Image:',
  '- The caf\u00e9 \u{1F389} sold 40 cakes.',
  '## The pier',
  'https://example.com/x',
  'Read more',
  '',
].join('\r\n');

test('passages drop boilerplate lines and sentences, strip list/heading markup, keep exact offsets', () => {
  const ps = passagesOf({ id: 'rw', path: 'rw.txt', text: SOURCE, meta: {} }, 10);
  assert.deepEqual(
    ps.map((p) => p.text),
    [
      'Riverside Weekly',
      'By Anna Kowalczyk',
      'Published 3 March 2025',
      'The mill closed in 1998.',
      'It reopened as a museum.',
      'The caf\u00e9 \u{1F389} sold 40 cakes.',
      'The pier',
    ],
  );
  ps.forEach((p, i) => {
    assert.equal(SOURCE.slice(p.start, p.end), p.text);
    assert.equal(p.id, 10 + i);
    assert.equal(p.ordinal, i);
    assert.equal(p.sourceId, 'rw');
  });
  assert.equal(ps.some((p) => /title:/.test(p.text)), false, 'front matter is not a passage');
});

test('frontMatterEnd', () => {
  assert.equal(frontMatterEnd('---\ntitle: X\n---\nBody'), 17);
  assert.equal(frontMatterEnd('---\r\ntitle: X\r\n---\r\nBody'), 20);
  assert.equal(frontMatterEnd('\ufeff---\nid: a\n...\nBody'), 15);
  assert.equal(frontMatterEnd('Body\n---\nx\n---\n'), 0);
});

test('guessMeta: headline, byline and dateline', () => {
  assert.deepEqual(guessMeta('Riverside Weekly\nBy Anna Kowalczyk\n\nPublished 3 March 2025.\nThe mill closed in 1998.\n'), {
    title: 'Riverside Weekly',
    author: 'Anna Kowalczyk',
    date: '2025-03-03',
  });
  // A first line that is a sentence is not a title; boilerplate is skipped.
  const m = guessMeta('Share this article\nThe mill closed in 1998.\n');
  assert.equal(m.title, undefined);
  assert.equal(m.date, undefined);
});
