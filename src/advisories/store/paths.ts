import { join } from 'node:path';
import { cacheDir } from '../../core/paths.js';

export { cacheDir };

export const DB_FILE_NAME = 'advisories.db';

/** The advisory database in the cache directory (see src/core/paths.ts). */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), DB_FILE_NAME);
}
