import { Uri, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  DiagnosticPullMode,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../server/src/protocol/runtime';
import { SETTINGS_SECTION } from '../../server/src/protocol/settings';
import { readSettings } from './settings';

/** Markdown and plain-text files, saved or not; the server decides which of them are drafts. */
const DOCUMENT_SELECTOR = ['file', 'untitled'].flatMap((scheme) => [
  { scheme, language: 'markdown' },
  { scheme, language: 'plaintext' },
]);

/** Creates (but does not start) the client of dist/server.js, which runs in its own process over IPC. */
export function createLanguageClient(context: ExtensionContext, log: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS], env: { ...process.env, ...SERVER_ENV } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'], env: { ...process.env, ...SERVER_ENV } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // Where the server keeps its persisted index (one file per folder and source patterns), so
    // that the next start reads only the sources that changed. VS Code removes it with the
    // workspace's storage.
    initializationOptions: { storagePath: (context.storageUri ?? context.globalStorageUri).fsPath },
    outputChannel: log,
    // Health shows in the language status item; pop-ups and a jumping output panel only distract.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticPullOptions: {
      onChange: true,
      onSave: true,
      // `corroborate.checkOn: save` keeps typing quiet; the check runs when the file is saved.
      filter: (document, mode) => mode === DiagnosticPullMode.onType && readSettings(document.uri).checkOn === 'save',
    },
    middleware: {
      workspace: {
        // Answer with the checked settings type the server shares, per resource.
        configuration: (params, token, next) => {
          const plain = params.items.filter((item) => item.section !== SETTINGS_SECTION);
          const answered = params.items.map((item) => (item.section === SETTINGS_SECTION ? readSettings(item.scopeUri ? Uri.parse(item.scopeUri) : undefined) : undefined));
          if (plain.length === 0) return answered;
          return Promise.resolve(next({ items: plain }, token)).then((rest) => {
            if (!Array.isArray(rest)) return rest;
            let i = 0;
            return answered.map((value) => value ?? rest[i++]);
          });
        },
      },
    },
  };
  return new LanguageClient('corroborate', 'Corroborate', serverOptions, clientOptions);
}
