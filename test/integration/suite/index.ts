// Entry point of the integration tests inside the VS Code extension host (`extensionTestsPath`).
// Both runners load it: ../runElectron.ts (@vscode/test-electron) and test/e2e/runCodeServer.mjs
// (code-server's extension host). The test files are bundled next to this file by test/e2e/build.mjs.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const grep = process.env.CORROBORATE_E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  // The runners print the extension host's output from this line on (the workbench logs before it).
  console.log('corroborate-integration: start');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { tests = 0, passes = 0, pending = 0 } = runner.stats ?? {};
      // Parsed by the runners for the per-runner count; pending (skipped) tests count as failures.
      console.log(`corroborate-integration: ${tests} tests run, ${passes} passed, ${failures} failed, ${pending} skipped`);
      if (failures > 0 || pending > 0 || tests === 0) reject(new Error(`${failures} failed, ${pending} skipped, ${tests} run`));
      else resolve();
    });
  });
}
