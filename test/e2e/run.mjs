// `npm run test:e2e`: installs what the end-to-end tests need when it is missing (install.sh),
// builds the extension and the integration tests, then runs
//   1. the integration suite inside code-server's VS Code extension host (runCodeServer.mjs),
//   2. the UI tests through Chromium (ui.mjs),
//   3. the Neovim LSP client check (nvim.mjs),
// and prints the number of tests each runner ran. Fails (never skips) when anything fails.
// Options: --update-docs-image copies the hover screenshot to docs/images/hover.png.
// CORROBORATE_E2E_ELECTRON=1 also runs the suite with @vscode/test-electron (downloads VS Code).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { RESULTS, ROOT } from './lib.mjs';
import { runNeovim } from './nvim.mjs';
import { runIntegration } from './runCodeServer.mjs';
import { runUi } from './ui.mjs';

const BUDGET_MS = 10 * 60_000;
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const watchdog = setTimeout(() => {
  console.error(`\ne2e: FAILED, over the budget of ${BUDGET_MS / 60_000} minutes`);
  process.exit(1);
}, BUDGET_MS);
watchdog.unref();

function step(title) {
  console.log(`\n== ${title} (${seconds(Date.now() - started)})`);
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

step('install');
let codeServer;
try {
  const out = execFileSync('bash', [path.join(ROOT, 'test/e2e/install.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  codeServer = out.trim().split('\n').at(-1);
  console.log(`  code-server: ${execFileSync(codeServer, ['--config', path.join(RESULTS, 'config.yaml'), '--version'], { encoding: 'utf8' }).trim().split('\n').at(-1)}`);
  console.log(`  chromium: ${execFileSync(process.env.CORROBORATE_E2E_CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim()}`);
  console.log(`  neovim: ${execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0]}`);
  console.log(`  playwright-core: ${(await import('playwright-core/package.json', { with: { type: 'json' } })).default.version}`);
} catch (e) {
  console.error(`e2e: FAILED to install the test tools: ${e.message}`);
  process.exit(1);
}

step('build');
for (const script of ['esbuild.mjs', 'test/e2e/build.mjs']) {
  const r = spawnSync(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`e2e: FAILED to build (${script})`);
    process.exit(1);
  }
}

const runners = [
  ['integration: mocha in the VS Code 1.100.3 extension host (code-server)', () => runIntegration(codeServer)],
  ['ui: Playwright + Chromium against code-server', () => runUi(codeServer)],
  ['neovim: built-in LSP client, dist/server.js --stdio', () => runNeovim()],
];
if (process.env.CORROBORATE_E2E_ELECTRON === '1') {
  runners.push([
    'integration: mocha in VS Code (@vscode/test-electron)',
    async () => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'out/integration/runElectron.js')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      process.stdout.write(r.stdout ?? '');
      const m = /corroborate-integration: (\d+) tests run, (\d+) passed, (\d+) failed, (\d+) skipped/.exec(r.stdout ?? '');
      const [run, passed, failed, skipped] = m ? m.slice(1).map(Number) : [0, 0, 0, 0];
      return { run, passed, failed, skipped, ok: r.status === 0 && m !== null && failed === 0 && skipped === 0 && run > 0 };
    },
  ]);
}

const results = [];
for (const [name, fn] of runners) {
  step(name);
  const t = Date.now();
  let result;
  try {
    result = await fn();
  } catch (e) {
    console.error(`  ERROR ${e?.stack ?? e}`);
    result = { run: 0, passed: 0, failed: 0, skipped: 0, ok: false };
  }
  results.push({ name, ...result, ms: Date.now() - t });
  if (result.hoverShot && process.argv.includes('--update-docs-image') && result.ok) {
    copyFileSync(result.hoverShot, path.join(ROOT, 'docs/images/hover.png'));
    console.log('  copied the hover screenshot to docs/images/hover.png');
  }
}

console.log(`\n== e2e summary (total ${seconds(Date.now() - started)}; screenshots and logs in ${path.relative(ROOT, RESULTS)}/)`);
for (const r of results) {
  console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: ${r.run} tests run, ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${seconds(r.ms)})`);
}
const ok = results.every((r) => r.ok);
console.log(ok ? `e2e: all ${results.reduce((n, r) => n + r.run, 0)} tests passed` : 'e2e: FAILED');
process.exitCode = ok ? 0 : 1;
