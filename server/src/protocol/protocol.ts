/**
 * Custom LSP messages between the Corroborate client and server.
 *
 * Only method names and payload types live here, with no runtime dependency: the client
 * (vscode-languageclient) and the server (vscode-languageserver) bundle different copies of
 * vscode-jsonrpc whose `RequestType` classes are not interchangeable, so each side sends these
 * by method name with the payload types below.
 */

/** A source that could not be used, or a configuration problem. */
export interface IndexProblem {
  /** File (or folder, or `.corroborate.json`) the problem is about. */
  path: string;
  message: string;
}

export type IndexState = 'indexing' | 'ready' | 'error';

/** The state of the source index, summed over the workspace folders. */
export interface IndexStatus {
  state: IndexState;
  sources: number;
  passages: number;
  /** A one-line explanation: what is being indexed, or what went wrong. */
  message?: string;
  problems?: IndexProblem[];
}

/** What a workspace check found. */
export interface CheckWorkspaceResult {
  drafts: number;
  /** Number of diagnostics published over all drafts. */
  diagnostics: number;
}

//#region From server

/** Server → client, whenever indexing starts, ends or fails. */
export namespace IndexStatusNotification {
  export const method = 'corroborate/indexStatus';
  export type Params = IndexStatus;
}

//#endregion

//#region To server

/** Client → server: re-read every source of every folder. Resolves when the index is ready. */
export namespace ReindexRequest {
  export const method = 'corroborate/reindex';
  export type Params = Record<string, never>;
  export type Result = IndexStatus;
}

/**
 * Client → server: check every draft in the workspace (not only open ones) and publish the
 * diagnostics, so the Problems panel matches what the CLI reports in CI.
 */
export namespace CheckWorkspaceRequest {
  export const method = 'corroborate/checkWorkspace';
  export type Params = Record<string, never>;
  export type Result = CheckWorkspaceResult;
}

//#endregion

/** Command ids contributed in package.json and registered by the client. */
export const Commands = {
  reindex: 'corroborate.reindex',
  checkWorkspace: 'corroborate.checkWorkspace',
  showOutput: 'corroborate.showOutput',
} as const;

/** Diagnostic `source` of every Corroborate finding. */
export const DIAGNOSTIC_SOURCE = 'corroborate';
