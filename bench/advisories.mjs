// Advisory database benchmark: full import of ../shared/advisories, then 1,000 package look-ups.
// Run after `npm run build`: node bench/advisories.mjs [path/to/shared]
import { fileURLToPath } from 'node:url';
import { runAdvisoryBench } from '../dist/advisories/bench.js';

const shared = process.argv[2] ?? fileURLToPath(new URL('../../shared', import.meta.url));
const f = await runAdvisoryBench(shared);
const ms = (n) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
console.log(
  `advisories: import ${f.import.records.toLocaleString('en-US')} records in ${f.import.seconds.toFixed(1)} s (CPU ${f.import.cpuSeconds.toFixed(1)} s)`,
);
console.log(
  `  ${f.import.recordsPerSecond.toLocaleString('en-US')} records/s, database ${(f.import.dbBytes / 1e6).toFixed(0)} MB`,
);
for (const s of f.import.perSource)
  console.log(`  ${s.source.padEnd(20)} ${String(s.records).padStart(8)}  ${s.seconds.toFixed(1)} s`);
const l = f.lookups;
console.log(
  `advisories: ${l.count} package look-ups in ${ms(l.totalMs)} (CPU ${ms(l.cpuMs)}), warm ${ms(l.warmTotalMs)}, absent packages ${ms(l.missTotalMs)}`,
);
console.log(
  `  p50 ${ms(l.p50Ms)}, p99 ${ms(l.p99Ms)}, max ${ms(l.maxMs)}; ${l.advisories} advisories returned, ${(l.heaviestShare * 100).toFixed(0)}% by the heaviest 1%`,
);
console.log(
  `  records are parsed as read: then the matcher's reads of them all ${ms(l.matcherReadMs)}, every field of every record ${ms(l.wholeRecordsMs)}`,
);
