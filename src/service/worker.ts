import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type ErrorCode, isAppError } from '../core/errors.js';
import type { Job, Store } from '../store/types.js';
import type { JobHandler, Logger, Worker, WorkerOptions } from './types.js';

export const defaultWorkerOptions: WorkerOptions = {
  concurrency: 2,
  leaseMs: 60_000,
  pollMs: 1000,
  backoff: { baseMs: 5000, maxMs: 15 * 60_000 },
};

/** Errors about the input itself: trying again cannot help, so the job fails at once. */
const permanent: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'E_USAGE',
  'E_MANIFEST_INVALID',
  'E_MANIFEST_UNKNOWN',
  'E_MANIFEST_UNSUPPORTED',
  'E_CONFIG_INVALID',
  'E_PLATFORM_NOT_FOUND',
  'E_LAYER_CORRUPT',
  'E_LAYER_UNSUPPORTED',
  'E_LAYER_UNSAFE_PATH',
  'E_LIMIT_EXCEEDED',
  'E_SBOM_INVALID',
]);

export function isPermanentFailure(error: unknown): boolean {
  return isAppError(error) && permanent.has(error.code);
}

/** Delay before the retry that follows attempt `attempts` (1-based), with ±20 % jitter. */
export function backoffMs(attempts: number, backoff: WorkerOptions['backoff'], random = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

const describe = (error: unknown): string =>
  isAppError(error)
    ? `${error.code}: ${error.oneLine()}`
    : error instanceof Error
      ? error.message
      : String(error);

/** Runs jobs from the durable queue: claims with a lease, renews it while working, retries with backoff. */
export function createWorker(store: Store, log: Logger, settings: Partial<WorkerOptions> = {}): Worker {
  const options = { ...defaultWorkerOptions, ...settings };
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const handlers = new Map<string, JobHandler>();
  const running = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let ticking: Promise<number> | undefined;

  async function run(job: Job): Promise<void> {
    const jobLog = log.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    const controller = new AbortController();
    const renew = setInterval(
      () => {
        const until = new Date(Date.now() + options.leaseMs).toISOString();
        store.jobs
          .heartbeat(job.id, id, until)
          .then((held) => held || controller.abort())
          .catch((error) => jobLog.warn('lease renewal failed', { error }));
      },
      Math.max(50, Math.floor(options.leaseMs / 3)),
    );
    try {
      const handler = handlers.get(job.kind);
      if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
      await handler(job, { signal: controller.signal, store, log: jobLog });
      if (!(await store.jobs.complete(job.id, id))) jobLog.warn('job finished after its lease was lost');
    } catch (error) {
      const retryAt = isPermanentFailure(error)
        ? undefined
        : new Date(Date.now() + backoffMs(job.attempts, options.backoff)).toISOString();
      jobLog.warn(retryAt ? 'job failed, will retry' : 'job failed', { error: describe(error), retryAt });
      await store.jobs
        .fail(job.id, id, describe(error), retryAt)
        .catch((e) => jobLog.error('could not record failure', { error: e }));
    } finally {
      clearInterval(renew);
    }
  }

  async function tick(): Promise<number> {
    const free = options.concurrency - running.size;
    if (stopping || free <= 0 || handlers.size === 0) return 0;
    const jobs = await store.jobs.claim(id, {
      leaseMs: options.leaseMs,
      limit: free,
      kinds: [...handlers.keys()],
    });
    for (const job of jobs) {
      const done = run(job).finally(() => running.delete(job.id));
      running.set(job.id, done);
    }
    return jobs.length;
  }

  const loop = (): void => {
    ticking = tick().catch((error) => {
      log.error('claiming jobs failed', { error });
      return 0;
    });
    void ticking.then((claimed) => {
      if (stopping) return;
      // more work may be waiting: look again soon after a claim, else after the poll interval
      timer = setTimeout(loop, claimed > 0 ? 10 : options.pollMs);
    });
  };

  return {
    id,
    handlers,
    start() {
      stopping = false;
      if (!timer) loop();
    },
    async runOnce() {
      const claimed = await tick();
      await Promise.all(running.values());
      return claimed;
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await ticking;
      await Promise.all(running.values());
    },
  };
}
