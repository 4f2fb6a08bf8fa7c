// The standard runner: downloads VS Code with @vscode/test-electron and runs ./suite in its
// extension host, on a temporary copy of the fixture workspace. For machines that can reach
// update.code.visualstudio.com; where it cannot be downloaded, `npm run test:e2e` runs the same
// suite in code-server's extension host instead (test/e2e/runCodeServer.mjs).
//
//   node esbuild.mjs && node test/e2e/build.mjs && node out/integration/runElectron.js [--version 1.100.3]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const versionFlag = process.argv.indexOf('--version');
  const version = versionFlag > 0 ? process.argv[versionFlag + 1] : 'stable';
  const scratch = mkdtempSync(path.join(tmpdir(), 'corroborate-electron-'));
  const workspace = path.join(scratch, 'workspace');
  cpSync(path.join(root, 'test/fixtures/e2e-workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(scratch, 'user-data')],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
