import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache directory: $CROWSNEST_CACHE_DIR, else $XDG_CACHE_HOME/crowsnest, else ~/.cache/crowsnest. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CROWSNEST_CACHE_DIR) return env.CROWSNEST_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'crowsnest');
  return join(env.HOME || homedir(), '.cache', 'crowsnest');
}

/** The data directory: $CROWSNEST_DATA_DIR, else $XDG_DATA_HOME/crowsnest, else ~/.local/share/crowsnest. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CROWSNEST_DATA_DIR) return env.CROWSNEST_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'crowsnest');
  return join(env.HOME || homedir(), '.local', 'share', 'crowsnest');
}
