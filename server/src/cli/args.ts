/** Command-line arguments of `corroborate`. A bad argument throws a UsageError (exit code 2). */

export class UsageError extends Error {}

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = 'conflict' | 'unsupported' | 'never';

export interface CheckArgs {
  command: 'check';
  sources: string[];
  format: Format;
  failOn: FailOn;
  drafts: string[];
  color: boolean | undefined;
  quiet: boolean;
  /** Cache directory (`--cache`); undefined: `.corroborate/cache` in the working directory. */
  cache: string | undefined;
  /** `--no-cache`: neither read nor write the persisted index. */
  noCache: boolean;
  /** `--max-source-mb`: size limit of one source file, in MB. */
  maxSourceMb: number | undefined;
}

export type BibFormat = 'csl-json' | 'bibtex';

/** `corroborate bib`: the bibliography of the sources drafts cite. */
export interface BibArgs extends Pick<CheckArgs, 'sources' | 'drafts' | 'cache' | 'noCache' | 'maxSourceMb'> {
  command: 'bib';
  format: BibFormat;
  out: string | undefined;
}

export interface HelpArgs {
  command: 'help' | 'version';
}

export const USAGE = `Usage: corroborate check [options] <draft files or globs>...
       corroborate bib [--sources ...] [--format csl-json|bibtex] [--out file] <drafts>...

Checks every factual claim of Markdown or text drafts against a folder of sources.

Options:
  --sources <dir or glob>   Sources to check against (repeatable). Default: the "sources" key of
                            the nearest .corroborate.json, else ./sources
  --format text|json|sarif  Output format (default: text)
  --fail-on conflict|unsupported|never
                            Exit with code 1 when findings at or above this level exist
                            (default: conflict)
  --color, --no-color       Force colour on or off (default: on when writing to a terminal)
  --quiet                   Text format: print findings only, not supported claims
  --cache <dir>             Where the source index is kept (default: .corroborate/cache)
  --no-cache                Do not read or write the source index cache
  --max-source-mb <n>       Skip source files larger than this (default: 50)
  -h, --help                Show this help
  -v, --version             Show the version

bib writes the bibliography (CSL-JSON by default, or BibTeX) of the sources the drafts cite, to
stdout or to --out; it takes --sources, --cache, --no-cache and --max-source-mb too.

Sources: .md, .txt, .html/.htm, .pdf and .docx files. A draft's front matter "bibliography:"
(CSL-JSON or BibTeX) maps its citation keys to sources by id, URL, DOI or file.
Set CORROBORATE_STATS=1 to print how many sources were read and how many came from the cache.

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or I/O error.`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) throw new UsageError(`${flag} needs a value (${allowed.join('|')})`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

export function parseArgs(argv: readonly string[]): CheckArgs | BibArgs | HelpArgs {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: 'version' };
  if (argv[0] !== 'check' && argv[0] !== 'bib') throw new UsageError(`unknown command "${argv[0]}" (expected "check" or "bib")`);
  const out: CheckArgs = { command: 'check', sources: [], format: 'text', failOn: 'conflict', drafts: [], color: undefined, quiet: false, cache: undefined, noCache: false, maxSourceMb: undefined };
  const bib = argv[0] === 'bib';
  let bibFormat: BibFormat = 'csl-json';
  let bibOut: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--sources':
        out.sources.push(value());
        break;
      case '--format':
        if (bib) bibFormat = oneOf(flag, value(), ['csl-json', 'bibtex'] as const);
        else out.format = oneOf(flag, value(), ['text', 'json', 'sarif'] as const);
        break;
      case '--out':
      case '-o':
        if (!bib) throw new UsageError(`${flag} is an option of "bib"`);
        bibOut = value();
        break;
      case '--cache':
        out.cache = value();
        break;
      case '--no-cache':
        out.noCache = true;
        break;
      case '--max-source-mb': {
        const v = value();
        const n = Number(v);
        if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(n > 0)) throw new UsageError(`--max-source-mb must be a positive number; got "${v}"`);
        out.maxSourceMb = n;
        break;
      }
      case '--fail-on':
        out.failOn = oneOf(flag, value(), ['conflict', 'unsupported', 'never'] as const);
        break;
      case '--color':
        out.color = true;
        break;
      case '--no-color':
        out.color = false;
        break;
      case '--quiet':
      case '-q':
        out.quiet = true;
        break;
      case '-h':
      case '--help':
        return { command: 'help' };
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"`);
        out.drafts.push(a);
    }
  }
  if (out.drafts.length === 0) throw new UsageError('no draft files given');
  if (bib) return { command: 'bib', sources: out.sources, drafts: out.drafts, cache: out.cache, noCache: out.noCache, maxSourceMb: out.maxSourceMb, format: bibFormat, out: bibOut };
  return out;
}
