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
}

export interface HelpArgs {
  command: 'help' | 'version';
}

export const USAGE = `Usage: corroborate check [options] <draft files or globs>...

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
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or I/O error.`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) throw new UsageError(`${flag} needs a value (${allowed.join('|')})`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

export function parseArgs(argv: readonly string[]): CheckArgs | HelpArgs {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: 'version' };
  if (argv[0] !== 'check') throw new UsageError(`unknown command "${argv[0]}" (expected "check")`);
  const out: CheckArgs = { command: 'check', sources: [], format: 'text', failOn: 'conflict', drafts: [], color: undefined, quiet: false };
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
        out.format = oneOf(flag, value(), ['text', 'json', 'sarif'] as const);
        break;
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
  return out;
}
