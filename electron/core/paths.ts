import os from 'node:os';
import path from 'node:path';

const APP_FOLDER = 'Haltwatch';

/**
 * The data folder the desktop app uses (Electron's userData for the product name), so the CLI and
 * headless mode see the same history and settings. HALTWATCH_DATA_DIR overrides it.
 */
export function defaultDataDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.HALTWATCH_DATA_DIR) return path.resolve(env.HALTWATCH_DATA_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

export const SERVICES_FILE = 'services.json';
export const SETTINGS_FILE = 'settings.json';
export const TOKEN_FILE = 'api-token';
export const OPERATOR_TOKEN_FILE = 'operator-token';
