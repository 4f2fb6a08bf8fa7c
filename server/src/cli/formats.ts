import * as path from 'node:path';
import type { ClaimResult, DraftReport, FindingKind } from '../engine/types';

/** One checked draft as the formatters see it. */
export interface FileReport {
  /** Draft path as given on the command line. */
  path: string;
  report: DraftReport;
}

export interface Summary {
  supported: number;
  conflict: number;
  unsupported: number;
  unknownCitations: number;
}

export function summarise(files: readonly FileReport[]): Summary {
  const s: Summary = { supported: 0, conflict: 0, unsupported: 0, unknownCitations: 0 };
  for (const f of files) {
    for (const c of f.report.claims) s[c.verdict]++;
    s.unknownCitations += f.report.citations.filter((c) => c.unknown).length;
  }
  return s;
}

/** The JSON format of ../shared/eval/README.md (version 1). */
export function toJson(files: readonly FileReport[]): string {
  return JSON.stringify(
    {
      version: 1,
      files: files.map((f) => ({
        path: f.path,
        claims: f.report.claims.map((c) => ({
          range: c.range,
          text: c.text,
          verdict: c.verdict,
          kind: c.kind,
          confidence: c.confidence,
          message: c.message,
          evidence: c.evidence.map((e) => ({ source: e.source, path: e.path, quote: e.quote, relation: e.relation, line: e.position.line + 1, character: e.position.character, ...(e.page ? { page: e.page } : {}) })),
          ...(c.suggestedSources ? { suggestedSources: c.suggestedSources } : {}),
        })),
        citations: f.report.citations.filter((c) => c.unknown).map((c) => ({ key: c.key, range: c.range, unknown: true })),
      })),
    },
    null,
    2,
  );
}

interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

function palette(color: boolean): Palette {
  const wrap = (code: number) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { red: wrap(31), yellow: wrap(33), green: wrap(32), dim: wrap(2), bold: wrap(1) };
}

/** Compiler-style text: `path:line:col: conflict: message`, then the evidence and its `source:line`. */
export function toText(files: readonly FileReport[], opts: { color: boolean; quiet: boolean }): string {
  const p = palette(opts.color);
  const out: string[] = [];
  for (const f of files) {
    for (const c of f.report.claims) {
      if (opts.quiet && c.verdict === 'supported') continue;
      const where = `${f.path}:${c.range.start.line + 1}:${c.range.start.character + 1}`;
      const label = c.verdict === 'conflict' ? p.red('conflict') : c.verdict === 'unsupported' ? p.yellow('unsupported') : p.green('supported');
      out.push(`${p.bold(where)}: ${label}: ${c.message} ${p.dim(`[${c.kind}]`)}`);
      out.push(`    ${p.dim('draft:')} ${oneLine(c.text)}`);
      for (const e of c.evidence.slice(0, 4)) {
        const loc = `${e.path}:${e.position.line + 1}${e.page ? ` (page ${e.page})` : ''}`;
        out.push(`    ${p.dim(e.relation === 'supports' ? 'supports:' : 'conflicts:')} “${oneLine(e.quote)}” ${p.dim(`— ${e.source} ${loc}`)}`);
      }
    }
    for (const c of f.report.citations.filter((x) => x.unknown)) {
      out.push(`${p.bold(`${f.path}:${c.range.start.line + 1}:${c.range.start.character + 1}`)}: ${p.yellow('citation')}: Unknown source id "@${c.key}". ${p.dim('[citation.unknown]')}`);
    }
  }
  const s = summarise(files);
  out.push(
    `${files.length} draft${files.length === 1 ? '' : 's'} checked: ${p.red(`${s.conflict} conflict${s.conflict === 1 ? '' : 's'}`)}, ${p.yellow(`${s.unsupported} unsupported`)}, ${p.green(`${s.supported} supported`)}${s.unknownCitations ? `, ${s.unknownCitations} unknown citation${s.unknownCitations === 1 ? '' : 's'}` : ''}.`,
  );
  return out.join('\n');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const RULES: Array<{ id: FindingKind; text: string; level: 'error' | 'warning' | 'note' }> = [
  { id: 'conflict.number', text: 'A figure in the draft is incompatible with every source that states it.', level: 'error' },
  { id: 'conflict.date', text: 'A date in the draft is incompatible with the sources.', level: 'error' },
  { id: 'conflict.entity', text: 'A person, place, organisation or outlet differs from the sources.', level: 'error' },
  { id: 'conflict.negation', text: 'The draft asserts what a source denies, or the reverse.', level: 'error' },
  { id: 'conflict.quote', text: 'A quotation differs from the source.', level: 'error' },
  { id: 'citation.mismatch', text: 'The cited source does not state the sentence; another source does.', level: 'warning' },
  { id: 'citation.unknown', text: 'A citation names a source id that does not exist.', level: 'warning' },
  { id: 'unsupported', text: 'No source states the claim.', level: 'note' },
];

/** SARIF 2.1.0 with one rule per finding kind. Supported claims are not results. */
export function toSarif(files: readonly FileReport[], version: string): string {
  const results: unknown[] = [];
  const uri = (p: string) => p.split(path.sep).join('/');
  const region = (c: { range: ClaimResult['range'] }) => ({
    startLine: c.range.start.line + 1,
    startColumn: c.range.start.character + 1,
    endLine: c.range.end.line + 1,
    endColumn: c.range.end.character + 1,
  });
  for (const f of files) {
    for (const c of f.report.claims) {
      if (c.verdict === 'supported') continue;
      const rule = RULES.find((r) => r.id === c.kind) ?? RULES[RULES.length - 1];
      results.push({
        ruleId: rule.id,
        level: rule.level,
        message: { text: c.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.path) }, region: region(c) } }],
        relatedLocations: c.evidence.map((e, i) => ({
          id: i + 1,
          message: { text: `${e.relation}: ${e.quote}` },
          physicalLocation: { artifactLocation: { uri: uri(e.path) }, region: { startLine: e.position.line + 1, startColumn: e.position.character + 1 } },
        })),
        properties: { confidence: c.confidence, verdict: c.verdict },
      });
    }
    for (const c of f.report.citations.filter((x) => x.unknown)) {
      results.push({
        ruleId: 'citation.unknown',
        level: 'warning',
        message: { text: `Unknown source id "@${c.key}".` },
        locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.path) }, region: region(c) } }],
      });
    }
  }
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'corroborate',
              version,
              informationUri: 'https://github.com/corroborate/corroborate',
              rules: RULES.map((r) => ({ id: r.id, shortDescription: { text: r.text }, defaultConfiguration: { level: r.level } })),
            },
          },
          results,
        },
      ],
    },
    null,
    2,
  );
}
