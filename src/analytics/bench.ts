import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PullIngest } from './ingest.js';
import { dayOf, isoWeekLabel, type Period, parsePeriod, periodOf } from './periods.js';
import { reportCsv, reportSql } from './reports/index.js';
import { type AnalyticsSettings, defaultSettings } from './settings.js';
import type { WorkerOptions } from './shard/workers.js';
import { AnalyticsStore } from './store/store.js';
import { generateRequests } from './synthetic/generator.js';

export interface BenchOptions {
  events: number;
  days?: number;
  seed?: number;
  /** First day, YYYY-MM-DD (default 2026-07-06, a Monday). */
  start?: string;
  /** Called between generated batches (untimed), e.g. `gc` under `--expose-gc`. */
  between?: () => void;
  /**
   * Worker threads for dedupe, classification and enrichment (0: all in the ingest's thread). Default:
   * CROWSNEST_BENCH_WORKERS, else 2 on a machine with two cores or more.
   */
  workers?: number | WorkerOptions;
  log?: (line: string) => void;
}

export interface ReportTiming {
  report: string;
  period: string;
  rows: number;
  /** Our report: SQL through the store, streamed and formatted as CSV in JS. */
  reportMs: number;
  /** The same SQL run directly in DuckDB: materialised, and `COPY … TO` a CSV file. */
  directMs: number;
  copyMs: number;
  ratio: number;
}

export interface BenchResult {
  events: number;
  actions: number;
  workers: number;
  /** Opening the ingest (lookup tables, workers): once per import, not counted in the ingest time. */
  openSeconds: number;
  ingestSeconds: number;
  ingestEventsPerSecond: number;
  cpuSecondsPerMillionEvents: number;
  aggregateSeconds: number;
  endToEndEventsPerSecond: number;
  dbBytes: number;
  reports: ReportTiming[];
}

const now = () => performance.now();

function workersOf(options: BenchOptions): number | WorkerOptions {
  if (options.workers !== undefined) return options.workers;
  const env = process.env.CROWSNEST_BENCH_WORKERS;
  if (env && Number.isInteger(Number(env)) && Number(env) >= 0) return Number(env);
  return availableParallelism() > 1 ? 2 : 0;
}

const countOf = (workers: number | WorkerOptions) => (typeof workers === 'number' ? workers : workers.count);

async function ingestAll(store: AnalyticsStore, settings: AnalyticsSettings, options: BenchOptions) {
  const startDay = dayOf(Date.parse(`${options.start ?? '2026-07-06'}T00:00:00Z`));
  const opened = now();
  const ingest = await PullIngest.open(store, settings, {
    now: () => Date.UTC(2030, 0, 1),
    workers: workersOf(options),
  });
  const openMs = now() - opened;
  let elapsed = 0;
  let cpu = 0;
  let events = 0;
  for (const batch of generateRequests({
    events: options.events,
    seed: options.seed ?? 1,
    startDay,
    days: options.days ?? 91,
  })) {
    options.between?.();
    const t = now();
    const c = process.cpuUsage();
    for (const request of batch) ingest.push(request);
    if (ingest.needsFlush) await ingest.flush();
    // Nothing runs on in the background while the next batch is generated (untimed).
    await ingest.settle();
    const used = process.cpuUsage(c);
    cpu += used.user + used.system;
    elapsed += now() - t;
    events += batch.length;
  }
  const t = now();
  const c = process.cpuUsage();
  const stats = await ingest.finish();
  const used = process.cpuUsage(c);
  return {
    stats,
    events,
    ms: elapsed + now() - t,
    cpuMicros: cpu + used.user + used.system,
    startDay,
    openMs,
  };
}

/** Premium reports need badges and tracked domains: give them to the busiest repositories and companies. */
async function benchSettings(store: AnalyticsStore, settings: AnalyticsSettings): Promise<void> {
  const repos = await store.rows(
    'SELECT l.value FROM pull_actions a JOIN analytics_labels l ON l.id = a.repository_id GROUP BY l.value ORDER BY COUNT(*) DESC LIMIT 3',
  );
  const companies = await store.rows(
    'SELECT l.value FROM pull_actions a JOIN analytics_labels l ON l.id = a.company_id WHERE a.company_id <> 0 GROUP BY l.value ORDER BY COUNT(*) DESC LIMIT 10',
  );
  for (const [repo] of repos) settings.badges[String(repo)] = ['verified_publisher'];
  for (const [repo] of repos) {
    const namespace = String(repo).split('/')[0] as string;
    settings.publishers[namespace] = {
      namespaces: [namespace],
      trackedDomains: companies.map(([c]) => String(c)),
    };
  }
}

async function timeReport(
  store: AnalyticsStore,
  settings: AnalyticsSettings,
  name: string,
  period: Period,
  dir: string,
) {
  let rows = -1;
  const t = now();
  for await (const chunk of reportCsv(store, settings, name, { period, now: Date.UTC(2030, 0, 1) })) {
    rows += chunk.split('\n').length - 1;
  }
  const reportMs = now() - t;
  const sql = reportSql(store, settings, name, { period });
  const d = now();
  await store.rows(sql);
  const directMs = now() - d;
  const p = now();
  await store.run(`COPY (${sql}) TO '${join(dir, `${name}.csv`)}' (HEADER)`);
  const copyMs = now() - p;
  return { report: name, period: period.label, rows, reportMs, directMs, copyMs, ratio: reportMs / directMs };
}

/**
 * Ingest + classify + aggregate a synthetic workload into a fresh DuckDB file, then time every report
 * against the same SQL run directly in DuckDB over the classified table.
 */
export async function runAnalyticsBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-bench-'));
  const store = await AnalyticsStore.open(join(dir, 'analytics.duckdb'));
  try {
    const settings = defaultSettings();
    const ingested = await ingestAll(store, settings, options);
    log(`ingested ${ingested.events} events in ${(ingested.ms / 1000).toFixed(1)} s`);
    await store.run('CHECKPOINT');
    await benchSettings(store, settings);
    const month = periodOf(ingested.startDay + 35, 'monthly');
    const week = parsePeriod(isoWeekLabel(ingested.startDay + 35), 'weekly');
    const reports: ReportTiming[] = [];
    for (const name of [
      'summary',
      'trends',
      'technographic',
      'technographic-companies',
      'tracked-companies',
      'raw',
    ]) {
      for (const period of name === 'raw' ? [week] : [month, week]) {
        reports.push(await timeReport(store, settings, name, period, dir));
        log(`${name} ${period.label}: ${reports.at(-1)?.reportMs.toFixed(0)} ms`);
      }
    }
    const aggregateMs = reports.reduce((sum, r) => sum + r.reportMs, 0);
    const [[bytes]] = (await store.rows(
      'SELECT SUM(total_blocks * block_size) FROM pragma_database_size()',
    )) as [[number]];
    return {
      events: ingested.events,
      actions: ingested.stats.actions,
      workers: countOf(workersOf(options)),
      openSeconds: ingested.openMs / 1000,
      ingestSeconds: ingested.ms / 1000,
      ingestEventsPerSecond: Math.round(ingested.events / (ingested.ms / 1000)),
      cpuSecondsPerMillionEvents: ingested.cpuMicros / ingested.events,
      aggregateSeconds: aggregateMs / 1000,
      endToEndEventsPerSecond: Math.round(ingested.events / ((ingested.ms + aggregateMs) / 1000)),
      dbBytes: Number(bytes),
      reports,
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
