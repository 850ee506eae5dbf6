// The use cases over one store: what the HTTP app, the worker and other modules are built from.
import type { Store } from '../store/types.js';
import { analyzeHandler } from './analyze.js';
import { authService } from './auth.js';
import { ANALYZE } from './job-keys.js';
import { registryService } from './registries.js';
import { repositoryService } from './repositories.js';
import type { SecretBox } from './secrets.js';
import type { Logger, ServiceHooks, Services, Worker, WorkerOptions } from './types.js';
import { createWorker } from './worker.js';

export interface ServicesOptions {
  store: Store;
  secrets: SecretBox;
  log: Logger;
  hooks?: ServiceHooks;
  /** The advisory database the worker matches against. */
  advisoryDbPath: string;
  worker?: Partial<WorkerOptions>;
  sessionTtlMs?: number;
  /** Newest tags analysed when a repository is enabled (default 5). */
  latestTagsOnEnable?: number;
  env?: NodeJS.ProcessEnv;
}

/** Services and a worker with the `analyze` handler registered (not started). */
export function createServices(options: ServicesOptions): { services: Services; worker: Worker } {
  const { store, secrets, log } = options;
  const hooks = options.hooks ?? {};
  const repositories = repositoryService({
    store,
    secrets,
    log,
    ...(options.latestTagsOnEnable !== undefined ? { latestTags: options.latestTagsOnEnable } : {}),
  });
  const services: Services = {
    store,
    auth: authService(
      store,
      options.sessionTtlMs !== undefined ? { sessionTtlMs: options.sessionTtlMs } : {},
    ),
    registries: registryService({ store, secrets, log, hooks, repositories }),
    repositories,
    hooks,
    log,
  };
  const worker = createWorker(store, log.child({ component: 'worker' }), options.worker);
  worker.handlers.set(
    ANALYZE,
    analyzeHandler({
      secrets,
      advisoryDbPath: options.advisoryDbPath,
      hooks,
      ...(options.env ? { env: options.env } : {}),
    }),
  );
  return { services, worker };
}

export { prepareSetupToken } from './auth.js';
export { jsonLogger, silentLogger } from './log.js';
export { loadSecretKey, type SecretBox, secretBox } from './secrets.js';
export type * from './types.js';
