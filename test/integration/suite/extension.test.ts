// Integration tests of the Corroborate extension inside a real VS Code extension host, on a
// temporary copy of test/fixtures/e2e-workspace (the tests edit and save its drafts). They run
// in order: later tests build on the edits of earlier ones. Every wait is on a real signal
// (the extension's API, diagnostics events, configuration events), never a fixed sleep.
import * as assert from 'node:assert/strict';
import { setup, suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import {
  applyAndSave,
  codeOf,
  corroborateDiagnostics,
  extensionApi,
  findAction,
  hoverText,
  lineOf,
  openDraft,
  positionOf,
  quickFixes,
  readDisk,
  setSetting,
  summary,
  waitFor,
  waitForDiagnostics,
  waitForFinding,
  waitForNoFinding,
  workspaceUri,
  writeDisk,
} from './helpers';

const W = vscode.DiagnosticSeverity.Warning;
const I = vscode.DiagnosticSeverity.Information;
const E = vscode.DiagnosticSeverity.Error;

const CENSUS_EXPECTED: Array<[string, string, vscode.DiagnosticSeverity]> = [
  ['counted 480 breeding pairs', 'conflict.number', W],
  ['first lit in 1871', 'unsupported', I],
  ['[@island-gazete]', 'citation.unknown', W],
];
const KINDS_EXPECTED: Array<[string, string, vscode.DiagnosticSeverity]> = [
  ['counts began in 2005', 'conflict.date', W],
  ['on the southern shore', 'conflict.entity', W],
  ['did not follow', 'conflict.negation', W],
  ['The burrows are empty again', 'conflict.quote', W],
  ['September [@island-gazette]', 'citation.mismatch', W],
];

function expectedPresent(doc: vscode.TextDocument, expected: Array<[string, string, vscode.DiagnosticSeverity]>) {
  return (diags: vscode.Diagnostic[]) => expected.every(([text, code]) => diags.some((d) => codeOf(d) === code && d.range.start.line === lineOf(doc, text)));
}

suite('Corroborate in VS Code', () => {
  let census: vscode.TextDocument;
  let kinds: vscode.TextDocument;

  suiteSetup(async () => {
    // Start from a clean editor: no settings left over, nothing open.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    console.log(`VS Code ${vscode.version}, workspace ${vscode.workspace.workspaceFolders?.[0]?.uri.toString()}`);
  });

  // Once the language server is down, every later test would wait out its timeouts: fail fast.
  // (A failing hook ends the suite; it counts as a failure, never as a skip.)
  setup(async function () {
    if (this.currentTest?.title.startsWith('activates')) return;
    assert.equal((await extensionApi()).client.isRunning(), true, 'the Corroborate language server is running');
  });

  suiteTeardown(async () => {
    // The *Check all drafts* notification waits for a click; close it so nothing is left pending.
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  test('activates on a Markdown draft and finishes indexing the sources', async () => {
    census = await openDraft('drafts/census.md');
    const api = await extensionApi();
    await api.whenIndexed();
    assert.equal(api.client.isRunning(), true, 'the language client is running');
    assert.ok(vscode.extensions.getExtension('corroborate.corroborate')?.isActive, 'the extension is active');
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['corroborate.reindex', 'corroborate.checkWorkspace', 'corroborate.showOutput']) assert.ok(commands.includes(c), `command ${c} is registered`);
  });

  test('lists a diagnostic of each kind in the Problems list, with the default severities', async () => {
    kinds = await openDraft('drafts/kinds.md');
    for (const [doc, expected] of [
      [census, CENSUS_EXPECTED],
      [kinds, KINDS_EXPECTED],
    ] as const) {
      const diags = await waitForDiagnostics(doc.uri, 'a diagnostic of each expected kind', expectedPresent(doc, expected));
      const got = diags.map((d) => `${d.range.start.line}:${codeOf(d)}:${d.severity}`).sort();
      const want = expected.map(([text, code, severity]) => `${lineOf(doc, text)}:${code}:${severity}`).sort();
      assert.deepEqual(got, want, `diagnostics of ${vscode.workspace.asRelativePath(doc.uri)}: ${summary(doc.uri)}`);
    }
    const conflict = corroborateDiagnostics(census.uri).find((d) => codeOf(d) === 'conflict.number')!;
    assert.match(conflict.message, /412 \(island-gazette\).*about 400 \(trust-report\).*480/);
    assert.deepEqual(conflict.range, census.lineAt(conflict.range.start.line).range, 'a conflict underlines its whole sentence');
    const related = conflict.relatedInformation ?? [];
    assert.ok(
      related.some((r) => r.location.uri.path.endsWith('/sources/island-gazette.txt') && r.message.includes('counted 412 breeding pairs')),
      `related information quotes the gazette: ${JSON.stringify(related.map((r) => r.message))}`,
    );
    const unknown = corroborateDiagnostics(census.uri).find((d) => codeOf(d) === 'citation.unknown')!;
    assert.equal(census.getText(unknown.range), '@island-gazete', 'an unknown key underlines the key');
  });

  test('hover on a conflicting figure shows the values and quotes of the sources', async () => {
    const text = await hoverText(census.uri, positionOf(census, '480', 1));
    assert.match(text, /\*\*480\*\* in the draft/);
    assert.match(text, /412 — .*island-gazette/);
    assert.match(text, /about 400 — .*trust-report/);
    assert.match(text, /Conflicts with the sources/);
    assert.match(text, /“KESSEL ISLAND — The seabird census completed this summer counted 412 breeding pairs/);
  });

  test('hover on a citation key shows the cited passage, and on an unknown key a suggestion', async () => {
    const cited = await hoverText(census.uri, positionOf(census, '@trust-report', 3));
    assert.match(cited, /\*\*@trust-report\*\*/);
    assert.match(cited, /Kessel Island Trust/);
    assert.match(cited, /States the sentence/);
    assert.match(cited, /“The trust spent 85,000 euros on removing invasive rats from Kessel Island in 2023\.”/);
    const unknown = await hoverText(census.uri, positionOf(census, '@island-gazete', 3));
    assert.match(unknown, /no source has this id/);
    assert.match(unknown, /`@island-gazette`/);
  });

  test('go to definition on a citation key opens the cited passage in the source', async () => {
    const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', census.uri, positionOf(census, '@trust-report', 2));
    assert.equal(result.length, 1, `one definition: ${JSON.stringify(result)}`);
    const loc = result[0];
    const uri = 'targetUri' in loc ? loc.targetUri : loc.uri;
    const range = 'targetUri' in loc ? (loc.targetSelectionRange ?? loc.targetRange) : loc.range;
    assert.ok(uri.path.endsWith('/sources/trust-report.md'), uri.toString());
    const source = await vscode.workspace.openTextDocument(uri);
    assert.match(source.getText(range), /^The trust spent 85,000 euros/);
  });

  test('completes source ids after "[@"', async () => {
    const uri = workspaceUri('drafts/completion.md');
    await writeDisk(uri, 'Puffins nest in burrows on the cliffs [@\n');
    const doc = await openDraft('drafts/completion.md');
    const position = doc.lineAt(0).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, '@');
    const items = list.items.filter((i) => ['harbour-history', 'island-gazette', 'trust-report'].includes(typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).sort(), ['harbour-history', 'island-gazette', 'trust-report']);
    const trust = items.find((i) => i.label === 'trust-report')!;
    assert.match(String(trust.detail), /Kessel Island Trust: annual report 2023 · 2024-03-01/);
    // Accept it as the suggest widget does.
    const edit = new vscode.WorkspaceEdit();
    const range = trust.range instanceof vscode.Range ? trust.range : (trust.range?.replacing ?? new vscode.Range(position, position));
    edit.replace(uri, range, typeof trust.insertText === 'string' ? trust.insertText : 'trust-report');
    await vscode.workspace.applyEdit(edit);
    assert.equal(doc.lineAt(0).text, 'Puffins nest in burrows on the cliffs [@trust-report');
    await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('"Check all drafts" reports drafts that are not open', async () => {
    const fieldwork = workspaceUri('drafts/fieldwork.md');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === fieldwork.toString()), 'fieldwork.md is not open');
    assert.equal(corroborateDiagnostics(fieldwork).length, 0, 'no diagnostics before the command');
    // The command ends with a notification that waits for a click, so it is not awaited here.
    void vscode.commands.executeCommand('corroborate.checkWorkspace');
    const diags = await waitForDiagnostics(fieldwork, 'the conflict of the closed draft', (ds) => ds.some((d) => codeOf(d) === 'conflict.number'));
    assert.match(diags.find((d) => codeOf(d) === 'conflict.number')!.message, /eleven \(island-gazette\).*nine/);
  });

  test('quick fix: replace a conflicting figure with the source\'s value', async () => {
    const d = await waitForFinding(census, 'conflict.number', 'counted 480');
    const fix = findAction(await quickFixes(census.uri, d.range), 'Replace 480 with 412 (island-gazette)');
    assert.equal(fix.isPreferred, true);
    assert.match(await applyAndSave(fix, census), /The census counted 412 breeding pairs of puffins on Kessel Island\./);
    await waitForNoFinding(census, 'counted 412');
  });

  test('quick fix: replace a conflicting name (entity)', async () => {
    const d = await waitForFinding(kinds, 'conflict.entity', 'southern shore');
    const fix = findAction(await quickFixes(kinds.uri, d.range), 'Replace southern with northern (harbour-history)');
    assert.match(await applyAndSave(fix, kinds), /The stone pier on the northern shore/);
    await waitForNoFinding(kinds, 'northern shore');
  });

  test('quick fix: correct an unknown citation key', async () => {
    const d = await waitForFinding(census, 'citation.unknown', '[@island-gazete]');
    const fix = findAction(await quickFixes(census.uri, d.range), 'Change @island-gazete to @island-gazette');
    assert.match(await applyAndSave(fix, census), /for fifteen years \[@island-gazette\]\./);
    await waitForNoFinding(census, '[@island-gazette]');
  });

  test('quick fix: cite the source of a supported sentence', async () => {
    const line = census.lineAt(lineOf(census, 'The ferry to the island'));
    assert.equal(corroborateDiagnostics(census.uri).filter((d) => d.range.start.line === line.lineNumber).length, 0, 'a supported sentence has no diagnostic');
    const fix = findAction(await quickFixes(census.uri, line.range), 'Cite trust-report');
    assert.match(await applyAndSave(fix, census), /^The ferry to the island runs twice a week between May and September \[@trust-report\]\.$/m);
  });

  test('quick fix: cite the source that states a sentence citing the wrong one', async () => {
    const d = await waitForFinding(kinds, 'citation.mismatch', 'September [@island-gazette]');
    const fix = findAction(await quickFixes(kinds.uri, d.range), 'Cite trust-report');
    assert.match(await applyAndSave(fix, kinds), /between May and September \[@island-gazette; @trust-report\]\./);
    await waitForNoFinding(kinds, '@trust-report]');
  });

  test('quick fix: ignore one claim', async () => {
    const d = await waitForFinding(kinds, 'conflict.negation', 'did not follow');
    const fix = findAction(await quickFixes(kinds.uri, d.range), 'Ignore this claim');
    assert.match(await applyAndSave(fix, kinds), /<!-- corroborate-disable-next-line -->\nLindqvist said the recovery did not follow/);
    await waitForNoFinding(kinds, 'did not follow');
    // The other findings of the file stay.
    assert.ok(corroborateDiagnostics(kinds.uri).some((d) => codeOf(d) === 'conflict.quote'), summary(kinds.uri));
  });

  test('quick fix: ignore a whole file', async () => {
    const fieldwork = await openDraft('drafts/fieldwork.md');
    const d = await waitForFinding(fieldwork, 'conflict.number', 'nine days');
    const fix = findAction(await quickFixes(fieldwork.uri, d.range), 'Ignore in this file');
    assert.match(await applyAndSave(fix, fieldwork), /^<!-- corroborate-disable-file -->\n# Fieldwork diary/);
    await waitForDiagnostics(fieldwork.uri, 'no diagnostics', (ds) => ds.length === 0);
  });

  test('a changed severity setting takes effect without a restart', async () => {
    const conflicts = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d).startsWith('conflict.'));
    assert.deepEqual(conflicts(corroborateDiagnostics(kinds.uri)).map((d) => d.severity), [W, W], summary(kinds.uri));
    try {
      await setSetting('severity.conflict', 'error');
      await waitForDiagnostics(kinds.uri, 'conflicts shown as errors', (ds) => conflicts(ds).length === 2 && conflicts(ds).every((d) => d.severity === E));
      await setSetting('severity.conflict', 'off');
      await waitForDiagnostics(kinds.uri, 'conflicts hidden', (ds) => conflicts(ds).length === 0);
    } finally {
      await setSetting('severity.conflict', undefined);
    }
    await waitForDiagnostics(kinds.uri, 'conflicts back as warnings', (ds) => conflicts(ds).length === 2 && conflicts(ds).every((d) => d.severity === W));
  });

  test('a changed citation style takes effect without a restart', async () => {
    const line = census.lineAt(lineOf(census, 'spent eleven days'));
    const styleIs = (style: string) =>
      waitFor(`corroborate.citation.style = ${style}`, () => vscode.workspace.getConfiguration('corroborate', census.uri).get('citation.style') === style, [vscode.workspace.onDidChangeConfiguration]);
    try {
      await setSetting('citation.style', 'footnote');
      await styleIs('footnote');
      const fix = findAction(await quickFixes(census.uri, line.range), 'Cite island-gazette');
      const text = await applyAndSave(fix, census);
      assert.match(text, /spent eleven days on the island in June\.\[\^1\]\n/);
      assert.match(text, /\n\n\[\^1\]: .+\n$/);
    } finally {
      await setSetting('citation.style', undefined);
    }
    await styleIs('pandoc');
    const unsupported = census.lineAt(lineOf(census, 'first lit in 1871'));
    const actions = await quickFixes(census.uri, unsupported.range);
    assert.ok(!actions.some((a) => a.title.startsWith('Cite')), 'no source to cite for an unsupported claim');
  });

  test('a source added while running is indexed and used', async () => {
    const api = await extensionApi();
    await waitForFinding(census, 'unsupported', 'first lit in 1871');
    await writeDisk(
      workspaceUri('sources/lighthouse.md'),
      '---\ntitle: The Kessel lighthouse\n---\n\nThe island\'s lighthouse was designed by a Norwegian engineer and first lit in 1871.\n',
    );
    await waitForNoFinding(census, 'first lit in 1871');
    await api.whenIndexed();
    const hover = await hoverText(census.uri, positionOf(census, 'lighthouse was designed'));
    assert.match(hover, /Supported/);
    assert.match(hover, /lighthouse/);
  });

  test('"Reindex sources" re-reads the sources', async () => {
    await vscode.commands.executeCommand('corroborate.reindex');
    const api = await extensionApi();
    await api.whenIndexed();
    assert.equal(api.client.isRunning(), true);
    // The findings are the same after a reindex.
    await waitForFinding(kinds, 'conflict.date', 'counts began in 2005');
  });
});
