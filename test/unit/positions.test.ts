import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text/lineIndex';
import { Corpus, checkDraft } from '../../server/src/engine';
import { passagesOf } from '../../server/src/engine/sources/passages';
import { FILLER } from '../helpers/filler';

test('LineIndex: LF, CRLF and lone CR all break lines; CRLF counts once', () => {
  const text = 'ab\r\ncd\nef\rgh';
  const li = new LineIndex(text);
  assert.equal(li.lineCount, 4);
  assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(2), { line: 0, character: 2 }); // the \r
  assert.deepEqual(li.positionAt(3), { line: 0, character: 3 }); // the \n of \r\n
  assert.deepEqual(li.positionAt(4), { line: 1, character: 0 }); // "c"
  assert.deepEqual(li.positionAt(7), { line: 2, character: 0 }); // "e"
  assert.deepEqual(li.positionAt(10), { line: 3, character: 0 }); // "g" after a lone \r
  assert.deepEqual(li.positionAt(12), { line: 3, character: 2 }); // end of text
  assert.equal(li.lineStart(1), 4);
  assert.equal(li.lineStart(3), 10);
});

test('LineIndex: characters are UTF-16 code units (emoji are two, accents in NFC one)', () => {
  // "Zo\u00eb" is 3 units, the emoji U+1F389 is a surrogate pair (2 units).
  const text = 'Zo\u00eb \u{1F389} x\ny';
  const li = new LineIndex(text);
  assert.equal(text.indexOf('x'), 7);
  assert.deepEqual(li.positionAt(7), { line: 0, character: 7 });
  assert.deepEqual(li.positionAt(9), { line: 1, character: 0 });
  // A decomposed accent (e + combining acute) is two units.
  const decomposed = 'Cafe\u0301 z';
  assert.deepEqual(new LineIndex(decomposed).positionAt(decomposed.indexOf('z')), { line: 0, character: 6 });
});

test('LineIndex: offsetAt is the inverse of positionAt and clamps', () => {
  const text = 'first \u{1F30D} line\r\nsecond line\nthird';
  const li = new LineIndex(text);
  for (let o = 0; o <= text.length; o++) {
    const p = li.positionAt(o);
    assert.equal(li.offsetAt(p), o, `offset ${o}`);
  }
  assert.equal(li.offsetAt({ line: 0, character: 999 }), text.indexOf('second')); // clamped to the next line start
  assert.equal(li.offsetAt({ line: 99, character: 0 }), text.length);
  assert.equal(li.offsetAt({ line: -1, character: 5 }), 0);
  assert.deepEqual(li.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(10_000), { line: 2, character: 5 });
});

const SOURCE_TEXT =
  'Lakeside Gazette\r\n\r\n' +
  'The Ostrava ferry carried 412 passengers on its first crossing.\r\n' +
  'The caf\u00e9 in Br\u00fcnnfeld reopened on 3 March 2025 after repairs.\r\n';


function corpus(): Corpus {
  return new Corpus([
    { id: 'gazette', path: 'sources/gazette.txt', meta: {}, text: SOURCE_TEXT },
    { id: 'notes', path: 'sources/notes.txt', meta: {}, text: FILLER },
  ]);
}

test('passages of a CRLF source carry exact offsets and no \\r', () => {
  const ps = passagesOf({ id: 'gazette', path: 'g.txt', meta: {}, text: SOURCE_TEXT }, 0);
  assert.deepEqual(
    ps.map((p) => p.text),
    [
      'Lakeside Gazette',
      'The Ostrava ferry carried 412 passengers on its first crossing.',
      'The caf\u00e9 in Br\u00fcnnfeld reopened on 3 March 2025 after repairs.',
    ],
  );
  for (const p of ps) assert.equal(SOURCE_TEXT.slice(p.start, p.end), p.text);
  assert.equal(ps[1].start, 20);
});

test('checkDraft: claim ranges are exact LSP ranges with emoji, accents and CRLF', () => {
  const draft =
    '# H\u00e9llo \u{1F30D}\r\n\r\n' +
    'The caf\u00e9 \u{1F389} in Br\u00fcnnfeld reopened on 3 March 2025 after repairs. ' +
    'The Ostrava ferry carried 900 passengers on its first crossing.\r\n' +
    'Zo\u00eb M\u00fcller \u{1F469}\u200d\u{1F467} opened a bakery in Fernwald in 2021.\r\n';
  const report = checkDraft(corpus(), draft);
  assert.equal(report.claims.length, 3);
  const [cafe, ferry, bakery] = report.claims;

  // Line 2: "The café 🎉 ..." is 64 UTF-16 units long (the emoji counts 2).
  assert.deepEqual(cafe.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 64 } });
  assert.equal(cafe.text, 'The caf\u00e9 \u{1F389} in Br\u00fcnnfeld reopened on 3 March 2025 after repairs.');
  assert.equal(draft.slice(cafe.start, cafe.end), cafe.text);
  assert.equal(cafe.verdict, 'supported');

  assert.deepEqual(ferry.range, { start: { line: 2, character: 65 }, end: { line: 2, character: 128 } });
  assert.equal(ferry.verdict, 'conflict');
  assert.equal(ferry.kind, 'conflict.number');

  // Line 3 holds a ZWJ sequence (woman, ZWJ, girl: 5 units): 11 + 5 + 37 = 53.
  assert.deepEqual(bakery.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 53 } });
  assert.equal(bakery.text, 'Zo\u00eb M\u00fcller \u{1F469}\u200d\u{1F467} opened a bakery in Fernwald in 2021.');
  assert.equal(bakery.verdict, 'unsupported');

  // Every range maps back to the claim's text through an independent line index.
  const li = new LineIndex(draft);
  for (const c of report.claims) {
    assert.equal(draft.slice(li.offsetAt(c.range.start), li.offsetAt(c.range.end)), c.text);
  }
});

test('checkDraft: evidence positions point at the passage in a CRLF source', () => {
  const report = checkDraft(corpus(), 'The Ostrava ferry carried 900 passengers on its first crossing.\n');
  const ev = report.claims[0].evidence.find((e) => e.relation === 'conflicts');
  assert.ok(ev, 'conflicting evidence');
  assert.equal(ev.source, 'gazette');
  assert.equal(ev.path, 'sources/gazette.txt');
  assert.deepEqual(ev.position, { line: 2, character: 0 });
  assert.equal(SOURCE_TEXT.slice(ev.start, ev.end), ev.quote);
});
