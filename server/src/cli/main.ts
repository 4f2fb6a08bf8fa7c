import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import { Corpus, checkDraft } from '../engine';
import { loadSources, findFiles } from '../corpus/findSources';
import { parseArgs, UsageError, USAGE, type CheckArgs } from './args';
import { findConfigSources } from './config';
import { summarise, toJson, toSarif, toText, type FileReport } from './formats';

declare const CORROBORATE_VERSION: string | undefined;
const VERSION = typeof CORROBORATE_VERSION === 'string' ? CORROBORATE_VERSION : '0.1.0';

/** Thrown for I/O problems that stop the run (exit code 2). */
class FatalError extends Error {}

const isDraft = (f: string) => /\.(md|markdown|txt)$/i.test(f);

async function check(args: CheckArgs): Promise<number> {
  const cwd = process.cwd();
  let sourcePatterns = args.sources;
  if (sourcePatterns.length === 0) {
    let cfg;
    try {
      cfg = findConfigSources(cwd);
    } catch (e) {
      throw new FatalError((e as Error).message);
    }
    sourcePatterns = cfg?.sources ?? [path.join(cwd, 'sources')];
  }
  const loaded = await loadSources(sourcePatterns, cwd);
  for (const p of loaded.problems) process.stderr.write(`corroborate: warning: ${p.message}\n`);
  if (loaded.docs.length === 0) throw new FatalError(`no sources found in ${sourcePatterns.join(', ')}`);

  const problems: Array<{ path: string; message: string }> = [];
  const draftFiles = await findFiles(args.drafts, cwd, isDraft, problems);
  if (problems.length > 0) throw new FatalError(problems[0].message);
  if (draftFiles.length === 0) throw new FatalError(`no drafts match ${args.drafts.join(' ')}`);

  // Evidence paths are shown relative to the working directory, like the drafts.
  const corpus = new Corpus(loaded.docs.map((d) => ({ ...d, path: path.relative(cwd, d.path) || d.path })));
  const files: FileReport[] = [];
  for (const file of draftFiles) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new FatalError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e})`);
    }
    const shown = path.isAbsolute(args.drafts[0] ?? '') ? file : path.relative(cwd, file) || file;
    files.push({ path: shown, report: checkDraft(corpus, text, { markdown: !/\.txt$/i.test(file) }) });
  }

  const color = args.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  const output = args.format === 'json' ? toJson(files) : args.format === 'sarif' ? toSarif(files, VERSION) : toText(files, { color, quiet: args.quiet });
  process.stdout.write(output + '\n');

  const s = summarise(files);
  if (args.failOn === 'never') return 0;
  if (s.conflict > 0) return 1;
  if (args.failOn === 'unsupported' && (s.unsupported > 0 || s.unknownCitations > 0)) return 1;
  return 0;
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (args.command === 'version') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    return await check(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`corroborate: ${e.message}\nRun "corroborate --help" for usage.\n`);
      return 2;
    }
    if (e instanceof FatalError) {
      process.stderr.write(`corroborate: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`corroborate: internal error: ${e instanceof Error ? (e.stack ?? e.message) : e}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
