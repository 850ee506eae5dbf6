import { describe, expect, it } from 'vitest';
import { type ExtensionEvent, recordExtensionEvents } from './extensions.js';
import { parsePeriod } from './periods.js';
import { reportCsv } from './reports/index.js';
import { settingsSchema } from './settings.js';
import { AnalyticsStore } from './store/store.js';

const settings = settingsSchema.parse({ badges: { 'acme/ext': ['verified_publisher'] } });
let n = 0;
const event = (
  day: string,
  action: ExtensionEvent['action'],
  user: string,
  extension = 'acme/ext',
): ExtensionEvent => {
  n += 1;
  return { id: `x${n}`, timestamp: `${day}T10:00:00Z`, extension, action, user };
};

async function csv(store: AnalyticsStore, name: string, period: string, granularity: 'weekly' | 'monthly') {
  let text = '';
  for await (const chunk of reportCsv(store, settings, name, {
    period: parsePeriod(period, granularity),
    now: Date.UTC(2027, 0, 1),
  }))
    text += chunk;
  return text;
}

describe('extension analytics (F11)', () => {
  it('counts installs, uninstalls, updates, all-time totals, unique users and usage per period', async () => {
    const store = await AnalyticsStore.open(':memory:');
    const events = [
      event('2026-08-20', 'install', 'u1'),
      event('2026-09-02', 'install', 'u2'),
      event('2026-09-03', 'install', 'u2'),
      event('2026-09-03', 'install', 'u3'),
      event('2026-09-10', 'uninstall', 'u1'),
      event('2026-09-11', 'update', 'u3'),
      event('2026-09-12', 'open', 'u3'),
      event('2026-09-12', 'open', 'u3'),
      event('2026-09-13', 'open', 'u2'),
      event('2026-09-13', 'install', 'u9', 'other/ext'),
    ];
    expect(await recordExtensionEvents(store, events)).toBe(10);
    expect(await recordExtensionEvents(store, events)).toBe(0); // redelivered: deduped by id
    expect(await csv(store, 'extensions-core', '2026-09', 'monthly')).toBe(
      'DATE_GRANULARITY,DATE_REFERENCE,PUBLISHER_NAME,EXTENSION,Installs,TotalInstalls,Uninstalls,TotalUninstalls,Updates\n' +
        'monthly,2026-09-01,acme,acme/ext,3,4,1,1,1\n' +
        'monthly,2026-09-01,other,other/ext,1,1,0,0,0\n',
    );
    expect(await csv(store, 'extensions-premium', '2026-09', 'monthly')).toBe(
      'DATE_GRANULARITY,DATE_REFERENCE,PUBLISHER_NAME,EXTENSION,Installs,UniqueInstalls,Uninstalls,UniqueUninstalls,Usage,UniqueUsers\n' +
        'monthly,2026-09-01,acme,acme/ext,3,2,1,1,3,2\n',
    );
    const week = await csv(store, 'extensions-core', '2026-W37', 'weekly');
    expect(week.trim().split('\n')[1]).toBe('weekly,2026-09-07,acme,acme/ext,0,4,1,1,1');
    store.close();
  });
});
