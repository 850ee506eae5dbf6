// Runs the benchmarks: `npm run bench` (all) or `npm run bench -- image-read sbom` (some).
// Every figure is a ratio against a baseline run in the same process or command, never a timed test.
import { apiBench } from './api.js';
import { cvesBench } from './cves.js';
import { imageReadBench } from './image-read.js';
import { advisoriesBench, analyticsBench } from './legacy.js';
import { reevaluateBench } from './reevaluate.js';
import { sbomBench } from './sbom.js';
import type { Bench } from './types.js';

const benches: Bench[] = [
  imageReadBench,
  sbomBench,
  cvesBench,
  advisoriesBench,
  analyticsBench,
  reevaluateBench,
  apiBench,
];

const wanted = process.argv.slice(2);
for (const bench of benches) {
  if (wanted.length && !wanted.includes(bench.name)) continue;
  console.log(`\n## ${bench.name}: ${bench.description}`);
  const started = performance.now();
  await bench.run((line) => console.log(line));
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
