/**
 * A small LSP client for tests: spawns the built dist/server.js over stdio and speaks JSON-RPC to
 * it with vscode-languageserver-protocol, playing the part of VS Code (settings, progress,
 * registrations, diagnostic refresh). Waits are on messages, with timeouts, never on sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentLink,
  FileEvent,
  Hover,
  Location,
  Position,
  PublishDiagnosticsParams,
  Range,
  Registration,
  TextEdit,
} from 'vscode-languageserver-protocol';
import type { IndexStatus } from '../../../server/src/protocol/protocol';

export const ROOT = path.resolve(__dirname, '../../..');
/** The server under test; CORROBORATE_SERVER points at another build (e.g. one unpacked from the .vsix). */
export const SERVER = process.env.CORROBORATE_SERVER ?? path.join(ROOT, 'dist/server.js');
export const FIXTURE = path.join(ROOT, 'test/fixtures/workspace');

const TIMEOUT_MS = 20_000;

/** A copy of a fixture folder in a temporary directory, so tests may change it. */
export function copyFixture(from = FIXTURE): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-ws-'));
  cpSync(from, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** The position of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** Applies LSP text edits to a text (LF line breaks; edits of one change do not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const offset = (p: Position) => {
    const lines = text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  // From the end backwards; inserts at the same place keep their order (LSP rule), so the later goes in first.
  const sorted = edits.map((e, i) => ({ e, i, at: offset(e.range.start) })).sort((a, b) => b.at - a.at || b.i - a.i);
  for (const { e } of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

type Waiter<T> = { test: (value: T) => boolean; resolve: (value: T) => void };

/** Remembers every value of a stream and lets a test wait for one that matches. */
class Stream<T> {
  readonly values: T[] = [];
  #waiters: Array<Waiter<T>> = [];

  push(value: T): void {
    this.values.push(value);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.test(value)) return true;
      w.resolve(value);
      return false;
    });
  }

  /** The next value that matches (from now on, or since `from` values ago when given). */
  next(test: (value: T) => boolean, what: string, since = this.values.length): Promise<T> {
    const earlier = this.values.slice(since).find(test);
    if (earlier !== undefined) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), TIMEOUT_MS);
      this.#waiters.push({ test, resolve: (v) => (clearTimeout(timer), resolve(v)) });
    });
  }
}

export interface ClientOptions {
  folders: string[];
  settings?: Record<string, unknown>;
  /** `initializationOptions` of the `initialize` request (VS Code's client sends `storagePath`). */
  initializationOptions?: Record<string, unknown>;
}

export class TestClient {
  readonly status = new Stream<IndexStatus>();
  readonly published = new Stream<PublishDiagnosticsParams>();
  readonly refreshes = new Stream<number>();
  /** `$/progress` values (work-done progress begin, report and end). */
  readonly progress = new Stream<{ kind: string; title?: string; message?: string }>();
  readonly log: string[] = [];
  readonly registrations = new Stream<Registration>();
  /** The `corroborate` settings the client answers `workspace/configuration` with. */
  settings: Record<string, unknown>;
  #versions = new Map<string, number>();
  #texts = new Map<string, string>();

  private constructor(
    private readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: ClientOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (d: Buffer) => client.log.push(`[stderr] ${d}`));
    client.#listen();
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
          diagnostics: { refreshSupport: true },
        },
        textDocument: {
          diagnostic: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          completion: { completionItem: { snippetSupport: false } },
        },
        window: { workDoneProgress: true },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  #listen(): void {
    const c = this.connection;
    c.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'corroborate' ? this.settings : null)),
    );
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      for (const r of params.registrations) this.registrations.push(r);
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes.push(Date.now());
      return null;
    });
    c.onNotification('corroborate/indexStatus', (s: IndexStatus) => this.status.push(s));
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.published.push(p));
    c.onNotification('window/logMessage', (m: { message: string }) => {
      this.log.push(m.message);
    });
    c.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string } }) => this.progress.push(p.value));
  }

  /** Resolves with the first status after `since` (a `status.values.length`) that is ready. */
  ready(since = 0): Promise<IndexStatus> {
    return this.status.next((s) => s.state === 'ready', 'the index to be ready', since);
  }

  open(file: string, text: string, languageId = 'markdown'): string {
    const uri = uriOf(file);
    this.#versions.set(uri, 1);
    this.#texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  change(uri: string, text: string): void {
    const version = (this.#versions.get(uri) ?? 0) + 1;
    this.#versions.set(uri, version);
    this.#texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.#texts.get(uri) ?? '';
  }

  /** Applies a code action's edit to the open document, as the editor would. */
  apply(action: CodeAction): string {
    const [uri, edits] = Object.entries(action.edit?.changes ?? {})[0];
    const text = applyEdits(this.text(uri), edits);
    this.change(uri, text);
    return text;
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report: DocumentDiagnosticReport = await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    return report.kind === 'full' ? report.items : [];
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  completion(uri: string, position: Position): Promise<CompletionItem[]> {
    return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  definition(uri: string, position: Position): Promise<Location[]> {
    return this.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position });
  }

  documentLinks(uri: string): Promise<DocumentLink[]> {
    return this.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } });
  }

  /** Tells the server that files changed on disk, as VS Code's file watcher would. */
  filesChanged(changes: FileEvent[]): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  configurationChanged(settings: Record<string, unknown>): void {
    this.settings = settings;
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  request<R>(method: string, params: unknown = {}): Promise<R> {
    return this.connection.sendRequest(method, params);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    await exited;
    this.connection.dispose();
  }
}
