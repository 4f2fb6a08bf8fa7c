#!/usr/bin/env node
// Runs the built checker on a labelled set and scores it.
//
//   npm run eval                                   # the repo's own sets (quarterly, newsroom example)
//   npm run eval -- <gold dir> <corpus dir> [--rows]
//
// A gold dir holds drafts/*.md (or a drafts glob) and gold.jsonl in the format of the shared dev set
// (one labelled sentence per line: draft, sentence, label, sources, type). The scoring follows the
// dev set's rules: a gold sentence takes the worst verdict of the claims overlapping it (conflict >
// unsupported > supported > none); macro-F1 over the four labels; evidence accuracy on correctly
// labelled supported/conflict sentences whose evidence names a gold source.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LABELS = ['supported', 'conflict', 'unsupported', 'none'];

function lineStarts(text) {
  const s = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') s.push(i + 1);
  return s;
}
const offsetOf = (starts, p) => starts[p.line] + p.character;

export function score(goldDir, pred) {
  const gold = readFileSync(join(goldDir, 'gold.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const byDraft = new Map(pred.files.map((f) => [basename(f.path), f]));
  const rows = [];
  for (const g of gold) {
    const draftText = readFileSync(join(goldDir, g.draft), 'utf8');
    const at = draftText.indexOf(g.sentence);
    const end = at + g.sentence.length;
    const starts = lineStarts(draftText);
    const claims = (byDraft.get(basename(g.draft))?.claims ?? []).filter((c) => {
      const s = Math.max(at, offsetOf(starts, c.range.start));
      const e = Math.min(end, offsetOf(starts, c.range.end));
      return e > s && /\S/.test(draftText.slice(s, e));
    });
    const verdicts = new Set(claims.map((c) => c.verdict));
    const predicted = verdicts.has('conflict') ? 'conflict' : verdicts.has('unsupported') ? 'unsupported' : verdicts.has('supported') ? 'supported' : 'none';
    let evidenceOk;
    if (predicted === g.label && (g.label === 'supported' || g.label === 'conflict')) {
      const ids = claims.filter((c) => c.verdict === g.label).flatMap((c) => c.evidence.map((e) => [e.source, basename(e.path).replace(/\.[^.]+$/, '')])).flat();
      evidenceOk = ids.some((id) => g.sources.includes(id));
    }
    rows.push({ ...g, predicted, evidenceOk });
  }
  const f1 = (label) => {
    const tp = rows.filter((r) => r.label === label && r.predicted === label).length;
    const fp = rows.filter((r) => r.label !== label && r.predicted === label).length;
    const fn = rows.filter((r) => r.label === label && r.predicted !== label).length;
    const p = tp + fp ? tp / (tp + fp) : 0;
    const rc = tp + fn ? tp / (tp + fn) : 0;
    return p + rc ? (2 * p * rc) / (p + rc) : 0;
  };
  const ev = rows.filter((r) => r.evidenceOk !== undefined);
  return {
    rows,
    macroF1: LABELS.reduce((s, l) => s + f1(l), 0) / LABELS.length,
    conflictF1: f1('conflict'),
    unsupportedF1: f1('unsupported'),
    evidenceAcc: ev.length ? ev.filter((r) => r.evidenceOk).length / ev.length : 0,
    accuracy: rows.filter((r) => r.label === r.predicted).length / rows.length,
  };
}

function runChecker(goldDir, corpusDir) {
  const drafts = readdirSync(join(goldDir, 'drafts')).filter((f) => f.endsWith('.md')).map((f) => join(goldDir, 'drafts', f));
  const out = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'check', '--sources', corpusDir, '--format', 'json', '--fail-on', 'never', ...drafts], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out);
}

function report(name, goldDir, corpusDir, showRows) {
  const t0 = performance.now();
  const pred = runChecker(goldDir, corpusDir);
  const ms = performance.now() - t0;
  const r = score(goldDir, pred);
  const fmt = (x) => x.toFixed(3);
  const types = new Map();
  for (const row of r.rows) {
    const t = types.get(row.type) ?? { n: 0, ok: 0 };
    t.n++;
    if (row.label === row.predicted) t.ok++;
    types.set(row.type, t);
  }
  console.log(`\n${name}: ${r.rows.length} sentences, checked in ${ms.toFixed(0)} ms`);
  for (const [t, { n, ok }] of [...types].sort()) console.log(`  ${t.padEnd(18)} ${String(n).padStart(3)}  ${fmt(ok / n)}`);
  if (showRows) for (const row of r.rows) console.log(`${row.label === row.predicted ? ' ' : 'x'} ${row.type.padEnd(17)} ${row.label.padEnd(11)} -> ${row.predicted.padEnd(11)} ${row.sentence.slice(0, 90)}`);
  console.log(`${name}: macro-F1 ${fmt(r.macroF1)} conflict-F1 ${fmt(r.conflictF1)} unsupported-F1 ${fmt(r.unsupportedF1)} evidence-acc ${fmt(r.evidenceAcc)} accuracy ${fmt(r.accuracy)}`);
}

const args = process.argv.slice(2).filter((a) => a !== '--rows');
const rows = process.argv.includes('--rows');
if (args.length >= 2) report(basename(args[0]), args[0], args[1], rows);
else if (args.length === 1) {
  console.error('usage: npm run eval [-- <gold dir> <corpus dir> [--rows]]');
  process.exit(2);
} else {
  const sets = [
    ['quarterly', join(root, 'test/fixtures/eval/quarterly'), join(root, 'test/fixtures/eval/quarterly/corpus')],
    ['newsroom example', join(root, 'examples/newsroom'), join(root, 'examples/newsroom/sources')],
  ];
  const shared = join(root, '../shared/eval/dev');
  if (existsSync(shared)) {
    sets.unshift(['venezuela-heldout', join(root, 'test/fixtures/eval/venezuela-heldout'), join(root, '../shared/corpus')]);
    sets.unshift(['dev (../shared)', shared, join(root, '../shared/corpus')]);
  }
  for (const [name, g, c] of sets) report(name, g, c, rows);
}
