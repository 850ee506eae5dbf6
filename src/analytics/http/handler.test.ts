import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullIngest } from '../ingest.js';
import { parsePeriod } from '../periods.js';
import { deliveredOutOfOrder, scenarioRequests, scenarioSettings } from '../reports/__fixtures__/scenario.js';
import { reportCsv } from '../reports/index.js';
import { AnalyticsStore } from '../store/store.js';
import { analyticsHandler } from './handler.js';

const NOW = Date.UTC(2026, 10, 1, 12);
const tokens: Record<string, { namespaces: '*' | string[] }> = {
  admin: { namespaces: '*' },
  acme: { namespaces: ['acme', 'acme-labs'] },
  other: { namespaces: ['other'] },
};

describe('analytics HTTP routes', () => {
  let store: AnalyticsStore;
  let handle: (request: Request) => Promise<Response>;

  const get = (path: string, token?: string) =>
    handle(
      new Request(
        `http://crowsnest.test${path}`,
        token ? { headers: { authorization: `Bearer ${token}` } } : {},
      ),
    );

  beforeAll(async () => {
    store = await AnalyticsStore.open(':memory:');
    const ingest = await PullIngest.open(store, scenarioSettings, { now: () => NOW });
    for (const request of deliveredOutOfOrder(scenarioRequests())) ingest.push(request);
    await ingest.finish();
    handle = analyticsHandler({
      store,
      settings: scenarioSettings,
      authorize: (token) => tokens[token] ?? null,
      signingSecret: 'test-secret',
      now: () => NOW,
    });
  });

  afterAll(() => store?.close());

  it('needs a bearer token and GET', async () => {
    expect((await get('/api/analytics/v1/')).status).toBe(401);
    expect((await get('/api/analytics/v1/', 'forged')).status).toBe(401);
    const put = await handle(new Request('http://crowsnest.test/api/analytics/v1/', { method: 'PUT' }));
    expect(put.status).toBe(405);
    expect(await (await get('/api/analytics/nope', 'admin')).json()).toEqual({ detail: 'no such endpoint' });
  });

  it('serves every CSV report, scoped to the token’s publisher', async () => {
    const response = await get(
      '/api/analytics/reports/summary.csv?granularity=weekly&period=2026-W40&publisher=acme',
      'acme',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    let expected = '';
    const period = parsePeriod('2026-W40', 'weekly');
    for await (const chunk of reportCsv(store, scenarioSettings, 'summary', {
      period,
      publisher: 'acme',
      now: NOW,
    }))
      expected += chunk;
    expect(await response.text()).toBe(expected);
    expect(
      (await get('/api/analytics/reports/summary.csv?granularity=weekly&period=2026-W40', 'acme')).status,
    ).toBe(400);
    expect(
      (
        await get(
          '/api/analytics/reports/summary.csv?granularity=weekly&period=2026-W40&publisher=other',
          'acme',
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await get(
          '/api/analytics/reports/summary.csv?granularity=monthly&period=2026-11&publisher=acme',
          'acme',
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await get(
          '/api/analytics/reports/technographic.csv?granularity=weekly&period=2026-W40&publisher=other',
          'other',
        )
      ).status,
    ).toBe(403);
    expect(
      (await get('/api/analytics/reports/nope.csv?granularity=weekly&period=2026-W40', 'admin')).status,
    ).toBe(400);
  });

  it('chart data: closed periods of the last months, one series per repository, a share link', async () => {
    const response = await get(
      '/api/analytics/chart?repos=other/cache,acme/app&months=3&granularity=weekly',
      'admin',
    );
    const body = (await response.json()) as {
      share: string;
      periods: string[];
      series: { repo: string; points: { start: string; pulls: number; versionChecks: number }[] }[];
    };
    expect(body.share).toBe(
      '/api/analytics/chart?granularity=weekly&months=3&repos=acme%2Fapp%2Cother%2Fcache',
    );
    expect(body.periods[0]).toBe('2026-08-03');
    expect(body.periods.at(-1)).toBe('2026-10-19'); // the week of 26 October is not over on 1 November
    const app = body.series.find((s) => s.repo === 'acme/app');
    expect(app?.points.find((p) => p.start === '2026-09-28')).toMatchObject({ pulls: 28, versionChecks: 5 });
    expect((await get('/api/analytics/chart?repos=acme/app&months=4', 'admin')).status).toBe(400);
    expect((await get('/api/analytics/chart?repos=acme/app&months=3', 'other')).status).toBe(404);
  });

  it('Data API: namespaces, metadata, pull summaries', async () => {
    expect(await (await get('/api/analytics/v1/', 'acme')).json()).toEqual({
      namespaces: ['acme', 'acme-labs'],
    });
    const meta = (await (await get('/api/analytics/v1/namespaces/acme', 'acme')).json()) as {
      publisherType: string;
      datasets: { views: string[] }[];
    };
    expect(meta.publisherType).toBe('DVP');
    expect(meta.datasets[0]?.views).toContain('technographic');
    expect((await get('/api/analytics/v1/namespaces/other', 'acme')).status).toBe(404);
    const pulls = (await (
      await get('/api/analytics/v1/namespaces/acme/pulls?timespan=weeks&period=last-3-months', 'acme')
    ).json()) as {
      pulls: { start: string; end: string; repo: string; pullCount: number; ipCount: number }[];
    };
    expect(pulls.pulls.find((p) => p.repo === 'app' && p.start === '2026-09-28T00:00:00Z')).toEqual({
      start: '2026-09-28T00:00:00Z',
      end: '2026-10-04T00:00:00Z',
      repo: 'app',
      namespace: 'acme',
      pullCount: 23,
      ipCount: 24,
    });
    const many = (await (
      await get('/api/analytics/v1/repos/pulls?repos=acme/db&repos=other/cache', 'acme')
    ).json()) as { repos: Record<string, { pulls: unknown }> };
    expect(many.repos['other/cache']).toEqual({ pulls: null });
    expect(many.repos['acme/db']?.pulls).not.toBeNull();
  });

  it('Data API exports: years, weeks, and a signed link that expires', async () => {
    expect(await (await get('/api/analytics/v1/namespaces/acme/pulls/exports/years', 'acme')).json()).toEqual(
      { years: [{ year: 2026 }] },
    );
    const weeks = (await (
      await get('/api/analytics/v1/namespaces/acme/pulls/exports/years/2026/weeks', 'acme')
    ).json()) as { weeks: { week: number }[] };
    expect(weeks.weeks.map((w) => w.week)).toEqual([39, 40, 41]);
    const links = (await (
      await get('/api/analytics/v1/namespaces/acme/pulls/exports/years/2026/weeks/40/summary', 'acme')
    ).json()) as { data: { url: string; size: number }[] };
    const link = links.data[0] as { url: string; size: number };
    const csv = await (await get(link.url)).text();
    expect(Buffer.byteLength(csv)).toBe(link.size);
    expect(csv).toContain('acme/app:1.0');
    expect((await get(link.url.replace('publisher=acme', 'publisher=other'))).status).toBe(401);
    const later = analyticsHandler({
      store,
      settings: scenarioSettings,
      authorize: () => null,
      signingSecret: 'test-secret',
      now: () => NOW + 3_600_000,
    });
    expect((await later(new Request(`http://crowsnest.test${link.url}`))).status).toBe(401);
  });

  it('takes extension events through the API, within the token’s namespaces', async () => {
    const post = (body: unknown, token = 'acme') =>
      handle(
        new Request('http://crowsnest.test/api/analytics/extension-events', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const events = [
      { id: 'e1', timestamp: '2026-09-29T10:00:00Z', extension: 'acme/ext', action: 'install', user: 'u1' },
      { id: 'e2', timestamp: '2026-09-29T11:00:00Z', extension: 'acme/ext', action: 'open', user: 'u1' },
    ];
    const accepted = await post(events);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ received: 2, stored: 2 });
    expect(await (await post(events)).json()).toEqual({ received: 2, stored: 0 });
    expect((await post([{ ...events[0], action: 'explode' }])).status).toBe(400);
    expect((await post([{ ...events[0], extension: 'other/ext' }])).status).toBe(404);
    const csv = await (
      await get(
        '/api/analytics/reports/extensions-core.csv?granularity=weekly&period=2026-W40&publisher=acme',
        'acme',
      )
    ).text();
    expect(csv.split('\n')[1]).toBe('weekly,2026-09-28,acme,acme/ext,1,1,0,0,0');
  });
});
