// Bundles the integration tests (test/integration/) into out/integration/ for the extension host.
// `vscode` comes from the host; mocha and @vscode/test-electron are loaded from node_modules.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const suite = path.join(root, 'test/integration/suite');
const out = path.join(root, 'out/integration');
rmSync(out, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: [
    'test/integration/runElectron.ts',
    'test/integration/suite/index.ts',
    ...readdirSync(suite)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `test/integration/suite/${f}`),
  ],
  outbase: 'test/integration',
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
  logLevel: 'warning',
});
