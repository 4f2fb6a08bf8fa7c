import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar, type IRawGrammar, type StateStack } from 'vscode-textmate';

/**
 * syntaxes/citations.tmLanguage.json tokenized by vscode-textmate (the engine VS Code uses) as
 * an injection into VS Code's own Markdown grammar (from the tm-grammars package).
 */
const ROOT = path.resolve(__dirname, '../..');
const OURS = 'text.markdown.corroborate.citations';
const MARKDOWN = 'text.html.markdown';
const files: Record<string, string> = {
  [OURS]: path.join(ROOT, 'syntaxes/citations.tmLanguage.json'),
  [MARKDOWN]: require.resolve('tm-grammars/grammars/markdown.json'),
};

let grammar: IGrammar;

/** Tokens of a Markdown text, line by line, as [text, scopes] pairs. */
function tokenize(text: string): Array<Array<{ text: string; scopes: string[] }>> {
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the token that is exactly `piece` (the first such token of the text). */
function scopesOf(text: string, piece: string, nth = 0): string[] {
  const tokens = tokenize(text).flat().filter((t) => t.text === piece);
  assert.ok(tokens[nth], `no token "${piece}" in ${JSON.stringify(tokenize(text).flat().map((t) => t.text))}`);
  return tokens[nth].scopes;
}

function allScopes(text: string): string[] {
  return tokenize(text).flat().flatMap((t) => t.scopes);
}

describe('citation grammar (injected into Markdown)', () => {
  before(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p) => oniguruma.createOnigScanner(p), createOnigString: (s) => oniguruma.createOnigString(s) }),
      loadGrammar: async (scope) => (files[scope] ? (JSON.parse(readFileSync(files[scope], 'utf8')) as IRawGrammar) : null),
      getInjections: (scope) => (scope === MARKDOWN ? [OURS] : undefined),
    });
    const loaded = await registry.loadGrammar(MARKDOWN);
    assert.ok(loaded);
    grammar = loaded;
  });

  test('a bracketed citation with keys, locators, a suppressed author and a separator', () => {
    const text = 'Puffins came back [see @island-gazette, pp. 3-4; -@trust-report].';
    assert.ok(scopesOf(text, '[').includes('punctuation.definition.citation.begin.markdown'));
    assert.ok(scopesOf(text, '[').includes('meta.citation.pandoc.markdown'));
    assert.ok(scopesOf(text, '@').includes('punctuation.definition.citation-key.markdown'));
    assert.ok(scopesOf(text, 'island-gazette').includes('constant.other.reference.citation.markdown'));
    assert.ok(scopesOf(text, 'pp.').includes('keyword.other.locator.markdown'));
    assert.ok(scopesOf(text, '3-4').includes('constant.numeric.locator.markdown'));
    assert.ok(scopesOf(text, ';').includes('punctuation.separator.citation.markdown'));
    assert.ok(scopesOf(text, '-').includes('punctuation.definition.suppress-author.markdown'));
    assert.ok(scopesOf(text, 'trust-report').includes('constant.other.reference.citation.markdown'));
    assert.ok(scopesOf(text, ']').includes('punctuation.definition.citation.end.markdown'));
    assert.ok(!scopesOf(text, 'see ').includes('constant.other.reference.citation.markdown'));
    assert.ok(!scopesOf(text, 'Puffins came back ').some((s) => s.startsWith('meta.citation')));
  });

  test('an author-in-text citation, with and without a locator', () => {
    const text = 'As @lindqvist2024 [p. 12] notes, and @kessel-trust agrees.';
    assert.ok(scopesOf(text, 'lindqvist2024').includes('constant.other.reference.citation.markdown'));
    assert.ok(scopesOf(text, 'p.').includes('keyword.other.locator.markdown'));
    assert.ok(scopesOf(text, '12').includes('constant.numeric.locator.markdown'));
    assert.ok(scopesOf(text, 'kessel-trust').includes('constant.other.reference.citation.markdown'));
  });

  test('a key ends on a letter or digit, so a final full stop is not part of it', () => {
    const text = 'This is what @lindqvist said.';
    assert.ok(scopesOf(text, 'lindqvist').includes('constant.other.reference.citation.markdown'));
  });

  test('e-mail addresses, links, footnotes and code are not citations', () => {
    for (const text of [
      'Write to editor@gazette.example for a copy.',
      'Read [the notes of @lindqvist](https://example.org/notes) first.',
      'A footnote reference[^1] and [^note].',
      'Inline code `[@island-gazette]` stays code.',
      '```\n[@island-gazette] in a fenced block\n```',
      '    [@island-gazette] in an indented code block',
    ]) {
      assert.ok(!allScopes(text).some((s) => s.includes('citation')), `${text}: ${JSON.stringify(tokenize(text))}`);
    }
  });

  test('Corroborate directives are highlighted; other HTML comments are not', () => {
    for (const directive of ['corroborate-disable', 'corroborate-enable', 'corroborate-disable-next-line', 'corroborate-disable-file']) {
      const text = `<!-- ${directive} -->\nThe census counted 480 pairs.`;
      const scopes = scopesOf(text, directive);
      assert.ok(scopes.includes('keyword.control.directive.corroborate'), `${directive}: ${scopes.join(' ')}`);
      assert.ok(scopes.includes('meta.directive.corroborate'));
      assert.ok(scopesOf(text, '<!--').includes('punctuation.definition.comment.html'));
    }
    const inline = 'Text <!-- corroborate-disable --> more text.';
    assert.ok(scopesOf(inline, 'corroborate-disable').includes('keyword.control.directive.corroborate'));
    assert.ok(!allScopes('<!-- corroborate is great -->').includes('keyword.control.directive.corroborate'));
    assert.ok(!allScopes('<!-- a note with [@island-gazette] -->').some((s) => s.includes('citation')));
  });

  test('citations inside headings, lists and quotes are highlighted', () => {
    for (const text of ['# Counting puffins [@island-gazette]', '- Eleven days [@island-gazette].', '> Eleven days [@island-gazette].']) {
      assert.ok(scopesOf(text, 'island-gazette').includes('constant.other.reference.citation.markdown'), text);
    }
  });
});
