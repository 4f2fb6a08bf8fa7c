// Neovim's built-in LSP client as a second, non-VS Code client: test/e2e/nvim/check.lua starts
// `node dist/server.js --stdio` on a copy of the fixture workspace and checks diagnostics, a
// hover and a code action. Counts one test per "ok"/"FAIL" line of its report.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyWorkspace, removeQuietly, ROOT, scratchDir } from './lib.mjs';

export async function runNeovim() {
  const scratch = scratchDir('nvim');
  const workspace = copyWorkspace(scratch);
  const out = path.join(scratch, 'report.txt');
  try {
    const code = await new Promise((resolve, reject) => {
      const child = spawn('nvim', ['--headless', '--noplugin', '-i', 'NONE', '-u', path.join(ROOT, 'test/e2e/nvim/check.lua'), 'drafts/census.md'], {
        cwd: workspace,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          CORROBORATE_SERVER: path.join(ROOT, 'dist/server.js'),
          CORROBORATE_OUT: out,
          // Neovim's own state (lsp.log, shada) stays in the scratch folder.
          XDG_CACHE_HOME: path.join(scratch, 'cache'),
          XDG_STATE_HOME: path.join(scratch, 'state'),
          XDG_DATA_HOME: path.join(scratch, 'data'),
          XDG_CONFIG_HOME: path.join(scratch, 'config'),
        },
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('error', reject);
      child.on('exit', (c, signal) => {
        clearTimeout(timer);
        resolve(signal ? `killed by ${signal}` : c);
      });
    });
    const report = existsSync(out) ? readFileSync(out, 'utf8') : '';
    for (const line of report.trimEnd().split('\n')) if (line) console.log(`  ${line}`);
    const passed = (report.match(/^ok {3}/gm) ?? []).length;
    const failed = (report.match(/^(FAIL|ERROR) /gm) ?? []).length;
    if (!report) console.log(`  no report from Neovim (exit ${code})`);
    return { run: passed + failed, passed, failed, skipped: 0, ok: code === 0 && failed === 0 && passed > 0 };
  } finally {
    removeQuietly(scratch);
  }
}
