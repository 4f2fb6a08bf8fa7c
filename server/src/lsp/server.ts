import * as path from 'node:path';
import { DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult, type WorkspaceFolder } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckWorkspaceRequest, ReindexRequest } from '../protocol/protocol';
import { SETTINGS_SECTION } from '../protocol/settings';
import type { ServerContext } from './context';
import { DraftAnalyzer } from './drafts';
import { registerCitationLinks } from './features/citationLinks';
import { registerCodeActions } from './features/codeActions';
import { registerCompletion } from './features/completion';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { PushDiagnostics } from './features/pushDiagnostics';
import { WorkspaceCheck } from './features/workspaceCheck';
import { connectionLogger } from './logger';
import { SettingsStore } from './settingsStore';
import { SourceProblemDiagnostics } from './sourceProblems';
import { SourceWatcher } from './sourceWatcher';
import { pathToUri, uriToPath } from './uris';
import { WorkspaceIndex } from './workspaceIndex';

declare const CORROBORATE_VERSION: string | undefined;

/** Wires the Corroborate features to an LSP connection and starts listening. */
export function startServer(connection: Connection): void {
  const logger = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  let initialFolders: WorkspaceFolder[] = [];
  let canRefresh = false;
  let dynamicWatchers = false;
  let dynamicConfiguration = false;
  let relativePatterns = false;
  let configurationRequests = false;
  let folderEvents = false;
  let pullDiagnostics = false;
  let storagePath: string | undefined;

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    canRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
    dynamicWatchers = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    relativePatterns = caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    configurationRequests = caps.workspace?.configuration === true;
    folderEvents = caps.workspace?.workspaceFolders === true;
    pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
    // The client's workspace storage, where persisted indexes are kept (else the OS temp folder).
    const options = params.initializationOptions as { storagePath?: unknown } | undefined;
    storagePath = typeof options?.storagePath === 'string' && options.storagePath !== '' ? options.storagePath : undefined;
    const root = params.rootUri ?? (params.rootPath ? pathToUri(params.rootPath) : undefined);
    initialFolders = params.workspaceFolders ?? (root ? [{ uri: root, name: path.basename(uriToPath(root) ?? root) }] : []);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { identifier: 'corroborate', interFileDependencies: false, workspaceDiagnostics: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        completionProvider: { triggerCharacters: ['@'] },
        definitionProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'corroborate', version: typeof CORROBORATE_VERSION === 'string' ? CORROBORATE_VERSION : undefined },
    };
  });

  connection.onInitialized(() => {
    const settings = new SettingsStore(connection, logger, configurationRequests);
    const index = new WorkspaceIndex(connection, logger, (uri) => settings.get(uri), storagePath);
    const analyzer = new DraftAnalyzer(index, logger);
    const context: ServerContext = { connection, documents, index, analyzer, settings, logger };
    const problems = new SourceProblemDiagnostics(connection, index);
    const workspaceCheck = new WorkspaceCheck(context);
    const watcher = dynamicWatchers ? new SourceWatcher(connection, index, logger, relativePatterns) : undefined;
    if (!watcher) logger.warn('The client cannot watch files for the server; run "Corroborate: Reindex sources" after changing sources.');

    registerDiagnostics(context);
    // Clients that cannot pull diagnostics get them published (Neovim < 0.10, eglot, …).
    const push = pullDiagnostics ? undefined : new PushDiagnostics(context);
    if (push) documents.onDidChangeContent((e) => push.schedule(e.document.uri, analyzer.hasChecked(e.document.uri) ? undefined : 0));
    registerHover(context);
    registerCodeActions(context);
    registerCompletion(context);
    registerCitationLinks(context);

    index.onDidChange((_folders, patternsChanged) => {
      problems.publish();
      push?.refreshAll();
      if (patternsChanged) void watcher?.update();
      if (canRefresh) void connection.languages.diagnostics.refresh().catch((e: unknown) => logger.error('Could not refresh the diagnostics.', e));
      workspaceCheck.indexChanged();
    });

    connection.onRequest(ReindexRequest.method, (): Promise<ReindexRequest.Result> => index.reindexAll());
    connection.onRequest(CheckWorkspaceRequest.method, async (): Promise<CheckWorkspaceRequest.Result> => {
      const result = await workspaceCheck.run();
      if (canRefresh) await connection.languages.diagnostics.refresh();
      return result;
    });

    documents.onDidOpen((e) => workspaceCheck.documentOpened(e.document.uri));
    documents.onDidClose((e) => {
      push?.closed(e.document.uri);
      analyzer.forget(e.document.uri);
      void workspaceCheck.documentClosed(e.document.uri);
    });

    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    connection.onDidChangeConfiguration(() => {
      settings.clear();
      void index.settingsChanged().catch((e: unknown) => logger.error('Applying the new settings failed.', e));
      // Severities may have changed even when the sources did not.
      if (canRefresh) void connection.languages.diagnostics.refresh();
      push?.refreshAll();
    });
    // vscode-languageserver throws if the client cannot send these events.
    if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders((e) => void index.changeFolders(e.added, e.removed));

    void index.changeFolders(initialFolders, []);
  });

  documents.listen(connection);
  connection.listen();
}
