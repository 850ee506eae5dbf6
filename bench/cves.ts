import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFixtures } from '../test/fixtures/images.js';
import { advisoryCacheDir, benchAdvisoryDb } from './advisory-db.js';
import { type Bench, median } from './types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = 5;

function wall(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const out = spawnSync(process.execPath, [join(root, 'bin/crowsnest.js'), ...args], {
    env,
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  if (out.status !== 0 && out.status !== 2) throw new Error(`crowsnest ${args.join(' ')}: ${out.stderr}`);
  return ms;
}

export const cvesBench: Bench = {
  name: 'cves',
  description:
    'crowsnest cves on the fixture image, whole-process wall time: cold (no SBOM cache), warm, and SBOM alone',
  async run(log) {
    const fixtures = await ensureFixtures();
    // the CLI finds the shared import as its default database under CROWSNEST_CACHE_DIR
    await benchAdvisoryDb(log);
    const cache = advisoryCacheDir;
    const env = { ...process.env, CROWSNEST_CACHE_DIR: cache };
    const image = [`oci-dir://${fixtures.layout}`, '--ref', 'app'];
    const sbom: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      sbom.push(wall(['sbom', ...image, '--no-cache', '--format', 'json'], env));
      cold.push(wall(['cves', ...image, '--no-cache'], env));
      rmSync(join(cache, 'sboms'), { recursive: true, force: true });
      wall(['cves', ...image], env);
      warm.push(wall(['cves', ...image], env));
    }
    const baseline = wall(['--version'], env);
    log(`advisory DB: all of ../shared/advisories; image: fixture app (139 packages)`);
    log(`node + crowsnest --version  ${baseline.toFixed(0)} ms`);
    log(`sbom (no cache)             median ${median(sbom).toFixed(0)} ms`);
    log(
      `cves cold (no SBOM cache)   median ${median(cold).toFixed(0)} ms  = ${(median(cold) / median(sbom)).toFixed(2)}x the SBOM step (goal <= 1.3x)`,
    );
    log(
      `cves warm (SBOM cached)     median ${median(warm).toFixed(0)} ms  (goal < 500 ms including Node start)`,
    );
  },
};
