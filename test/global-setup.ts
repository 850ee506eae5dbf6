import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureFixtures } from './fixtures/images.js';

/**
 * Builds dist/ once so end-to-end tests can run the real `crowsnest` binary, and builds the shared fixture
 * images (cached under .cache/fixtures, so only the first run on a machine pays for debootstrap).
 */
export default async function setup(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  // emit only: type errors are `npm run lint`'s job, and must not stop the tests that can run
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--noCheck'], { cwd: root, stdio: 'inherit' });
  await ensureFixtures();
}
