import { window, type ExtensionContext } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { IndexStatusNotification, type IndexStatus } from '../../server/src/protocol/protocol';
import { registerCommands } from './commands';
import { IndexState } from './indexState';
import { createLanguageClient } from './languageClient';
import { IndexStatusItem } from './statusItem';

/** What `activate` returns: used by the integration tests to wait on real signals. */
export interface CorroborateApi {
  readonly client: LanguageClient;
  /** Resolves when the sources are indexed; rejects if indexing fails. */
  whenIndexed(): Promise<void>;
}

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<CorroborateApi> {
  const log = window.createOutputChannel('Corroborate', { log: true });
  const item = new IndexStatusItem();
  const state = new IndexState();
  client = createLanguageClient(context, log);
  const languageClient = client;
  context.subscriptions.push(log, item, ...registerCommands(languageClient, log));

  context.subscriptions.push(
    languageClient.onNotification(IndexStatusNotification.method, (status: IndexStatus) => {
      state.update(status);
      item.show(status);
      for (const p of status.problems ?? []) log.warn(p.message);
    }),
    languageClient.onDidChangeState((e) => {
      if (e.newState === State.Stopped) {
        state.fail('The Corroborate language server stopped; see the output.');
        item.show(state.status!);
      }
    }),
  );
  try {
    await languageClient.start();
  } catch (e) {
    const message = `The Corroborate language server did not start: ${e instanceof Error ? e.message : String(e)}`;
    log.error(message);
    state.fail(message);
    item.show(state.status!);
  }
  return { client: languageClient, whenIndexed: () => state.whenIndexed() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
