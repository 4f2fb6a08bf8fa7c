import * as path from 'node:path';
import { checkDraft } from '../engine';
import { parseArgs, UsageError, USAGE, type CheckArgs } from './args';
import { FatalError, applyBibliography, findDrafts, loadCliCorpus, readDraft } from './sources';
import { bib } from './bib';
import { summarise, toJson, toSarif, toText, type FileReport } from './formats';
import { preferSmallHeap } from '../memory';
import { keepTextsOnDisk } from '../corpus/spillFile';

preferSmallHeap();
// Source texts wait on disk (a temp file) until a check reads them.
keepTextsOnDisk();

declare const CORROBORATE_VERSION: string | undefined;
const VERSION = typeof CORROBORATE_VERSION === 'string' ? CORROBORATE_VERSION : '0.1.0';


async function check(args: CheckArgs): Promise<number> {
  const cwd = process.cwd();
  const { corpus } = await loadCliCorpus(args, cwd);

  const draftFiles = await findDrafts(args.drafts, cwd);

  const files: FileReport[] = [];
  for (const file of draftFiles) {
    const text = await readDraft(file);
    applyBibliography(corpus, file, text);
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
    if (args.command === 'bib') return await bib(args);
    if (args.command === 'check') return await check(args);
    return 2;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`corroborate: ${e.message} (see corroborate --help)\n`);
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
