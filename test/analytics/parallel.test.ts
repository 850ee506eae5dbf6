import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestStats, PullIngest } from '../../src/analytics/ingest.js';
import { dayOf, type Granularity, isoWeekLabel, parsePeriod } from '../../src/analytics/periods.js';
import {
  deliveredOutOfOrder,
  scenarioRequests,
  scenarioSettings,
} from '../../src/analytics/reports/__fixtures__/scenario.js';
import { reportCsv, reports } from '../../src/analytics/reports/index.js';
import { type AnalyticsSettings, settingsSchema } from '../../src/analytics/settings.js';
import { AnalyticsStore } from '../../src/analytics/store/store.js';
import { generateRequests } from '../../src/analytics/synthetic/generator.js';
import type { ManifestRequest } from '../../src/analytics/types.js';

/**
 * Worker threads must change nothing but speed: the same events (out of order, duplicated, some late)
 * give the same stats, the same stored actions and byte-identical report CSVs with 0, 1 or 2 workers.
 * Workers run the TypeScript sources through test/analytics/ts-worker.mjs.
 */
const entry = new URL('./ts-worker.mjs', import.meta.url);
const REPORT_NOW = Date.UTC(2030, 0, 1);

interface Run {
  store: AnalyticsStore;
  stats: IngestStats;
}

/** Pushes `first`, ticks the clock to `tickAt` (what is older is settled), then pushes `rest`: late. */
async function ingest(
  workers: number,
  settings: AnalyticsSettings,
  first: ManifestRequest[],
  tickAt: number,
  rest: ManifestRequest[],
): Promise<Run> {
  const store = await AnalyticsStore.open(':memory:');
  let now = tickAt;
  const pulls = await PullIngest.open(store, settings, {
    now: () => now,
    batchRows: 97,
    ...(workers ? { workers: { count: workers, entry } } : {}),
  });
  for (const request of first) pulls.push(request);
  await pulls.tick();
  for (const request of rest) pulls.push(request);
  now = REPORT_NOW;
  return { store, stats: await pulls.finish() };
}

/** Every stored action with its texts, without the keyed hashes (each database has its own salts). */
async function actions(store: AnalyticsStore): Promise<string[]> {
  const labels = ['namespace', 'repository', 'method', 'tag', 'digest', 'country', 'csp', 'ip_type'];
  const more = ['tool', 'tool_version', 'domain', 'company', 'use_case'];
  const joins = [...labels, ...more].map(
    (c, i) => `LEFT JOIN analytics_labels l${i} ON l${i}.id = a.${c}_id`,
  );
  const texts = [...labels, ...more].map((_, i) => `l${i}.value`).join(', ');
  const rows = await store.rows(
    `SELECT action_key, ts, week_start, month_start, kind, authenticated, ${texts}
     FROM pull_actions a ${joins.join(' ')} ORDER BY ts, action_key`,
  );
  return rows.map((row) => JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
}

async function csvs(store: AnalyticsStore, settings: AnalyticsSettings, periods: [Granularity, string][]) {
  const out: Record<string, string> = {};
  for (const name of reports.keys()) {
    if (name.startsWith('extensions')) continue;
    for (const [granularity, label] of periods) {
      let text = '';
      const options = { period: parsePeriod(label, granularity), now: REPORT_NOW };
      for await (const chunk of reportCsv(store, settings, name, options)) text += chunk;
      out[`${name} ${label}`] = text;
    }
  }
  return out;
}

async function compare(
  workers: number[],
  settings: AnalyticsSettings,
  events: [ManifestRequest[], number, ManifestRequest[]],
  periods: [Granularity, string][],
) {
  const runs = [await ingest(0, settings, ...events)];
  try {
    for (const count of workers) runs.push(await ingest(count, settings, ...events));
    const [single, ...parallel] = runs as [Run, ...Run[]];
    const expected = { stats: single.stats, actions: await actions(single.store) };
    const reportsExpected = await csvs(single.store, settings, periods);
    for (const run of parallel) {
      expect({ stats: run.stats, actions: await actions(run.store) }).toEqual(expected);
      expect(await csvs(run.store, settings, periods)).toEqual(reportsExpected);
    }
    return { single, reports: reportsExpected };
  } finally {
    for (const run of runs) run.store.close();
  }
}

describe('ingest with worker threads', () => {
  it('the scenario week: same stats, actions and CSVs as one thread, duplicates and late events too', async () => {
    const delivered = deliveredOutOfOrder(scenarioRequests());
    const cut = Date.UTC(2026, 9, 1, 12);
    const early = delivered.filter((r) => r.ts < cut);
    // arriving after the clock passed them: late, and some of them redeliveries of early events
    const late = [...delivered.filter((r) => r.ts >= cut - 86_400_000), ...early.slice(0, 5)];
    const { single, reports: csv } = await compare(
      [2],
      scenarioSettings,
      [early, cut + 60_000, late],
      [
        ['weekly', '2026-W40'],
        ['monthly', '2026-09'],
        ['monthly', '2026-10'],
      ],
    );
    expect(single.stats.late).toBeGreaterThan(0);
    expect(single.stats.duplicates).toBeGreaterThan(5);
    expect(csv['technographic 2026-W40']?.split('\n').length).toBeGreaterThan(2);
  }, 60_000);

  it('a synthetic week of 20,000 requests from many clients', async () => {
    const startDay = dayOf(Date.UTC(2026, 8, 7));
    const requests = [...generateRequests({ events: 20_000, seed: 5, startDay, days: 7 })].flat();
    const cut = (startDay + 4) * 86_400_000;
    // the hour before the tick arrives after it: late; a minute of it twice: duplicates
    const first = requests.filter((r) => r.ts < cut - 3_600_000);
    const rest = requests.filter((r) => r.ts >= cut - 3_660_000);
    const names = [...new Set(requests.map((r) => r.repository))].slice(0, 4);
    const settings = settingsSchema.parse({
      badges: Object.fromEntries(names.map((name) => [name, ['verified_publisher']])),
    });
    const { single } = await compare(
      [1, 2],
      settings,
      [first, cut, rest],
      [
        ['weekly', isoWeekLabel(startDay)],
        ['monthly', '2026-09'],
      ],
    );
    expect(single.stats.actions).toBeGreaterThan(8_000);
    expect(single.stats.late).toBeGreaterThan(100);
  }, 60_000);
});

describe('importing the same events again with workers', () => {
  let store: AnalyticsStore;
  beforeAll(async () => {
    store = await AnalyticsStore.open(':memory:');
  });
  afterAll(() => store?.close());

  it('stores nothing new', async () => {
    const requests = deliveredOutOfOrder(scenarioRequests());
    const run = async () => {
      const pulls = await PullIngest.open(store, scenarioSettings, {
        now: () => REPORT_NOW,
        workers: { count: 2, entry },
      });
      for (const request of requests) pulls.push(request);
      return pulls.finish();
    };
    expect(await run()).toMatchObject({ actions: 52, stored: 52 });
    expect(await run()).toMatchObject({ actions: 52, stored: 0 });
    expect(await store.rows('SELECT count(*) FROM pull_actions')).toEqual([[52]]);
  }, 60_000);
});

describe('worker failures', () => {
  it('a worker that cannot start fails the open with a clear error', async () => {
    const store = await AnalyticsStore.open(':memory:');
    try {
      const missing = new URL('./no-such-worker.mjs', import.meta.url);
      await expect(
        PullIngest.open(store, scenarioSettings, { workers: { count: 2, entry: missing } }),
      ).rejects.toMatchObject({ code: 'E_INTERNAL', message: expect.stringContaining('analytics workers') });
    } finally {
      store.close();
    }
  });
});
