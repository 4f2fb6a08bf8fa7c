/**
 * Entry point of the Corroborate language server (dist/server.js). The transport comes from the
 * command line, as vscode-languageclient passes it: --stdio, --node-ipc, --socket=N or --pipe=NAME.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './logger';
import { startServer } from './server';
import { preferSmallHeap } from '../memory';
import { keepTextsOnDisk } from '../corpus/spillFile';

preferSmallHeap();
// Source texts wait on disk (a temp file) until a check reads them.
keepTextsOnDisk();
const connection = createConnection(ProposedFeatures.all);

// Over stdio, anything printed to stdout would corrupt the protocol; send it to the client's log.
console.log = connection.console.log.bind(connection.console);
console.info = connection.console.info.bind(connection.console);
console.warn = connection.console.warn.bind(connection.console);
console.error = connection.console.error.bind(connection.console);

process.on('uncaughtException', (error) => {
  connection.console.error(`Uncaught exception: ${describeError(error)}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${describeError(reason)}`);
});

startServer(connection);
