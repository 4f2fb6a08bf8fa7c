import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../protocol/protocol';
import type { WorkspaceIndex } from './workspaceIndex';
import { pathToUri } from './uris';

/**
 * Shows each source that could not be used, and a malformed `.corroborate.json`, as a diagnostic
 * on that file. These files are usually not open, so the diagnostics are pushed
 * (`textDocument/publishDiagnostics`); pull diagnostics only cover open drafts.
 */
export class SourceProblemDiagnostics {
  #published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex,
  ) {}

  publish(): void {
    const byUri = new Map<string, Diagnostic[]>();
    const add = (file: string, diagnostic: Diagnostic) => {
      const uri = pathToUri(file);
      byUri.set(uri, [...(byUri.get(uri) ?? []), diagnostic]);
    };
    for (const folder of this.index.folders()) {
      const config = folder.configProblem;
      if (config) {
        add(config.path, {
          range: { start: config.position, end: config.position },
          severity: DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          code: 'config.invalid',
          message: config.message,
        });
      }
      for (const problem of folder.fileProblems()) {
        add(problem.path, {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          code: 'source.unreadable',
          // The diagnostic sits on the file, so the message need not name it again.
          message: `Corroborate cannot use this source: ${problem.message.startsWith(`${problem.path}: `) ? problem.message.slice(problem.path.length + 2) : problem.message}`,
        });
      }
    }
    for (const uri of this.#published) if (!byUri.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of byUri) void this.connection.sendDiagnostics({ uri, diagnostics });
    this.#published = new Set(byUri.keys());
  }
}
