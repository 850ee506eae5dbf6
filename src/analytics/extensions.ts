import { z } from 'zod';
import { dayOf, isoDate, monthStartDay, weekStartDay } from './periods.js';
import { IdentityHasher } from './privacy/identity.js';
import { PeriodSalts } from './privacy/salts.js';
import { sipHash, sipKey } from './privacy/siphash.js';
import { namespaceOf } from './settings.js';
import type { AnalyticsStore } from './store/store.js';

export const extensionActions = ['install', 'uninstall', 'update', 'open'] as const;
export type ExtensionAction = (typeof extensionActions)[number];
/** Stored `kind`: 1 install, 2 uninstall, 3 update, 4 open (usage of the extension's tab). */
const kindCode: Record<ExtensionAction, number> = { install: 1, uninstall: 2, update: 3, open: 4 };

/** One extension event as the API receives it (SPEC F11). `user` is pseudonymised before it is stored. */
export const extensionEventSchema = z.object({
  id: z.string().min(1).max(200),
  timestamp: z.iso.datetime({ offset: true }),
  extension: z.string().min(1).max(255),
  action: z.enum(extensionActions),
  user: z.string().min(1).max(255),
});

export type ExtensionEvent = z.infer<typeof extensionEventSchema>;

const dedupeKey = sipKey(new Uint8Array(16));
const bigintOf = (hi: number, lo: number): bigint => (BigInt(hi) << 32n) | BigInt(lo >>> 0);

/**
 * Stores extension events (installs, uninstalls, updates, openings), deduped by event id, with the user
 * replaced by per-period keyed hashes. Returns how many were new.
 */
export async function recordExtensionEvents(
  store: AnalyticsStore,
  events: ExtensionEvent[],
): Promise<number> {
  const salts = new PeriodSalts(await store.salts());
  const hasher = new IdentityHasher(salts);
  const hashes = new Int32Array(4);
  const values: string[] = [];
  for (const event of events) {
    const ts = Date.parse(event.timestamp);
    const day = dayOf(ts);
    const [week, month] = [weekStartDay(day), monthStartDay(day)];
    hasher.hash(event.user, '', week, month, hashes);
    const [keyHi, keyLo] = sipHash(dedupeKey, event.id);
    const ext = store.labels.id(event.extension);
    const ns = store.labels.id(namespaceOf(event.extension));
    values.push(
      `(${bigintOf(keyHi, keyLo)}, TIMESTAMP '${new Date(ts).toISOString().replace('T', ' ').slice(0, 23)}', ` +
        `DATE '${isoDate(week)}', DATE '${isoDate(month)}', ${ext}, ${ns}, ${kindCode[event.action]}, ` +
        `${bigintOf(hashes[0] as number, hashes[1] as number)}, ${bigintOf(hashes[2] as number, hashes[3] as number)})`,
    );
  }
  let inserted = 0;
  await store.writeExtensions(salts.takeNew(), async (run) => {
    for (let i = 0; i < values.length; i += 1000) {
      inserted +=
        await run(`INSERT INTO extension_events SELECT v.* FROM (VALUES ${values.slice(i, i + 1000).join(', ')})
        AS v(event_key, ts, week_start, month_start, extension_id, namespace_id, kind, user_week, user_month)
        WHERE NOT EXISTS (SELECT 1 FROM extension_events e WHERE e.event_key = v.event_key)`);
    }
  });
  return inserted;
}
