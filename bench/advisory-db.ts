import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runImport } from '../src/advisories/import/run.js';
import { SCHEMA_VERSION } from '../src/advisories/store/schema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The cache folder the benches share for ../shared/advisories imported once. One per store layout: a new
 * layout imports afresh instead of failing on the old file.
 */
export const advisoryCacheDir = join(root, '.cache', 'bench', `cves-cache-v${SCHEMA_VERSION}`);

/** `<advisoryCacheDir>/advisories.db`, importing ../shared/advisories into it the first time. */
export async function benchAdvisoryDb(log: (line: string) => void): Promise<string> {
  const dbPath = join(advisoryCacheDir, 'advisories.db');
  if (!existsSync(dbPath)) {
    log('importing ../shared/advisories (once per store layout)');
    mkdirSync(dirname(dbPath), { recursive: true });
    await runImport({ dbPath, path: join(root, '..', 'shared', 'advisories') });
  }
  return dbPath;
}
