import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CorroborateApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'corroborate.corroborate';
/** How long to wait for a signal before a test fails (the mocha timeout per test is 60 s). */
const WAIT_MS = 30_000;

/** Activates the extension (if it is not yet) and returns its test API. */
export async function extensionApi(): Promise<CorroborateApi> {
  const ext = vscode.extensions.getExtension<CorroborateApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/**
 * Resolves with the first truthy value of `probe`, checked now and after every event of
 * `events`: the tests wait on real signals, never on fixed sleeps. Rejects after `ms` with
 * `describe()` of the last state, so that a failure says what was there instead.
 */
export function waitFor<T>(what: string, probe: () => T | undefined | null | false, events: vscode.Event<unknown>[], describe?: () => string, ms = WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (f: () => void) => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      f();
    };
    const check = () => {
      let value: T | undefined | null | false;
      try {
        value = probe();
      } catch (e) {
        finish(() => reject(e));
        return;
      }
      if (value) finish(() => resolve(value as T));
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}${describe ? `; last state: ${describe()}` : ''}`))), ms);
    for (const e of events) subscriptions.push(e(check));
    check();
  });
}

/** Corroborate's diagnostics of a file, as the Problems panel lists them. */
export function corroborateDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'corroborate');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function summary(uri: vscode.Uri): string {
  const diags = corroborateDiagnostics(uri);
  return diags.length === 0 ? 'no diagnostics' : diags.map((d) => `${d.range.start.line + 1}:${codeOf(d)}:${vscode.DiagnosticSeverity[d.severity]}`).join(', ');
}

/** Waits until the file's Corroborate diagnostics satisfy `ok`. */
export function waitForDiagnostics(uri: vscode.Uri, what: string, ok: (diags: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} in ${vscode.workspace.asRelativePath(uri)}`,
    () => {
      const diags = corroborateDiagnostics(uri);
      return ok(diags) && diags;
    },
    [vscode.languages.onDidChangeDiagnostics],
    () => summary(uri),
  );
}

/** The diagnostic of `code` on the line that contains `lineText`, once it is there. */
export async function waitForFinding(doc: vscode.TextDocument, code: string, lineText: string): Promise<vscode.Diagnostic> {
  const line = lineOf(doc, lineText);
  const diags = await waitForDiagnostics(doc.uri, `${code} on line ${line + 1}`, (ds) => ds.some((d) => codeOf(d) === code && d.range.start.line === line));
  return diags.find((d) => codeOf(d) === code && d.range.start.line === line)!;
}

/** Waits until no diagnostic is left on the line that contains `lineText` (optionally: of `code`). */
export function waitForNoFinding(doc: vscode.TextDocument, lineText: string, code?: string): Promise<vscode.Diagnostic[]> {
  const line = lineOf(doc, lineText);
  return waitForDiagnostics(doc.uri, `no ${code ?? 'finding'} on line ${line + 1}`, (ds) => !ds.some((d) => d.range.start.line === line && (code === undefined || codeOf(d) === code)));
}

export async function openDraft(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

export function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(text)) return i;
  assert.fail(`no line of ${vscode.workspace.asRelativePath(doc.uri)} contains ${JSON.stringify(text)}`);
}

/** Position of the `at`-th character of the first occurrence of `text`. */
export function positionOf(doc: vscode.TextDocument, text: string, at = 0): vscode.Position {
  const offset = doc.getText().indexOf(text);
  assert.ok(offset >= 0, `${vscode.workspace.asRelativePath(doc.uri)} contains ${JSON.stringify(text)}`);
  return doc.positionAt(offset + at);
}

export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
}

export function findAction(actions: vscode.CodeAction[], title: string): vscode.CodeAction {
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `quick fix ${JSON.stringify(title)} among ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}

/** Applies a quick fix's edit as the light bulb does, saves the draft and returns the text on disk. */
export async function applyAndSave(action: vscode.CodeAction, doc: vscode.TextDocument): Promise<string> {
  assert.ok(action.edit, `quick fix ${JSON.stringify(action.title)} has an edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `applying ${JSON.stringify(action.title)}`);
  assert.equal(await doc.save(), true, `saving ${vscode.workspace.asRelativePath(doc.uri)}`);
  return readDisk(doc.uri);
}

export async function readDisk(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeDisk(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Changes a `corroborate.*` setting of the workspace folder, as the Settings editor does. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('corroborate', workspaceUri('')).update(key, value, vscode.ConfigurationTarget.Workspace);
}
