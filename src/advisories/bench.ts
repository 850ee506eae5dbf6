import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runImport } from './import/run.js';
import type { Advisory } from './model.js';
import { openAdvisoryDb } from './store/index.js';

export interface AdvisoryBenchFigures {
  import: {
    seconds: number;
    /** CPU seconds of this process (xz runs in a child and is not counted). */
    cpuSeconds: number;
    /** Advisories, KEV entries and EPSS scores stored. */
    records: number;
    recordsPerSecond: number;
    dbBytes: number;
    perSource: { source: string; status: string; records: number; seconds: number }[];
  };
  lookups: {
    count: number;
    /**
     * Wall time of 1,000 look-ups through a freshly opened reader (cold: no head cached, look-up code not
     * yet optimised), each returning the full Advisory objects the matcher uses. Records are parsed as
     * they are read (store/lazy-advisory.ts): the two figures after this one time those reads.
     */
    totalMs: number;
    /** CPU time of that pass: the figure least disturbed by other work on the machine. */
    cpuMs: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    /** Then what the matcher reads of every record returned: withdrawn, source, id, and the slice. */
    matcherReadMs: number;
    /** Then every field of every record (JSON.stringify of each): the cost deferred, in full. */
    wholeRecordsMs: number;
    /** The same look-ups again through the same reader (heads cached). */
    warmTotalMs: number;
    /** 1,000 look-ups of packages with no advisories (the common case when matching an image). */
    missTotalMs: number;
    /** Advisories returned over all look-ups, and by the heaviest 1% of them. */
    advisories: number;
    heaviestShare: number;
  };
}

/** A small seeded generator, so every run looks up the same packages. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Imports `<sharedDir>/advisories` into a fresh database, then times 1,000 package look-ups drawn (seeded)
 * from every (ecosystem, package) the database knows, through a freshly opened reader, and then the
 * reads of the records they returned.
 */
export async function runAdvisoryBench(sharedDir: string, lookups = 1000): Promise<AdvisoryBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-bench-'));
  const dbPath = join(dir, 'advisories.db');
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await runImport({ dbPath, path: join(sharedDir, 'advisories') });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const db = openAdvisoryDb(dbPath);
    const status = db.status();
    db.close();
    const records = status.advisories + status.kev + status.epss;
    const imported: AdvisoryBenchFigures['import'] = {
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      records,
      recordsPerSecond: Math.round(records / seconds),
      dbBytes: statSync(dbPath).size,
      perSource: report.outcomes.map((o) => ({
        source: o.source,
        status: o.status,
        records: o.records,
        seconds: o.durationMs / 1000,
      })),
    };
    await settled();
    return { import: imported, lookups: timeLookups(dbPath, lookups) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Collects the import's garbage and lets the collector's helper threads finish, so the look-ups are
 * neither charged for it nor share the CPU with it (the bench runs node with --expose-gc).
 */
async function settled(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 250));
}

function timeLookups(dbPath: string, count: number): AdvisoryBenchFigures['lookups'] {
  const sample = samplePackages(dbPath, count);
  const db = openAdvisoryDb(dbPath);
  const times: number[] = [];
  const results: Advisory[][] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const pair of sample) {
    const t = performance.now();
    results.push(db.byPackage(pair.ecosystem, pair.name));
    times.push(performance.now() - t);
  }
  const totalMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const matcherReadMs = timed(() => readAsMatcher(results));
  const wholeRecordsMs = timed(() => {
    for (const list of results) for (const advisory of list) JSON.stringify(advisory);
  });
  const warmTotalMs = timed(() => {
    for (const pair of sample) db.byPackage(pair.ecosystem, pair.name);
  });
  const missTotalMs = timed(() => {
    for (const pair of sample) db.byPackage(pair.ecosystem, `${pair.name}-not-a-package`);
  });
  db.close();
  const sizes = results.map((list) => list.length);
  const advisories = sizes.reduce((a, b) => a + b, 0);
  const heaviest = [...sizes].sort((a, b) => b - a).slice(0, Math.ceil(count / 100));
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return {
    count,
    totalMs,
    cpuMs: (used.user + used.system) / 1000,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: times.at(-1) ?? 0,
    matcherReadMs,
    wholeRecordsMs,
    warmTotalMs,
    missTotalMs,
    advisories,
    heaviestShare: advisories ? heaviest.reduce((a, b) => a + b, 0) / advisories : 0,
  };
}

/** `count` (ecosystem, package) pairs drawn, seeded, from every package the database knows. */
function samplePackages(dbPath: string, count: number): { ecosystem: string; name: string }[] {
  const raw = new Database(dbPath, { readonly: true });
  const pairs = raw.prepare('SELECT ecosystem, name FROM package_lists ORDER BY ecosystem, name').all() as {
    ecosystem: string;
    name: string;
  }[];
  raw.close();
  const random = seeded(42);
  return Array.from({ length: count }, () => pairs[Math.floor(random() * pairs.length)]!);
}

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** What the distro and language matchers read of every record a look-up returns. */
function readAsMatcher(results: readonly Advisory[][]): number {
  let n = 0;
  for (const list of results) {
    for (const advisory of list) {
      if (advisory.withdrawn) continue;
      n += advisory.source.length + advisory.id.length;
      n += (advisory.distro_statuses ?? advisory.affected).length;
    }
  }
  return n;
}
