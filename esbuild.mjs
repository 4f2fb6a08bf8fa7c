// Bundles the CLI, the language server and the VS Code client into dist/.
// Everything the product needs at run time is inside these files: nothing is loaded from node_modules.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The PDF/DOCX/HTML extraction libraries (2.4 MB) are a bundle of their own, dist/format-libs.js,
// loaded by the readers only when a source needs them, so that a warm start does not parse them.
const formatLibs = {
  name: 'format-libs',
  setup(build) {
    build.onResolve({ filter: /^\.\/formatLibs$/ }, () => ({ path: './format-libs.js', external: true }));
  },
};

// world-countries ships 1.2 MB of JSON (translations, borders, flags); the engine reads only the
// names, capitals, demonyms and spellings (facts/entities.ts). Bundling just those fields saves
// about 30 MB of resident memory in every process that loads the engine.
const COUNTRY_FIELDS = ['cca3', 'unMember', 'capital', 'altSpellings'];
const countryFields = {
  name: 'country-fields',
  setup(build) {
    build.onLoad({ filter: /world-countries[\\/]countries\.json$/ }, async (args) => {
      const all = JSON.parse(await readFile(args.path, 'utf8'));
      const kept = all.map((c) => ({
        ...Object.fromEntries(COUNTRY_FIELDS.filter((k) => k in c).map((k) => [k, c[k]])),
        name: { common: c.name.common, official: c.name.official },
        ...(c.demonyms?.eng ? { demonyms: { eng: c.demonyms.eng } } : {}),
      }));
      return { contents: JSON.stringify(kept), loader: 'json' };
    });
  },
};

// `--outdir=DIR` builds into another folder (tests bundle the CLI into a temporary one).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const out = (file) => `${outdir}/${file}`;

const entries = [
  { entryPoints: ['server/src/corpus/formatLibs.ts'], outfile: 'dist/format-libs.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [formatLibs] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [formatLibs] },
  // Index worker threads of the language server, the CLI and the bench (parallel cold indexing).
  { entryPoints: ['server/src/indexer/worker.ts'], outfile: 'dist/index-worker.js', plugins: [formatLibs] },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // Bench-only: the engine timed in-process by scripts/bench.mjs (not shipped in the extension).
  { entryPoints: ['server/src/bench/engineBench.ts'], outfile: 'dist/engine-bench.js', plugins: [formatLibs] },
]
  .filter((e) => existsSync(e.entryPoints[0])) // entry points appear as the product grows
  .map((e) => ({ ...e, outfile: out(e.outfile.replace(/^dist\//, '')) }));

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e, plugins: [...(e.plugins ?? []), countryFields] })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e, plugins: [...(e.plugins ?? []), countryFields] })));
  if (existsSync(out('cli.js'))) chmodSync(out('cli.js'), 0o755);
}
