import { commands, window, type Disposable, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckWorkspaceRequest, Commands, ReindexRequest } from '../../server/src/protocol/protocol';

/** The commands of the Command Palette: Reindex sources, Check all drafts, Show output. */
export function registerCommands(client: LanguageClient, log: LogOutputChannel): Disposable[] {
  return [
    commands.registerCommand(Commands.reindex, async () => {
      const status = await client.sendRequest<ReindexRequest.Result>(ReindexRequest.method, {} satisfies ReindexRequest.Params);
      log.info(`Reindexed: ${status.sources} sources, ${status.passages} passages, ${status.problems?.length ?? 0} problems.`);
    }),
    commands.registerCommand(Commands.checkWorkspace, async () => {
      const result = await client.sendRequest<CheckWorkspaceRequest.Result>(CheckWorkspaceRequest.method, {} satisfies CheckWorkspaceRequest.Params);
      const show = 'Show Problems';
      // An explicit request deserves an answer, unlike the background checks.
      const choice = await window.showInformationMessage(`Corroborate checked ${result.drafts} drafts and found ${result.diagnostics} problems.`, show);
      if (choice === show) await commands.executeCommand('workbench.actions.view.problems');
    }),
    commands.registerCommand(Commands.showOutput, () => log.show()),
  ];
}
