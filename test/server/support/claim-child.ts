import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OpenStoreOptions } from '../../../src/store/types.js';

const openJs = fileURLToPath(new URL('../../../dist/store/open.js', import.meta.url));

// claims one job at a time until none is left, printing the ids it got (built dist/, as `serve` runs it)
const script = `
const [openJs, options, kind, worker, startAt, now] = process.argv.slice(1);
const { openStore } = await import(openJs);
const store = await openStore(JSON.parse(options));
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const got = [];
for (;;) {
  const jobs = await store.jobs.claim(worker, { kinds: [kind], leaseMs: 60000, limit: 1, now });
  if (!jobs.length) break;
  got.push(...jobs.map((j) => j.id));
}
await store.close();
process.stdout.write(JSON.stringify(got));
`;

/** Claims jobs of `kind` from another process, starting at `startAt` (ms since the epoch). */
export function claimInChild(
  options: OpenStoreOptions,
  kind: string,
  worker: string,
  startAt: number,
  now: string,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const args = [
      '--input-type=module',
      '-e',
      script,
      openJs,
      JSON.stringify(options),
      kind,
      worker,
      String(startAt),
      now,
    ];
    execFile(process.execPath, args, (error, stdout, stderr) => {
      if (error) reject(new Error(`claiming child failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as string[]);
    });
  });
}
