// Runs the integration suite (out/integration/suite) in code-server's Node extension host: the
// workbench's development payload (extensionDevelopmentPath + extensionTestsPath) loads the
// extension from the working tree and the tests next to it, as VS Code's own browser
// integration tests do. Chromium only hosts the workbench page; the tests use the vscode API.
// Exit code 0 when every test passed; prints "integration (code-server): N tests run".
import { appendFileSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { keepLogs, copyWorkspace, launchChromium, RESULTS, removeQuietly, ROOT, scratchDir, startCodeServer } from './lib.mjs';

const NAME = 'integration';
const TIMEOUT_MS = 5 * 60_000;

export async function runIntegration(codeServer) {
  const scratch = scratchDir('integration');
  const workspace = copyWorkspace(scratch);
  const logFile = path.join(RESULTS, 'integration-code-server.log');
  const hostLog = path.join(RESULTS, 'integration-exthost.log');
  appendFileSync(hostLog, '', { flag: 'w' });
  let server;
  let browser;
  let summary;
  let started = false;
  try {
    server = await startCodeServer(codeServer, scratch, logFile);
    browser = await launchChromium(scratch);
    const page = await browser.newPage();
    let exited;
    const done = new Promise((resolve) => (exited = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(args ?? []));
      appendFileSync(hostLog, `[${type}] ${line}\n`);
      if (line.includes('corroborate-integration: start')) started = true;
      else if (started) process.stdout.write(`  ${line}\n`);
      const m = /corroborate-integration: (\d+) tests run, (\d+) passed, (\d+) failed, (\d+) skipped/.exec(line);
      if (m) summary = { run: +m[1], passed: +m[2], failed: +m[3], skipped: +m[4] };
    });
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    page.on('pageerror', (e) => appendFileSync(hostLog, `[pageerror] ${e.message}\n`));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(path.join(ROOT, 'out/integration/suite/index.js'))],
    ];
    await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
    const code = await Promise.race([done, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') throw new Error(`the extension host did not finish the tests within ${TIMEOUT_MS / 1000} s; see ${hostLog}`);
    if (!summary) throw new Error(`the tests did not run (exit code ${code}); see ${hostLog} and ${logFile}`);
    return { ...summary, ok: code === 0 && summary.failed === 0 && summary.skipped === 0 && summary.run > 0 };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    keepLogs(scratch, NAME);
    removeQuietly(scratch);
  }
}
