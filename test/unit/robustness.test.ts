import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Corpus, checkDraft } from '../../server/src/engine';

/** Deterministic pseudo-random generator (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'The', 'council', 'said', '80', 'more than 60', '€4.5 million', '3 March 2026', 'on Friday', '“quoted text.', '"', '‘', '’s',
  'U.S.', 'Sen.', 'no', 'not', 'ruled out', '[@a]', '[@missing; @b]', '[^1]', '`code`', '<!-- corroborate-disable -->',
  '<!-- corroborate-enable -->', '\n\n', '\r\n', '- ', '# ', '```\n', '---\n', '|', '😀', 'é', '\u200b', '...', '?', '!',
  'twenty-five', 'c.13%', '10-12', 'Air Force One', 'http://x.y/z', '[link](http://a.b)', '**bold**', '\\.', '$', '%',
];

test('random drafts never throw and ranges stay inside the draft', () => {
  const corpus = new Corpus([
    { id: 'a', path: 'a.txt', text: 'The council said 61 people left on 3 March 2026. “No. There are no plans,” she said.', meta: { date: '2026-03-04' } },
    { id: 'b', path: 'b.md', text: '---\ntitle: B\n---\nMore than 60 people left, the mayor said.', meta: {} },
  ]);
  const next = rng(42);
  for (let n = 0; n < 300; n++) {
    const parts: string[] = [];
    const len = 1 + Math.floor(next() * 40);
    for (let i = 0; i < len; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]);
    const draft = parts.join(next() < 0.7 ? ' ' : '');
    for (const markdown of [true, false]) {
      const report = checkDraft(corpus, draft, { markdown });
      const lines = draft.split(/\r\n|\r|\n/);
      for (const c of report.claims) {
        assert.ok(c.start >= 0 && c.end <= draft.length && c.start < c.end, `offsets of ${JSON.stringify(c.text)}`);
        assert.ok(c.range.end.line < lines.length, 'range inside the draft');
        assert.ok(c.confidence >= 0 && c.confidence <= 1);
      }
    }
  }
});

test('an empty corpus and an empty draft are fine', () => {
  assert.deepEqual(checkDraft(new Corpus(), '').claims, []);
  const r = checkDraft(new Corpus(), 'The council said 61 people left on 3 March 2026.');
  assert.equal(r.claims[0].verdict, 'unsupported');
});
