/**
 * The `corroborate.*` settings, shared by the VS Code client (which reads them) and the language
 * server (which asks for them per resource with `workspace/configuration`).
 *
 * `package.json` `contributes.configuration` is the user-facing schema; a unit test keeps its keys
 * equal to the keys of `defaultSettings`. To add a setting: package.json → `Settings` and
 * `defaultSettings` here → `parseSettings` → use it in the server.
 */

/** How a finding is shown; `off` hides it. */
export type SeverityLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** How the *Cite* quick fix writes a citation. */
export type CitationStyle = 'pandoc' | 'footnote' | 'link';

/** When drafts are re-checked: while typing, or only when saved. */
export type CheckOn = 'type' | 'save';

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface Settings {
  /** Globs or folders of the sources, relative to the workspace folder. */
  readonly sources: readonly string[];
  readonly citation: { readonly style: CitationStyle };
  readonly severity: {
    /** Numbers, dates, names, negations or quotes that contradict a source. */
    readonly conflict: SeverityLevel;
    /** Claims that no source states. */
    readonly unsupported: SeverityLevel;
    /** Citations of unknown sources, or of sources that do not say what the sentence says. */
    readonly citation: SeverityLevel;
  };
  readonly checkOn: CheckOn;
  /** Read by vscode-languageclient itself (the client id is `corroborate`). */
  readonly trace: { readonly server: TraceLevel };
}

export const SETTINGS_SECTION = 'corroborate';

export const defaultSettings: Settings = Object.freeze({
  sources: Object.freeze(['sources/**']),
  citation: Object.freeze({ style: 'pandoc' as const }),
  severity: Object.freeze({ conflict: 'warning' as const, unsupported: 'information' as const, citation: 'warning' as const }),
  checkOn: 'type' as const,
  trace: Object.freeze({ server: 'off' as const }),
});

const SEVERITIES: readonly SeverityLevel[] = ['error', 'warning', 'information', 'hint', 'off'];
const CITATION_STYLES: readonly CitationStyle[] = ['pandoc', 'footnote', 'link'];
const CHECK_ON: readonly CheckOn[] = ['type', 'save'];
const TRACE_LEVELS: readonly TraceLevel[] = ['off', 'messages', 'verbose'];

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Reads a value as `Settings`, keeping every well-formed field and using the default for the
 * rest. Settings come from hand-edited JSON, so nothing here throws.
 *
 * Accepts both the nested shape (`{ severity: { conflict } }`) and VS Code's dotted keys
 * (`{ 'severity.conflict': … }`), which is what a `.vscode/settings.json` object looks like.
 */
export function parseSettings(value: unknown): Settings {
  const raw = record(value);
  const get = (dotted: string): unknown => {
    if (dotted in raw) return raw[dotted];
    let node: unknown = raw;
    for (const part of dotted.split('.')) node = record(node)[part];
    return node;
  };
  const sources = get('sources');
  const patterns = Array.isArray(sources) ? sources.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : undefined;
  return {
    sources: patterns && patterns.length > 0 ? patterns : defaultSettings.sources,
    citation: { style: oneOf(CITATION_STYLES, get('citation.style'), defaultSettings.citation.style) },
    severity: {
      conflict: oneOf(SEVERITIES, get('severity.conflict'), defaultSettings.severity.conflict),
      unsupported: oneOf(SEVERITIES, get('severity.unsupported'), defaultSettings.severity.unsupported),
      citation: oneOf(SEVERITIES, get('severity.citation'), defaultSettings.severity.citation),
    },
    checkOn: oneOf(CHECK_ON, get('checkOn'), defaultSettings.checkOn),
    trace: { server: oneOf(TRACE_LEVELS, get('trace.server'), defaultSettings.trace.server) },
  };
}

/** The dotted keys of a settings object (`citation.style`, …), for schema checks. */
export function settingKeys(settings: object = defaultSettings, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(settings)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) keys.push(...settingKeys(v, `${prefix}${k}.`));
    else keys.push(prefix + k);
  }
  return keys.sort();
}
