import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullIngest } from '../ingest.js';
import { parsePeriod } from '../periods.js';
import { settingsSchema } from '../settings.js';
import { AnalyticsStore } from '../store/store.js';
import { deliveredOutOfOrder, scenarioRequests, scenarioSettings } from './__fixtures__/scenario.js';
import { reportCsv, reports } from './index.js';

const golden = join(import.meta.dirname, '__fixtures__', 'golden');
const NOW = Date.UTC(2026, 10, 1);
const update = process.env.UPDATE_GOLDEN === '1';

async function csv(
  store: AnalyticsStore,
  name: string,
  period: string,
  granularity: 'weekly' | 'monthly',
  extra = {},
) {
  let text = '';
  const options = { period: parsePeriod(period, granularity), now: NOW, ...extra };
  for await (const chunk of reportCsv(store, scenarioSettings, name, options)) text += chunk;
  return text;
}

const parse = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => line.split(','));

describe('CSV reports over the scenario week', () => {
  let store: AnalyticsStore;

  beforeAll(async () => {
    store = await AnalyticsStore.open(':memory:');
    const ingest = await PullIngest.open(store, scenarioSettings, { now: () => NOW });
    for (const request of deliveredOutOfOrder(scenarioRequests())) ingest.push(request);
    const stats = await ingest.finish();
    expect(stats).toMatchObject({ late: 0, actions: 52, received: 80, duplicates: 10 });
    expect(stats.duplicates).toBeGreaterThan(0);
  });

  afterAll(() => store?.close());

  const cases = [...reports.keys()]
    .filter((name) => !name.startsWith('extensions'))
    .flatMap((name) => [
      [name, 'weekly', '2026-W40'],
      [name, 'monthly', '2026-09'],
    ]) as [string, 'weekly' | 'monthly', string][];

  it.each(cases)('%s %s %s matches its golden CSV', async (name, granularity, period) => {
    const text = await csv(store, name, period, granularity);
    const file = join(golden, `${name}-${granularity}.csv`);
    if (update || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
    const header = parse(text)[0];
    expect(header).toEqual(reports.get(name)?.columns);
  });

  it('summary: downloads and version checks per level add up', async () => {
    const rows = parse(await csv(store, 'summary', '2026-W40', 'weekly'));
    const repo = rows.find((r) => r[3] === 'repository' && r[4] === 'acme/app');
    // 12 + 9 + alice + bob downloads, 5 version checks (the Sep 27 and Oct 5 pulls are other weeks)
    expect(repo?.slice(5)).toEqual(['23', '5', '28']);
    expect(rows.find((r) => r[4] === 'acme/app:1.0')?.slice(5)).toEqual(['23', '5', '28']);
    expect(rows.every((r, i) => i === 0 || Number(r[7]) === Number(r[5]) + Number(r[6]))).toBe(true);
  });

  it('technographic: only pairs with at least 10 unique users', async () => {
    const rows = parse(await csv(store, 'technographic', '2026-W40', 'weekly'));
    expect(rows.slice(1).map((r) => [r[4], r[5], r[6]])).toEqual([['acme/app', 'other/cache', '12']]);
    const companies = parse(await csv(store, 'technographic-companies', '2026-W40', 'weekly'));
    expect(companies.slice(1).map((r) => r[3])).toEqual(['apple.example']);
  });

  it('excludes personal, disposable and university domains from company domains', async () => {
    const tracked = await csv(store, 'tracked-companies', '2026-W40', 'weekly');
    expect(tracked).toContain('bigco.example');
    for (const excluded of ['mailinator.com', 'mit.edu', 'gmail.com'])
      expect(tracked).not.toContain(excluded);
    const raw = await csv(store, 'raw', '2026-W40', 'weekly');
    expect(raw).not.toContain('mailinator.com');
    expect(raw).not.toContain('mit.edu');
  });

  it('a publisher filter keeps only its namespaces; premium reports need the verified badge', async () => {
    const acme = parse(await csv(store, 'summary', '2026-W40', 'weekly', { publisher: 'acme' }));
    expect(new Set(acme.slice(1).map((r) => r[2]))).toEqual(new Set(['acme']));
    const other = parse(await csv(store, 'summary', '2026-W40', 'weekly', { publisher: 'other' }));
    expect(other.slice(1).map((r) => r[4])).toEqual([
      'other/cache',
      'other/cache:7',
      `other/cache@sha256:${'3'.repeat(64)}`,
    ]);
    await expect(
      csv(store, 'technographic', '2026-W40', 'weekly', { publisher: 'other' }),
    ).rejects.toMatchObject({
      code: 'E_NOT_ENTITLED',
    });
  });

  it('refuses a period that is not over', async () => {
    const settings = settingsSchema.parse({});
    const chunks = reportCsv(store, settings, 'summary', {
      period: parsePeriod('2026-10', 'monthly'),
      now: NOW - 1,
    });
    await expect(chunks.next()).rejects.toMatchObject({ code: 'E_PERIOD_OPEN' });
  });
});
