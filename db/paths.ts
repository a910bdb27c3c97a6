import { homedir } from 'node:os';
import { join } from 'node:path';

/** The file name of the database inside the data folder. */
export const DATABASE_FILE = 'rapport.db';

/** The product name; Electron names the user-data folder after it. */
const PRODUCT_NAME = 'Rapport';

/**
 * The OS user-data folder Electron's `app.getPath('userData')` uses for Rapport, so the CLI and the
 * desktop app open the same database by default. `RAPPORT_DATA_DIR` overrides it.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.RAPPORT_DATA_DIR) return env.RAPPORT_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}
