import { describe, expect, it } from 'vitest';
import { PullIngest } from './ingest.js';
import { defaultSettings, settingsSchema } from './settings.js';
import { AnalyticsStore } from './store/store.js';
import type { ManifestRequest } from './types.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const AMD64 = `sha256:${'b'.repeat(64)}`;
const T0 = Date.UTC(2026, 8, 29, 9, 0, 0);
const NOW = Date.UTC(2026, 9, 1);

function request(
  id: string,
  at: number,
  method: 'GET' | 'HEAD',
  ref: string,
  digest: string,
  addr: string,
  extra: Partial<ManifestRequest> = {},
): ManifestRequest {
  return {
    id,
    ts: T0 + at * 1000,
    repository: 'acme/app',
    method,
    ...(ref.startsWith('sha256:') ? {} : { tag: ref }),
    digest,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    addr,
    userAgent: 'docker/24.0.7 go/go1.20.10 kernel/6.1.0 os/linux arch/amd64',
    ...extra,
  };
}

const sample = (): ManifestRequest[] => [
  request('e1', 0, 'HEAD', 'v1', DIGEST, '8.8.8.8'),
  request('e2', 1, 'GET', DIGEST, DIGEST, '8.8.8.8'),
  request('e3', 2, 'GET', AMD64, AMD64, '8.8.8.8'),
  request('e4', 10, 'HEAD', 'v1', DIGEST, '17.253.144.10', { actor: 'alice' }),
  request('e5', 20, 'GET', 'v1', DIGEST, '81.2.69.160'),
];

async function ingest(store: AnalyticsStore, requests: ManifestRequest[], settings = defaultSettings()) {
  const pipeline = await PullIngest.open(store, settings, { now: () => NOW });
  for (const r of requests) pipeline.push(r);
  return pipeline.finish();
}

describe('PullIngest into DuckDB', () => {
  it('stores one enriched row per action, with labels and no address', async () => {
    const store = await AnalyticsStore.open(':memory:');
    const stats = await ingest(store, sample());
    expect(stats).toMatchObject({ received: 5, actions: 3, stored: 3, duplicates: 0 });
    const rows = await store.rows(`
      SELECT kind, t.value, d.value, c.value, p.value, u.value, authenticated, w.value, CAST(week_start AS VARCHAR)
      FROM pull_actions a
      JOIN analytics_labels t ON t.id = a.tag_id JOIN analytics_labels d ON d.id = a.digest_id
      JOIN analytics_labels c ON c.id = a.country_id JOIN analytics_labels p ON p.id = a.csp_id
      JOIN analytics_labels u ON u.id = a.use_case_id JOIN analytics_labels w ON w.id = a.tool_id
      ORDER BY ts`);
    expect(rows).toEqual([
      [2, 'v1', DIGEST, 'US', 'gcp', 'CI/CD', false, 'docker', '2026-09-28'],
      [1, 'v1', DIGEST, 'US', 'no csp', 'Local Dev', true, 'docker', '2026-09-28'],
      [2, 'v1', DIGEST, 'GB', 'no csp', 'Local Dev', false, 'docker', '2026-09-28'],
    ]);
    store.close();
  });

  it('importing the same events twice stores nothing new', async () => {
    const store = await AnalyticsStore.open(':memory:');
    await ingest(store, sample());
    const again = await ingest(store, sample());
    expect(again).toMatchObject({ actions: 3, stored: 0 });
    expect(await store.rows('SELECT count(*) FROM pull_actions')).toEqual([[3]]);
    store.close();
  });

  it('gives one identity the same hash within a period and different hashes across periods', async () => {
    const store = await AnalyticsStore.open(':memory:');
    const sept8 = Date.UTC(2026, 8, 8, 9);
    const at = (id: string, ts: number) => ({ ...request(id, 0, 'GET', 'v1', DIGEST, '8.8.8.8'), ts });
    // two actions in the week of 7 September, one in the next week: all in September
    await ingest(store, [at('a', sept8), at('b', sept8 + 300_000), at('c', sept8 + 7 * 86_400_000)]);
    const rows = await store.rows('SELECT user_week, user_month FROM pull_actions ORDER BY ts');
    expect(rows[0]).toEqual(rows[1]);
    expect(rows[2]?.[0]).not.toEqual(rows[0]?.[0]);
    expect(rows[2]?.[1]).toEqual(rows[0]?.[1]);
    store.close();
  });

  it('drops the salts of closed periods at the end of an import, keeps open ones', async () => {
    const store = await AnalyticsStore.open(':memory:');
    const pipeline = await PullIngest.open(store, defaultSettings(), { now: () => T0 + 3_600_000 });
    for (const r of sample()) pipeline.push(r);
    await pipeline.finish();
    const open = await store.salts();
    expect(open.map((s) => s.granularity).sort()).toEqual(['monthly', 'weekly']);
    const later = await PullIngest.open(store, defaultSettings(), { now: () => Date.UTC(2026, 9, 7) });
    await later.finish();
    expect(await store.salts()).toEqual([]);
    store.close();
  });

  it('takes the domain from settings: verified email, mapped organisation', async () => {
    const store = await AnalyticsStore.open(':memory:');
    const settings = settingsSchema.parse({
      users: { alice: 'alice@bigco.example' },
      organizations: { 'Andrews & Arnold Ltd': 'aaisp.example' },
    });
    await ingest(store, sample(), settings);
    const rows = await store.rows(`
      SELECT d.value, c.value FROM pull_actions a
      JOIN analytics_labels d ON d.id = a.domain_id JOIN analytics_labels c ON c.id = a.company_id ORDER BY ts`);
    expect(rows).toEqual([
      ['Google LLC', null],
      ['bigco.example', 'bigco.example'],
      ['aaisp.example', 'aaisp.example'],
    ]);
    store.close();
  });

  it('a running ingest (webhook clock) stores on ticks and drops salts once their period is closed', async () => {
    const store = await AnalyticsStore.open(':memory:');
    let now = T0 + 3_600_000;
    const live = await PullIngest.open(store, defaultSettings(), { now: () => now });
    for (const r of sample()) live.push(r);
    await live.tick();
    expect(await store.rows('SELECT count(*) FROM pull_actions')).toEqual([[3]]);
    expect((await store.salts()).length).toBe(2);
    now = Date.UTC(2026, 9, 7);
    await live.tick();
    expect(await store.salts()).toEqual([]);
    store.close();
  });
});
