// Pull analytics bench: node --expose-gc bench/analytics.mjs [events] (after `npm run build`).
// Ingest + classify + aggregate a synthetic workload; each report timed against its SQL run directly in DuckDB.
import { runAnalyticsBench } from '../dist/analytics/bench.js';

const events = Number(process.argv[2] ?? 10_000_000);
const between = typeof globalThis.gc === 'function' ? () => globalThis.gc() : undefined;
const result = await runAnalyticsBench({ events, between, log: (line) => console.error(line) });
console.log(
  `events ${result.events}, actions ${result.actions}, database ${(result.dbBytes / 1e6).toFixed(0)} MB`,
);
console.log(
  `ingest + classify + store: ${result.ingestSeconds.toFixed(1)} s, ${result.ingestEventsPerSecond} events/s (${result.cpuSecondsPerMillionEvents.toFixed(2)} CPU s per million)`,
);
console.log(
  `with aggregation (${result.aggregateSeconds.toFixed(1)} s of reports): ${result.endToEndEventsPerSecond} events/s`,
);
console.log('report                   period     rows      report ms  direct ms  copy ms  ratio');
for (const r of result.reports) {
  console.log(
    `${r.report.padEnd(24)} ${r.period.padEnd(10)} ${String(r.rows).padStart(8)} ${r.reportMs.toFixed(0).padStart(10)} ${r.directMs.toFixed(0).padStart(10)} ${r.copyMs.toFixed(0).padStart(8)}  ${r.ratio.toFixed(2)}`,
  );
}
console.log(JSON.stringify(result));
