import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Corpus, type IndexedSource, type SourceMeta } from '../../server/src/engine';
import { citeEdits, nextFootnoteNumber } from '../../server/src/lsp/features/citationEdits';
import { ignoreFileEdit, ignoreLineEdit } from '../../server/src/lsp/features/ignoreEdits';
import { readFolderConfig } from '../../server/src/lsp/folderConfig';
import { jsonErrorOffset } from '../../server/src/lsp/jsonErrorOffset';
import { SourceScope } from '../../server/src/lsp/sourceScope';
import { applyEdits, uriOf } from './support/lspClient';

const root = path.join(os.tmpdir(), 'corroborate-helpers');
const draftUri = uriOf(path.join(root, 'drafts/story.md'));

function source(id: string, meta: SourceMeta, file = path.join(root, 'sources', `${id}.txt`)): IndexedSource {
  return new Corpus([{ id, path: file, text: 'A sentence of the source.', meta }]).source(id)!;
}

/** Cites `src` for the sentence `sentence` of `text` and returns the edited text. */
function cite(style: 'pandoc' | 'footnote' | 'link', text: string, sentence: string, src: IndexedSource): string {
  const start = text.indexOf(sentence);
  return applyEdits(text, citeEdits(style, { text, uri: draftUri, start, end: start + sentence.length }, src));
}

describe('Cite edits', () => {
  const gazette = source('gazette', { title: 'Puffins [return]', outlet: 'The Gazette', date: '2024-07-12', url: 'https://gazette.example/puffins' });
  const notes = source('field notes', { title: 'Field notes' }, path.join(root, 'sources/field notes.txt'));

  test('pandoc: before the full stop, or joined to an existing group', () => {
    assert.equal(cite('pandoc', 'It rained. Puffins came back.\n', 'Puffins came back.', gazette), 'It rained. Puffins came back [@gazette].\n');
    assert.equal(cite('pandoc', 'Puffins came back [@old].\n', 'Puffins came back [@old].', gazette), 'Puffins came back [@old; @gazette].\n');
    assert.equal(cite('pandoc', '- Puffins came back\n', 'Puffins came back', gazette), '- Puffins came back [@gazette]\n', 'no full stop');
    assert.equal(cite('pandoc', 'She said “they came back.”\n', 'She said “they came back.”', gazette), 'She said “they came back.” [@gazette]\n');
  });

  test('link: the URL, else the file relative to the draft (in angle brackets if it has spaces)', () => {
    assert.equal(cite('link', 'Puffins came back.', 'Puffins came back.', gazette), 'Puffins came back ([Puffins \\[return\\]](https://gazette.example/puffins)).');
    assert.equal(cite('link', 'Puffins came back.', 'Puffins came back.', notes), 'Puffins came back ([Field notes](<../sources/field notes.txt>)).');
  });

  test('footnote: numbered after existing ones, defined at the end, CRLF kept', () => {
    const text = 'Puffins came back.[^2]\r\nThey nest in burrows.\r\n\r\n[^2]: Earlier note.\r\n';
    assert.equal(
      cite('footnote', text, 'They nest in burrows.', gazette),
      'Puffins came back.[^2]\r\nThey nest in burrows.[^3]\r\n\r\n[^2]: Earlier note.\r\n[^3]: Puffins [return]. The Gazette, 2024-07-12. <https://gazette.example/puffins>\r\n',
    );
    assert.equal(
      cite('footnote', 'They nest in burrows.', 'They nest in burrows.', notes),
      'They nest in burrows.[^1]\n\n[^1]: Field notes. [../sources/field notes.txt](<../sources/field notes.txt>)\n',
    );
    assert.equal(nextFootnoteNumber('a[^note] b[^9] c[^10]'), 11);
  });
});

describe('Ignore edits', () => {
  test('this claim: a directive line before, keeping indentation and quote markers', () => {
    const text = 'Intro.\n\n> Quoted claim.\n  Indented claim.\n';
    assert.equal(applyEdits(text, [ignoreLineEdit(text, 2)]), 'Intro.\n\n> <!-- corroborate-disable-next-line -->\n> Quoted claim.\n  Indented claim.\n');
    assert.equal(applyEdits(text, [ignoreLineEdit(text, 3)]), 'Intro.\n\n> Quoted claim.\n  <!-- corroborate-disable-next-line -->\n  Indented claim.\n');
  });

  test('this file: at the top, or after the front matter', () => {
    assert.equal(applyEdits('Claim.\n', [ignoreFileEdit('Claim.\n')]), '<!-- corroborate-disable-file -->\nClaim.\n');
    const fm = '---\ntitle: x\n---\nClaim.\n';
    assert.equal(applyEdits(fm, [ignoreFileEdit(fm)]), '---\ntitle: x\n---\n<!-- corroborate-disable-file -->\nClaim.\n');
  });
});

describe('SourceScope', () => {
  const folder = path.join(root, 'ws');
  test('matches globs, folders and files as findSourceFiles does', () => {
    const scope = new SourceScope(['sources/**', 'refs', 'extra/one.pdf'], folder);
    assert.ok(scope.matches(path.join(folder, 'sources/a.txt')));
    assert.ok(scope.matches(path.join(folder, 'sources/deep/b.md')));
    assert.ok(!scope.matches(path.join(folder, 'sources/.hidden/b.md')), 'hidden folders are skipped');
    assert.ok(scope.matches(path.join(folder, 'refs/c.md')));
    assert.ok(!scope.matches(path.join(folder, 'refs/c.xyz')), 'a folder pattern takes supported formats only');
    assert.ok(scope.matches(path.join(folder, 'extra/one.pdf')));
    assert.ok(!scope.matches(path.join(folder, 'drafts/story.md')));
    assert.ok(scope.mayContain(folder), 'deleting the folder may delete sources');
    assert.deepEqual(
      scope.watchRoots().filter((r) => r.glob === '**').map((r) => path.relative(folder, r.base)),
      ['sources', 'refs', path.join('extra', 'one.pdf')],
    );
  });
});

describe('.corroborate.json', () => {
  test('a single path, a list, and errors with their position', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-config-'));
    try {
      const config = path.join(dir, '.corroborate.json');
      assert.deepEqual(await readFolderConfig(dir), {}, 'no file');
      writeFileSync(config, '{"sources": "refs"}');
      assert.deepEqual(await readFolderConfig(dir), { sources: ['refs'] });
      writeFileSync(config, '{"sources": []}');
      assert.match((await readFolderConfig(dir)).problem?.message ?? '', /must be a folder, a glob or a non-empty list/);
      writeFileSync(config, '{\n  "sources": ["a" "b"]\n}');
      const bad = await readFolderConfig(dir);
      assert.deepEqual(bad.problem?.position, { line: 1, character: 18 });
      assert.match(bad.problem?.message ?? '', /^\.corroborate\.json is not valid JSON: .+ at line 2, column 19$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('jsonErrorOffset finds the first syntax error', () => {
    assert.equal(jsonErrorOffset('{"a": [1, 2], "b": {"c": null}}'), -1);
    assert.equal(jsonErrorOffset('{"a": 1,}'), 8);
    assert.equal(jsonErrorOffset('{"a" 1}'), 5);
    assert.equal(jsonErrorOffset('{"a": tru}'), 6);
    assert.equal(jsonErrorOffset('{"a": "x'), 8);
    assert.equal(jsonErrorOffset('{} x'), 3);
  });
});
