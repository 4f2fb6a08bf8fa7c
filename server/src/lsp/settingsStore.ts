import type { Connection } from 'vscode-languageserver';
import { defaultSettings, parseSettings, SETTINGS_SECTION, type Settings } from '../protocol/settings';
import type { Logger } from './logger';

/**
 * Settings per resource, asked of the client with `workspace/configuration`. The promise is
 * cached per scope URI and dropped on `workspace/didChangeConfiguration`; settings are never
 * kept in globals because each folder (even each file) may have its own.
 */
export class SettingsStore {
  readonly #cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly logger: Logger,
    private readonly clientAnswers: boolean,
  ) {}

  get(scopeUri: string): Promise<Settings> {
    if (!this.clientAnswers) return Promise.resolve(defaultSettings);
    let settings = this.#cache.get(scopeUri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }).then(parseSettings, (e: unknown) => {
        this.logger.error(`Could not read the settings for ${scopeUri}; using the defaults.`, e);
        return defaultSettings;
      });
      this.#cache.set(scopeUri, settings);
    }
    return settings;
  }

  clear(): void {
    this.#cache.clear();
  }
}
