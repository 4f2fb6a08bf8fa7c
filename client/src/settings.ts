import { workspace, type ConfigurationScope } from 'vscode';
import { parseSettings, settingKeys, SETTINGS_SECTION, type Settings } from '../../server/src/protocol/settings';

/** The `corroborate.*` settings for a resource (a folder or a file), checked and completed. */
export function readSettings(scope?: ConfigurationScope | null): Settings {
  const config = workspace.getConfiguration(SETTINGS_SECTION, scope);
  return parseSettings(Object.fromEntries(settingKeys().map((key) => [key, config.get(key)])));
}
