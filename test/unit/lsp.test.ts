import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import type { CheckWorkspaceResult } from '../../server/src/protocol/protocol';
import { copyFixture, messageOf, positionOf, SERVER, TestClient, uriOf } from './support/lspClient';

/**
 * The built language server end to end, over stdio, on test/fixtures/workspace:
 * drafts/census.md has a supported sentence, a figure two sources contradict, an unsupported
 * sentence, a correct citation and a citation of a misspelt source id.
 */
describe('language server: a draft', { timeout: 120_000 }, () => {
  let ws: ReturnType<typeof copyFixture>;
  let client: TestClient;
  let uri: string;
  let text: string;
  const gazette = () => path.join(ws.dir, 'sources/island-gazette.txt');
  const trust = () => path.join(ws.dir, 'sources/trust-report.md');
  const hoverText = async (needle: string, delta = 0) => {
    const hover = await client.hover(uri, positionOf(client.text(uri), needle, delta));
    assert.ok(hover, `a hover on "${needle}"`);
    return (hover.contents as MarkupContent).value;
  };
  const byCode = (diagnostics: Diagnostic[], code: string) => {
    const found = diagnostics.filter((d) => d.code === code);
    assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    return found[0];
  };
  const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle));

  before(async () => {
    ws = copyFixture();
    client = await TestClient.start({ folders: [ws.dir] });
    const status = await client.ready();
    assert.equal(status.sources, 2);
    assert.ok(status.passages >= 8, `passages: ${status.passages}`);
    text = readFileSync(path.join(ws.dir, 'drafts/census.md'), 'utf8');
    uri = client.open(path.join(ws.dir, 'drafts/census.md'), text);
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  test('diagnostics: codes, ranges, severities, related information', async () => {
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['citation.unknown', 'conflict.number', 'unsupported']);
    for (const d of diagnostics) assert.equal(d.source, 'corroborate');

    const conflict = byCode(diagnostics, 'conflict.number');
    assert.deepEqual(conflict.range, { start: positionOf(text, 'The census counted'), end: positionOf(text, 'on Kessel Island.', 'on Kessel Island.'.length) });
    assert.equal(conflict.severity, 2);
    assert.match(messageOf(conflict), /412 \(island-gazette\)/);
    assert.match(messageOf(conflict), /480/);
    const related = conflict.relatedInformation ?? [];
    const gazetteInfo = related.find((r) => r.location.uri === uriOf(gazette()));
    const trustInfo = related.find((r) => r.location.uri === uriOf(trust()));
    assert.ok(gazetteInfo && trustInfo, JSON.stringify(related));
    assert.equal(gazetteInfo.location.range.start.line, lineOf(gazette(), 'counted 412 breeding pairs'));
    assert.equal(trustInfo.location.range.start.line, lineOf(trust(), 'about 400 breeding pairs'));
    assert.match(gazetteInfo.message, /412 breeding pairs/);

    const unsupported = byCode(diagnostics, 'unsupported');
    assert.equal(unsupported.range.start.line, positionOf(text, 'The island\'s lighthouse').line);
    assert.equal(unsupported.severity, 3);

    const unknown = byCode(diagnostics, 'citation.unknown');
    assert.deepEqual(unknown.range, { start: positionOf(text, '@island-gazete'), end: positionOf(text, '@island-gazete', '@island-gazete'.length) });
    assert.match(messageOf(unknown), /Did you mean @island-gazette\?/);
  });

  test('an unchanged document and index give an "unchanged" report', async () => {
    const first = await client.pull(uri);
    assert.equal(first.kind, 'full');
    const second = await client.pull(uri, first.resultId);
    assert.equal(second.kind, 'unchanged');
  });

  test('hover on a figure lists every value per source', async () => {
    const value = await hoverText('480');
    assert.match(value, /\*\*480\*\* in the draft/);
    assert.match(value, /412 — \[island-gazette, line \d+\]\(file:[^)]*island-gazette\.txt#L\d+,\d+\)/);
    assert.match(value, /about 400 — \[trust-report, line \d+\]/);
    assert.match(value, /Conflicts with the sources/);
  });

  test('hover on a claim shows the verdict and the quoted evidence with its source', async () => {
    const value = await hoverText('Harlow Birding Club');
    assert.match(value, /Supported/);
    assert.match(value, /> “Volunteers from the Harlow Birding Club spent eleven days on the island in June, walking every cliff path twice\.”/);
    assert.match(value, /\*The Island Gazette\* · 2024-07-12/);
    const line = lineOf(gazette(), 'Volunteers from the Harlow');
    assert.ok(value.includes(`island-gazette.txt#L${line + 1},1)`), value);
  });

  test('hover on a citation shows the source and the passage that supports the sentence', async () => {
    const value = await hoverText('@trust-report', 2);
    assert.match(value, /\*\*@trust-report\*\* — \*Kessel Island Trust: annual report 2023\* · Kessel Island Trust · 2024-03-01/);
    assert.match(value, /States the sentence:/);
    assert.match(value, /The trust spent 85,000 euros on removing invasive rats from Kessel Island in 2023\./);
  });

  test('hover on an unknown citation key suggests the id it may be a typo of', async () => {
    const value = await hoverText('@island-gazete', 3);
    assert.match(value, /no source has this id/);
    assert.match(value, /`@island-gazette`/);
  });

  test('completion after "[@" offers every source id with title and date', async () => {
    const scratch = client.open(path.join(ws.dir, 'drafts/scratch.md'), 'Puffins came back [@tr');
    const items = await client.completion(scratch, { line: 0, character: 22 });
    assert.deepEqual(items.map((i) => i.label).sort(), ['island-gazette', 'trust-report']);
    const report = items.find((i) => i.label === 'trust-report')!;
    assert.equal(report.detail, 'Kessel Island Trust: annual report 2023 · 2024-03-01');
    assert.deepEqual(report.textEdit, { range: { start: { line: 0, character: 20 }, end: { line: 0, character: 22 } }, newText: 'trust-report' });
    assert.deepEqual(await client.completion(scratch, { line: 0, character: 7 }), [], 'no completion outside a citation');
    client.close(scratch);
  });

  test('definition on a citation key opens the source at the cited passage', async () => {
    const locations = await client.definition(uri, positionOf(text, '@trust-report', 4));
    assert.equal(locations.length, 1);
    assert.equal(locations[0].uri, uriOf(trust()));
    assert.equal(locations[0].range.start.line, lineOf(trust(), 'The trust spent 85,000 euros'));
    assert.deepEqual(await client.definition(uri, positionOf(text, '@island-gazete', 2)), [], 'an unknown key leads nowhere');
  });

  test('document links on citation keys', async () => {
    const links = await client.documentLinks(uri);
    assert.equal(links.length, 1);
    assert.deepEqual(links[0].range.start, positionOf(text, '@trust-report'));
    assert.equal(links[0].target, `${uriOf(trust())}#L${lineOf(trust(), 'The trust spent 85,000') + 1},1`);
  });

  describe('code actions', () => {
    let diagnostics: Diagnostic[];
    const actionsOn = async (needle: string, onlyDiagnostics: Diagnostic[] = []) => {
      const at = positionOf(client.text(uri), needle);
      return client.codeActions(uri, { start: at, end: at }, onlyDiagnostics);
    };
    const titled = (actions: CodeAction[], title: string) => {
      const action = actions.find((a) => a.title === title);
      assert.ok(action, `"${title}" in ${JSON.stringify(actions.map((a) => a.title))}`);
      return action;
    };
    /** Applies an action, checks the edited text, then puts the draft back. */
    const tryAction = async (action: CodeAction, check: (edited: string) => void | Promise<void>) => {
      const edited = client.apply(action);
      try {
        await check(edited);
      } finally {
        client.change(uri, text);
      }
    };
    const withStyle = (style: string) => client.configurationChanged({ citation: { style } });

    before(async () => {
      diagnostics = await client.diagnostics(uri);
    });
    after(() => withStyle('pandoc'));

    test('Replace 480 with 412 (island-gazette) fixes the figure', async () => {
      const conflict = byCode(diagnostics, 'conflict.number');
      const replace = titled(await actionsOn('480', [conflict]), 'Replace 480 with 412 (island-gazette)');
      assert.equal(replace.isPreferred, true);
      assert.deepEqual(replace.diagnostics, [conflict]);
      assert.deepEqual(replace.edit?.changes?.[uri], [{ range: { start: positionOf(text, '480'), end: positionOf(text, '480', 3) }, newText: '412' }]);
      await tryAction(replace, async (edited) => {
        assert.match(edited, /The census counted 412 breeding pairs/);
        const after = await client.diagnostics(uri);
        assert.ok(!after.some((d) => d.code === 'conflict.number'), JSON.stringify(after));
      });
    });

    test('Ignore this claim puts a directive on the line before, and the finding goes', async () => {
      const unsupported = byCode(diagnostics, 'unsupported');
      const ignore = titled(await actionsOn('lighthouse', [unsupported]), 'Ignore this claim');
      const line = positionOf(text, "The island's lighthouse").line;
      assert.deepEqual(ignore.edit?.changes?.[uri], [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: '<!-- corroborate-disable-next-line -->\n' }]);
      await tryAction(ignore, async () => {
        const after = await client.diagnostics(uri);
        assert.deepEqual(after.map((d) => d.code).sort(), ['citation.unknown', 'conflict.number']);
      });
    });

    test('Ignore in this file puts a directive after the front matter, and every finding goes', async () => {
      const ignore = titled(await actionsOn('lighthouse', [byCode(diagnostics, 'unsupported')]), 'Ignore in this file');
      const afterFrontMatter = positionOf(text, '\n# Puffins', 0);
      assert.deepEqual(ignore.edit?.changes?.[uri], [{ range: { start: afterFrontMatter, end: afterFrontMatter }, newText: '<!-- corroborate-disable-file -->\n' }]);
      await tryAction(ignore, async (edited) => {
        assert.ok(edited.startsWith('---\ntitle: Kessel Island puffins\n---\n<!-- corroborate-disable-file -->\n'), edited.slice(0, 120));
        assert.deepEqual(await client.diagnostics(uri), []);
      });
    });

    test('Change a misspelt citation key to the source id', async () => {
      const unknown = byCode(diagnostics, 'citation.unknown');
      const change = titled(await actionsOn('@island-gazete', [unknown]), 'Change @island-gazete to @island-gazette');
      await tryAction(change, (edited) => assert.match(edited, /fifteen years \[@island-gazette\]\./));
    });

    test('Cite in Pandoc style inserts [@id] before the full stop', async () => {
      await withStyle('pandoc');
      const cite = titled(await actionsOn('Harlow Birding Club'), 'Cite island-gazette');
      await tryAction(cite, async (edited) => {
        assert.match(edited, /\nVolunteers from the Harlow Birding Club spent eleven days on the island in June \[@island-gazette\]\.\n/);
      });
    });

    test('Cite in footnote style numbers after existing footnotes and defines the note at the end', async () => {
      await withStyle('footnote');
      const withNote = text.replace('in 1871.', 'in 1871.[^2]') + '\n[^2]: A note of the author.\n';
      client.change(uri, withNote);
      await client.diagnostics(uri);
      const cite = titled(await actionsOn('The ferry to the island'), 'Cite trust-report');
      const edited = client.apply(cite);
      try {
        assert.match(edited, /between May and September\.\[\^3\]\n/);
        assert.ok(
          edited.endsWith('[^2]: A note of the author.\n[^3]: Kessel Island Trust: annual report 2023. Kessel Island Trust, 2024-03-01. <https://kessel-trust.example/reports/2023>\n'),
          edited.slice(-250),
        );
      } finally {
        client.change(uri, text);
      }
      await client.diagnostics(uri);
      const plain = titled(await actionsOn('Harlow Birding Club'), 'Cite island-gazette');
      await tryAction(plain, (edited2) => {
        assert.match(edited2, /in June\.\[\^1\]\n/);
        assert.ok(edited2.endsWith('fifteen years [@island-gazete].\n\n[^1]: The Island Gazette. 2024-07-12. [../sources/island-gazette.txt](../sources/island-gazette.txt)\n'), edited2.slice(-200));
      });
    });

    test('Cite in link style links the URL, or the file relative to the draft', async () => {
      await withStyle('link');
      await client.diagnostics(uri);
      const byUrl = titled(await actionsOn('The ferry to the island'), 'Cite trust-report');
      await tryAction(byUrl, (edited) =>
        assert.match(edited, /between May and September \(\[Kessel Island Trust: annual report 2023\]\(https:\/\/kessel-trust\.example\/reports\/2023\)\)\.\n/),
      );
      await client.diagnostics(uri);
      const byFile = titled(await actionsOn('Harlow Birding Club'), 'Cite island-gazette');
      await tryAction(byFile, (edited) => assert.match(edited, /in June \(\[The Island Gazette\]\(\.\.\/sources\/island-gazette\.txt\)\)\.\n/));
    });
  });

  test('a source opened in the editor is not checked as a draft', async () => {
    const source = client.open(gazette(), readFileSync(gazette(), 'utf8'), 'plaintext');
    assert.deepEqual(await client.diagnostics(source), []);
    client.close(source);
  });

  test('Check all drafts publishes the findings of drafts that are not open', async () => {
    const since = client.published.values.length;
    const result = await client.request<CheckWorkspaceResult>('corroborate/checkWorkspace');
    assert.equal(result.drafts, 2);
    assert.ok(result.diagnostics >= 4, JSON.stringify(result));
    const fieldwork = uriOf(path.join(ws.dir, 'drafts/fieldwork.md'));
    const published = await client.published.next((p) => p.uri === fieldwork, 'diagnostics of fieldwork.md', since);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['conflict.number']);
    assert.match(messageOf(published.diagnostics[0]), /eleven \(island-gazette\)/);
    assert.ok(!client.published.values.slice(since).some((p) => p.uri === uri), 'open drafts keep their pulled diagnostics');
  });
});

describe('language server: over node IPC, as VS Code starts it', { timeout: 60_000 }, () => {
  test('initializes, indexes and shuts down', async () => {
    const { fork } = await import('node:child_process');
    const { createProtocolConnection, IPCMessageReader, IPCMessageWriter } = await import('vscode-languageserver-protocol/node');
    const ws = copyFixture();
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    try {
      const ready = new Promise<void>((resolve) =>
        connection.onNotification('corroborate/indexStatus', (s: { state: string; sources: number }) => {
          if (s.state === 'ready' && s.sources === 2) resolve();
        }),
      );
      connection.listen();
      const init = await connection.sendRequest<{ capabilities: { diagnosticProvider?: unknown; hoverProvider?: boolean } }>('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: [{ uri: uriOf(ws.dir), name: 'ws' }],
        capabilities: {},
      });
      assert.ok(init.capabilities.diagnosticProvider);
      assert.equal(init.capabilities.hoverProvider, true);
      await connection.sendNotification('initialized', {});
      await ready;
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
      ws.remove();
    }
  });
});
