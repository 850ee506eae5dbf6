import { homedir } from 'node:os';
import { join } from 'node:path';

export const DB_FILE_NAME = 'advisories.db';

/** `$CROWSNEST_CACHE_DIR`, else `$XDG_CACHE_HOME/crowsnest`, else `~/.cache/crowsnest`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CROWSNEST_CACHE_DIR) return env.CROWSNEST_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'crowsnest');
  return join(env.HOME || homedir(), '.cache', 'crowsnest');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), DB_FILE_NAME);
}
