import type { Connection } from 'vscode-languageserver';

/** Where the server writes its log: the client's output channel, never stdout (the transport). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export function connectionLogger(connection: Connection): Logger {
  return {
    info: (message) => connection.console.info(message),
    warn: (message) => connection.console.warn(message),
    error: (message, error) => connection.console.error(error === undefined ? message : `${message}\n${describeError(error)}`),
  };
}
