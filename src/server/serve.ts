import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { prepareSetupToken } from '../service/auth.js';
import { installContinuousEvaluation } from '../service/evaluation/index.js';
import { createServices } from '../service/index.js';
import { jsonLogger } from '../service/log.js';
import { loadSecretKey, secretBox } from '../service/secrets.js';
import type { Logger, ServiceHooks, Services, Worker } from '../service/types.js';
import { openStore } from '../store/open.js';
import { createApp } from './app.js';
import type { ServerConfig } from './config.js';
import { type AnalyticsMount, analyticsMount, serverAnalyticsOptions } from './routes/analytics-mount.js';
import type { Lifecycle } from './routes/health.js';

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  worker: Worker;
  /** Graceful stop: refuse new connections, finish requests in flight and the running jobs, close the store. */
  stop(): Promise<void>;
  /** Pull analytics (tests tick it to store held sessions at once). */
  analytics: AnalyticsMount;
}

export interface StartOptions {
  hooks?: ServiceHooks;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** The pull analytics clock (tests move it past a period's end). */
  analyticsNow?: () => number;
}

/** First start: the owner from CROWSNEST_BOOTSTRAP_OWNER, or a one-time setup token in the log. */
async function firstRun(services: Services, config: ServerConfig, log: Logger): Promise<void> {
  if (!(await services.auth.needsSetup())) return;
  if (config.bootstrapOwner) {
    const { org } = await services.auth.bootstrap(config.bootstrapOwner, 'trusted');
    log.info('owner created from CROWSNEST_BOOTSTRAP_OWNER', {
      email: config.bootstrapOwner.email,
      org: org.slug,
    });
    return;
  }
  const setupToken = await prepareSetupToken(services.store);
  log.warn('no owner yet: POST /api/setup with this one-time setup token to create one', { setupToken });
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? jsonLogger();
  const env = options.env ?? process.env;
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    sqlitePath: config.sqlitePath,
  });
  const secretKey = loadSecretKey(config.dataDir, env);
  const secrets = secretBox(secretKey);
  const analytics = analyticsMount({
    ...serverAnalyticsOptions(config.dataDir, secretKey),
    store,
    log: log.child({ component: 'analytics' }),
    ...(options.analyticsNow ? { now: options.analyticsNow } : {}),
  });
  const { services, worker } = createServices({
    store,
    secrets,
    log,
    hooks: { onPullEvents: analytics.onPullEvents, ...options.hooks },
    advisoryDbPath: config.advisoryDbPath,
    worker: config.worker,
    env,
  });
  const evaluation = installContinuousEvaluation({
    services,
    worker,
    secrets,
    advisoryDbPath: config.advisoryDbPath,
    env,
  });
  await firstRun(services, config, log);
  const lifecycle: Lifecycle = { draining: false };
  const app = createApp({
    services,
    secureCookies: config.secureCookies,
    lifecycle,
    advisoryDbPath: config.advisoryDbPath,
    analytics,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  worker.start();
  evaluation.driver.start();
  let busy = false;
  // one round at a time: a slow registry must not stack polls on top of each other
  const housekeeping = async () => {
    if (busy) return;
    busy = true;
    try {
      await services.registries.pollDue();
      await store.sessions.deleteExpired(new Date().toISOString());
    } catch (error) {
      log.error('registry polling failed', { error });
    } finally {
      busy = false;
    }
  };
  const poller = setInterval(() => void housekeeping(), config.pollCheckMs);
  log.info('crowsnest serving', { url, store: store.dialect, concurrency: config.worker.concurrency });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      lifecycle.draining = true;
      clearInterval(poller);
      await evaluation.driver.stop();
      log.info('shutting down: finishing requests and running jobs');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      const force = setTimeout(
        () => 'closeAllConnections' in server && server.closeAllConnections(),
        config.shutdownGraceMs,
      );
      await Promise.all([closed, worker.stop()]);
      clearTimeout(force);
      await analytics.close().catch((error) => log.error('analytics did not close cleanly', { error }));
      await store.close();
      log.info('stopped');
    })();
    return stopping;
  };
  return { url, port, services, worker, stop, analytics };
}
