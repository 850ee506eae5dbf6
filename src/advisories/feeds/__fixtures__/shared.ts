import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/advisories beside the checkout (CI always has it); CROWSNEST_SHARED_DIR overrides. */
export const sharedAdvisories = process.env.CROWSNEST_SHARED_DIR
  ? join(process.env.CROWSNEST_SHARED_DIR, 'advisories')
  : resolve(fileURLToPath(new URL('../../../../../shared/advisories', import.meta.url)));

/** The path of a shared file, or undefined (with the reason printed once) when it is absent. */
export function sharedFile(relative: string): string | undefined {
  const path = join(sharedAdvisories, relative);
  if (existsSync(path)) return path;
  console.warn(`skipping tests on real data: ${path} is absent (set CROWSNEST_SHARED_DIR to ../shared)`);
  return undefined;
}

export const fixtures = fileURLToPath(new URL('.', import.meta.url));
