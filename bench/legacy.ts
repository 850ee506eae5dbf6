import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench } from './types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Benches written as plain scripts over dist/ (built by `npm run build`), run as they are. */
function script(name: string, file: string, description: string, args: string[] = []): Bench {
  return {
    name,
    description,
    async run(log) {
      const out = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', file), ...args], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      for (const line of out.stdout.trimEnd().split('\n')) log(line);
      if (out.status !== 0) log(`failed: ${out.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    },
  };
}

export const advisoriesBench = script(
  'advisories',
  'advisories.mjs',
  'full import of ../shared/advisories and 1,000 package look-ups',
);
export const analyticsBench = script(
  'analytics',
  'analytics.mjs',
  'ingest + classify + aggregate 10 million synthetic pull events; reports vs the same SQL in DuckDB',
);
