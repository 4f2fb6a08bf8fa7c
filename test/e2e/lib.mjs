// Shared pieces of the e2e runners: a scratch folder, a copy of the fixture workspace, a
// code-server process with a fresh profile, and headless Chromium.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIXTURE = path.join(ROOT, 'test/fixtures/e2e-workspace');
/** Screenshots and logs (ignored by git: test-results/). */
export const RESULTS = path.join(ROOT, 'test-results/e2e');
export const CHROMIUM = process.env.CORROBORATE_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** User settings of the fresh profile: no welcome page, tips, telemetry or update checks. */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'editor.wordWrap': 'on',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  // The protocol trace lands in the logs kept in test-results/e2e/ when code-server runs with
  // --log trace (CORROBORATE_E2E_CS_ARGS='--log trace').
  'corroborate.trace.server': 'verbose',
};

export function scratchDir(name) {
  mkdirSync(tmpdir(), { recursive: true });
  return mkdtempSync(path.join(tmpdir(), `corroborate-${name}-`));
}

/** A copy of the fixture workspace that the tests may edit. */
export function copyWorkspace(scratch) {
  const ws = path.join(scratch, 'workspace');
  cpSync(FIXTURE, ws, { recursive: true });
  return ws;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs code-server with a fresh profile in `scratch`; `extensionsDir` may hold installed extensions. */
export function codeServerArgs(scratch) {
  const config = path.join(scratch, 'config.yaml');
  writeFileSync(config, '');
  mkdirSync(path.join(scratch, 'data/User'), { recursive: true });
  writeFileSync(path.join(scratch, 'data/User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return ['--config', config, '--user-data-dir', path.join(scratch, 'data'), '--extensions-dir', path.join(scratch, 'extensions')];
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

/**
 * Starts code-server on a free port of 127.0.0.1 and waits for /healthz. Its log goes to
 * `logFile`. `stop()` ends it and everything it started (its own process group).
 */
export async function startCodeServer(codeServer, scratch, logFile) {
  const port = await freePort();
  const log = createWriteStream(logFile);
  const child = spawn(
    codeServer,
    [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', ...codeServerArgs(scratch),
      ...(process.env.CORROBORATE_E2E_CS_ARGS ?? '').split(' ').filter(Boolean),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, EXTENSIONS_GALLERY: '{}' } },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', (code) => ((exited = true), resolve(code))));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited before it was up; see ${logFile}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${base}/healthz within 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    base,
    async stop() {
      if (exited) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 5000);
      await exit;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** Headless Chromium; its profile, crash reports and caches stay in `scratch`, not in $HOME. */
export async function launchChromium(scratch) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'chromium-config'), XDG_CACHE_HOME: path.join(scratch, 'chromium-cache') },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Keeps VS Code's logs of a run (the extension host's and the Corroborate output channel's) in test-results/e2e/. */
export function keepLogs(scratch, name) {
  try {
    cpSync(path.join(scratch, 'data/logs'), path.join(RESULTS, `${name}-vscode-logs`), { recursive: true });
  } catch {
    // no logs
  }
}

export function removeQuietly(dir) {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // leave it
  }
}
