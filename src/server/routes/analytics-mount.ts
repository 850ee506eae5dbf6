// Pull analytics inside `serve`: one DuckDB store for the server, fed by the registry webhook's pull events,
// read by the analytics HTTP handler. Opened on first use, so a server that never sees a pull never loads
// DuckDB or the IP tables.
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { Access } from '../../analytics/http/context.js';
import { analyticsHandler } from '../../analytics/http/handler.js';
import { PullIngest } from '../../analytics/ingest.js';
import { type AnalyticsSettings, loadSettings } from '../../analytics/settings.js';
import { AnalyticsStore } from '../../analytics/store/store.js';
import { AnalyticsWebhook } from '../../analytics/webhook.js';
import type { Logger, OnPullEvents } from '../../service/types.js';
import type { Store } from '../../store/types.js';

export interface AnalyticsMountOptions {
  /** The DuckDB file (`:memory:` in tests). */
  dbPath: string;
  settings: AnalyticsSettings;
  /** Signs export download links; derive it from the server's secret key so every process agrees. */
  signingSecret: string;
  store: Store;
  log: Logger;
  /** The analytics clock (tests move it past a period's end to report it). */
  now?: () => number;
  /** How often held sessions are classified and stored (default 10 s; 0 = only on `tick`). */
  tickMs?: number;
}

export interface AnalyticsMount {
  /** Serves one analytics request for a caller limited to `access`, under `basePath`. */
  handle(request: Request, access: Access | null, basePath: string): Promise<Response>;
  /** The registry webhook's hook: pull events into the store; their repositories into the org. */
  onPullEvents: OnPullEvents;
  /** Classifies what the clock says is final and stores it. */
  tick(): Promise<void>;
  /** Stores everything held and closes the database (graceful shutdown). */
  close(): Promise<void>;
}

/** The mount `serve` uses: `<data dir>/analytics.duckdb`, settings from `<data dir>/analytics-settings.json`. */
export function serverAnalyticsOptions(dataDir: string, secretKey: Buffer) {
  return {
    dbPath: join(dataDir, 'analytics.duckdb'),
    // absent file: the defaults
    settings: loadSettings(undefined, { CROWSNEST_DATA_DIR: dataDir }),
    signingSecret: createHmac('sha256', secretKey).update('crowsnest analytics export links').digest('hex'),
  };
}

export function analyticsMount(options: AnalyticsMountOptions): AnalyticsMount {
  const now = options.now ?? Date.now;
  let store: Promise<AnalyticsStore> | undefined;
  let ingest: Promise<{ ingest: PullIngest; webhook: AnalyticsWebhook }> | undefined;
  const known = new Set<string>();
  const openStore = () => {
    store ??= AnalyticsStore.open(options.dbPath);
    return store;
  };
  const openIngest = () => {
    ingest ??= openStore().then(async (s) => {
      const pulls = await PullIngest.open(s, options.settings, { now });
      const webhook = new AnalyticsWebhook(pulls);
      if (options.tickMs !== 0) webhook.start(options.tickMs ?? 10_000);
      return { ingest: pulls, webhook };
    });
    return ingest;
  };
  return {
    async handle(request, access, basePath) {
      const handler = analyticsHandler({
        store: await openStore(),
        settings: options.settings,
        authorize: () => access,
        signingSecret: options.signingSecret,
        basePath,
        now,
      });
      return handler(request);
    },
    async onPullEvents(source, envelope) {
      // a pulled repository exists in the registry: it belongs to the org, so its namespace is readable
      for (const event of envelope.events) {
        const name = event.target?.repository;
        const key = `${source.registryId}/${name}`;
        if (!name || known.has(key)) continue;
        await options.store.repositories.ensure(source.orgId, source.registryId, name);
        known.add(key);
      }
      const outcome = await (await openIngest()).webhook.accept(envelope);
      options.log.debug('pull events ingested', { registry: source.registryId, ...outcome });
    },
    async tick() {
      if (ingest) await (await ingest).ingest.tick();
    },
    async close() {
      if (ingest) await (await ingest).webhook.stop();
      if (store) (await store).close();
    },
  };
}
