/**
 * CLI tests: spawn the built `dist/cli.js` on the fixtures under test/fixtures/cli/. The fixture
 * workspace is copied to a temporary directory first, so runs never write into the repository
 * (the CLI keeps an index cache next to the working directory).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'cli', 'workspace');

let tmp: string;
let ws: string;

before(() => {
  // `npm test` builds first; rebuild only when run on its own, so that other test files that
  // spawn dist/ in parallel never see a bundle being rewritten.
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
  tmp = realpathSync(mkdtempSync(path.join(tmpdir(), 'corroborate-cli-')));
  ws = fresh('workspace');
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh copy of the fixture workspace (with its .corroborate.json) under the temp dir. */
function fresh(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.CORROBORATE_STATS;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The stderr of a failed run: exactly one message line. */
function oneLineError(r: Run): string {
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${JSON.stringify(r.stderr)}`);
  assert.match(lines[0], /^corroborate: /);
  return lines[0];
}

const DRAFT = path.join('drafts', 'lighthouse.md');
const QUIET_DRAFT = path.join('drafts', 'nested', 'visitors.md');

test('text format: compiler-style findings, evidence with source:line, a summary, no colour off a TTY', () => {
  const r = run(['check', '--fail-on', 'never', DRAFT], ws);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(r.stdout, /^drafts\/lighthouse\.md:3:1: conflict: .*2\.4 million.*7\.9 million/m);
  assert.match(r.stdout, /^drafts\/lighthouse\.md:5:1: supported: /m);
  assert.match(r.stdout, /^drafts\/lighthouse\.md:7:1: unsupported: /m);
  assert.match(r.stdout, /^drafts\/lighthouse\.md:9:51: citation: Unknown source id "@harbour-minutes"/m);
  // The conflicting evidence is quoted with its source id and source:line.
  const i = lines.findIndex((l) => l.startsWith('drafts/lighthouse.md:3:1: conflict:'));
  const evidence = lines.slice(i + 1, i + 4).join('\n');
  assert.match(evidence, /conflicts: .*cost 2\.4 million euros.*kellmoor-herald .*kellmoor-herald\.txt:5/);
  assert.equal(lines[lines.length - 1], '1 draft checked: 1 conflict, 1 unsupported, 2 supported, 1 unknown citation.');
  assert.ok(!r.stdout.includes('\x1b['), 'no ANSI escapes when stdout is not a terminal');
});

test('text format: --color forces colour, --quiet hides supported claims', () => {
  const coloured = run(['check', '--color', '--fail-on', 'never', DRAFT], ws);
  assert.ok(coloured.stdout.includes('\x1b[31mconflict\x1b[0m'));
  const quiet = run(['check', '--quiet', '--fail-on', 'never', DRAFT], ws);
  assert.doesNotMatch(quiet.stdout, /: supported: /);
  assert.match(quiet.stdout, /: conflict: /);
});

test('json format: version 1, every check-worthy sentence once, with range, text, verdict, confidence, evidence', () => {
  const r = run(['check', '--format', 'json', DRAFT], ws);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, 1);
  assert.equal(out.files.length, 1);
  const file = out.files[0];
  assert.equal(file.path, 'drafts/lighthouse.md');
  assert.deepEqual(
    file.claims.map((c: { verdict: string }) => c.verdict),
    ['conflict', 'supported', 'unsupported', 'supported'],
  );
  const [conflict, supported, unsupported] = file.claims;
  assert.deepEqual(conflict.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 66 } });
  assert.equal(conflict.text, 'The restoration of the Kellmoor lighthouse cost 7.9 million euros.');
  assert.equal(conflict.kind, 'conflict.number');
  assert.equal(conflict.evidence[0].source, 'kellmoor-herald');
  assert.equal(conflict.evidence[0].relation, 'conflicts');
  assert.match(conflict.evidence[0].path, /kellmoor-herald\.txt$/);
  assert.equal(conflict.evidence[0].quote, 'The restoration of the Kellmoor lighthouse cost 2.4 million euros, the harbour trust said on Monday.');
  assert.equal(supported.text, 'The lighthouse reopened to visitors on 14 June 2024.');
  assert.equal(supported.evidence[0].relation, 'supports');
  assert.deepEqual(unsupported.evidence, []);
  for (const c of file.claims) {
    assert.equal(typeof c.confidence, 'number');
    assert.ok(c.confidence >= 0 && c.confidence <= 1);
  }
  assert.deepEqual(
    file.citations.map((c: { key: string; unknown: boolean }) => [c.key, c.unknown]),
    [['harbour-minutes', true]],
  );
});

test('sarif format: version 2.1.0, a rule per finding kind, results for findings only', () => {
  const r = run(['check', '--format', 'sarif', DRAFT], ws);
  assert.equal(r.code, 1, r.stderr);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs.length, 1);
  const driver = sarif.runs[0].tool.driver;
  assert.equal(driver.name, 'corroborate');
  const ruleIds = driver.rules.map((x: { id: string }) => x.id);
  for (const id of ['conflict.number', 'conflict.date', 'conflict.entity', 'conflict.negation', 'conflict.quote', 'citation.mismatch', 'citation.unknown', 'unsupported']) {
    assert.ok(ruleIds.includes(id), `rule ${id}`);
  }
  const results = sarif.runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }>;
  assert.deepEqual(results.map((x) => x.ruleId).sort(), ['citation.unknown', 'conflict.number', 'unsupported']);
  const conflict = results.find((x) => x.ruleId === 'conflict.number')!;
  assert.equal(conflict.level, 'error');
  assert.equal(conflict.locations[0].physicalLocation.artifactLocation.uri, 'drafts/lighthouse.md');
  assert.equal(conflict.locations[0].physicalLocation.region.startLine, 3);
  assert.equal(conflict.locations[0].physicalLocation.region.startColumn, 1);
  const unknown = results.find((x) => x.ruleId === 'citation.unknown')!;
  assert.deepEqual(
    [unknown.locations[0].physicalLocation.region.startLine, unknown.locations[0].physicalLocation.region.startColumn],
    [9, 51],
  );
});

test('exit codes: 1 for a conflict, 0 with --fail-on never', () => {
  assert.equal(run(['check', DRAFT], ws).code, 1);
  assert.equal(run(['check', '--fail-on', 'conflict', DRAFT], ws).code, 1);
  assert.equal(run(['check', '--fail-on', 'never', DRAFT], ws).code, 0);
  assert.equal(run(['check', '--fail-on=never', DRAFT], ws).code, 0);
});

test('exit codes: unsupported claims fail only with --fail-on unsupported', () => {
  const dflt = run(['check', QUIET_DRAFT], ws);
  assert.equal(dflt.code, 0, dflt.stdout + dflt.stderr);
  assert.match(dflt.stdout, /0 conflicts, 1 unsupported, 1 supported\.$/m);
  assert.equal(run(['check', '--fail-on', 'unsupported', QUIET_DRAFT], ws).code, 1);
});

test('exit code 2: unknown option, with a one-line message', () => {
  const r = run(['check', '--bogus', DRAFT], ws);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(oneLineError(r), 'corroborate: unknown option "--bogus" (see corroborate --help)');
});

test('exit code 2: bad --format value', () => {
  const r = run(['check', '--format', 'xml', DRAFT], ws);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(oneLineError(r), 'corroborate: --format must be one of text, json, sarif; got "xml" (see corroborate --help)');
});

test('exit code 2: missing draft', () => {
  const r = run(['check', path.join('drafts', 'missing.md')], ws);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(oneLineError(r), /^corroborate: .*drafts\/missing\.md.*no such file/);
});

test('exit code 2: no sources found', () => {
  const empty = path.join(tmp, 'empty-sources');
  mkdirSync(empty, { recursive: true });
  const r = run(['check', '--sources', empty, DRAFT], ws);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(oneLineError(r), `corroborate: no sources found in ${empty}`);
});

test('a source that cannot be read is a warning; the rest is still checked', () => {
  const dir = fresh('broken');
  // Invalid UTF-8 (a lone continuation byte and an overlong lead byte) and a binary file.
  writeFileSync(path.join(dir, 'sources', 'garbled.txt'), Buffer.from([0x54, 0x68, 0x65, 0x20, 0xc3, 0x28, 0x80, 0xff, 0x0a]));
  writeFileSync(path.join(dir, 'sources', 'blob.txt'), Buffer.from([0x00, 0x01, 0x02, 0x03, 0x00, 0x50, 0x4b, 0x03, 0x04]));
  const r = run(['check', '--format', 'json', DRAFT], dir);
  assert.equal(r.code, 1, r.stderr);
  const warnings = r.stderr.trimEnd().split('\n');
  assert.ok(warnings.some((l) => /^corroborate: warning: .*garbled\.txt.*not valid UTF-8/.test(l)), r.stderr);
  assert.ok(warnings.some((l) => /^corroborate: warning: .*blob\.txt.*binary/.test(l)), r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.files[0].claims[0].verdict, 'conflict');
  assert.equal(out.files[0].claims[0].evidence[0].source, 'kellmoor-herald');
});

test('.corroborate.json is found by walking up from the working directory', () => {
  // From drafts/nested, the workspace's .corroborate.json ("sources": "sources") is two levels up.
  const nested = path.join(ws, 'drafts', 'nested');
  const r = run(['check', '--format', 'json', 'visitors.md'], nested);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.files[0].path, 'visitors.md');
  const supported = out.files[0].claims.find((c: { verdict: string }) => c.verdict === 'supported');
  assert.ok(supported, 'a supported claim, so the configured sources were loaded');
  assert.equal(supported.evidence[0].source, 'kellmoor-herald');

  // A config naming a differently named folder; no ./sources next to the draft.
  const proj = path.join(tmp, 'proj');
  mkdirSync(path.join(proj, 'deep', 'er'), { recursive: true });
  cpSync(path.join(FIXTURE, 'sources'), path.join(proj, 'refs'), { recursive: true });
  cpSync(path.join(FIXTURE, DRAFT), path.join(proj, 'deep', 'er', 'draft.md'));
  writeFileSync(path.join(proj, '.corroborate.json'), JSON.stringify({ sources: ['refs'] }));
  const deep = run(['check', 'draft.md'], path.join(proj, 'deep', 'er'));
  assert.equal(deep.code, 1, deep.stderr);
  assert.match(deep.stdout, /^draft\.md:3:1: conflict: /m);
});

test('without --sources or a config, ./sources is used', () => {
  const bare = path.join(tmp, 'bare');
  mkdirSync(bare, { recursive: true });
  cpSync(path.join(FIXTURE, 'sources'), path.join(bare, 'sources'), { recursive: true });
  cpSync(path.join(FIXTURE, DRAFT), path.join(bare, 'draft.md'));
  const r = run(['check', 'draft.md'], bare);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^draft\.md:3:1: conflict: /m);
  rmSync(path.join(bare, 'sources'), { recursive: true });
  const none = run(['check', 'draft.md'], bare);
  assert.equal(none.code, 2);
  assert.equal(none.stdout, '');
  // A missing ./sources may add a warning naming it; the error itself is the last line.
  const last = none.stderr.trimEnd().split('\n').pop();
  assert.equal(last, `corroborate: no sources found in ${path.join(bare, 'sources')}`);
});

test('--help prints usage and exits 0', () => {
  const r = run(['--help'], ws);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Usage: corroborate/);
});
