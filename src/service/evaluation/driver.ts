import { feedRegistry } from '../../advisories/feeds/registry.js';
import { settingsFromEnv } from '../../advisories/feeds/settings.js';
import { runUpdate } from '../../advisories/update/run.js';
import { AppError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import type { JobHandler, Logger } from '../types.js';
import { queueNewOperations } from './operations.js';
import { type EvaluationDeps, reevaluateOperation } from './reevaluate.js';

export interface EvaluationSettings {
  /** How often the advisory database's operation log is read (default 60 s). */
  checkMs: number;
  /**
   * `db update` (the default feeds) run by the server this often, first one interval after start; null = never
   * (air-gapped sites import instead: `CROWSNEST_ADVISORY_UPDATE_HOURS=0`).
   */
  updateMs: number | null;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new AppError('E_USAGE', `${name} must be a number of 0 or more`, { where: `${name}=${text}` });
  }
  return value;
}

/** `CROWSNEST_ADVISORY_CHECK_SECONDS` (default 60) and `CROWSNEST_ADVISORY_UPDATE_HOURS` (default 24, 0 = off). */
export function evaluationSettings(env: NodeJS.ProcessEnv = process.env): EvaluationSettings {
  const checkSeconds = positive(env, 'CROWSNEST_ADVISORY_CHECK_SECONDS', 60) || 60;
  const updateHours = positive(env, 'CROWSNEST_ADVISORY_UPDATE_HOURS', 24);
  return { checkMs: checkSeconds * 1000, updateMs: updateHours > 0 ? updateHours * 3_600_000 : null };
}

/** The `advisory-update` job: re-evaluates the operation in its payload. */
export function advisoryUpdateHandler(deps: Omit<EvaluationDeps, 'store' | 'log'>): JobHandler {
  return async (job, ctx) => {
    const operationId = Number(job.payload.operationId);
    if (!Number.isInteger(operationId) || operationId < 1) {
      throw new AppError('E_USAGE', 'an advisory-update job lacks its operation id', { where: job.id });
    }
    const outcome = await reevaluateOperation(
      { ...deps, store: ctx.store, log: ctx.log },
      operationId,
      ctx.signal,
    );
    ctx.log.info('advisory update re-evaluated', { ...outcome });
  };
}

export interface EvaluationDriver {
  /** Reads the operation log once and queues what is new (also what the timer does). */
  check(): Promise<number>;
  /** Runs `db update` (the default feeds), then `check`. */
  update(): Promise<void>;
  start(): void;
  /** Stops the timers and waits (a few seconds at most) for a check or update in progress. */
  stop(): Promise<void>;
}

export interface DriverDeps {
  store: Store;
  advisoryDbPath: string;
  log: Logger;
  settings: EvaluationSettings;
  env?: NodeJS.ProcessEnv;
  /** Replaces the feed download (tests). */
  runUpdate?: () => Promise<void>;
  /** How long `stop` waits for a check or update in progress (default 5 s). */
  stopWaitMs?: number;
}

/** `db update` of the feeds that are on by default, in this process. */
async function downloadFeeds(deps: DriverDeps, log: Logger): Promise<void> {
  const env = deps.env ?? process.env;
  const feeds = [...feedRegistry.values()].filter((f) => f.defaultEnabled);
  const outcomes = await runUpdate({
    dbPath: deps.advisoryDbPath,
    feeds,
    settings: settingsFromEnv(env, feedRegistry.values()),
    log: (message) => log.debug(message),
  });
  const failed = outcomes.filter((o) => o.status === 'failed').map((o) => o.source);
  log.info('advisory database updated', { feeds: outcomes.length, failed });
}

/** Notices new advisory update operations (and, when configured, makes them by running `db update`). */
export function evaluationDriver(deps: DriverDeps): EvaluationDriver {
  const log = deps.log.child({ component: 'evaluation' });
  const timers: NodeJS.Timeout[] = [];
  // one check or update at a time: a slow update must not overlap the next tick
  let busy: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = busy.then(fn, fn);
    busy = next.catch(() => undefined);
    return next;
  };
  const check = () => serial(async () => (await queueNewOperations({ ...deps, log })).queued);
  const update = async () => {
    await serial(deps.runUpdate ?? (() => downloadFeeds(deps, log)));
    await check();
  };
  const every = (ms: number, fn: () => Promise<unknown>, what: string) => {
    const timer = setInterval(() => void fn().catch((error) => log.error(`${what} failed`, { error })), ms);
    timer.unref();
    timers.push(timer);
  };
  return {
    check,
    update,
    start() {
      if (timers.length) return;
      void check().catch((error) => log.error('advisory check failed', { error }));
      every(deps.settings.checkMs, check, 'advisory check');
      if (deps.settings.updateMs) every(deps.settings.updateMs, update, 'advisory update');
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      // a check takes moments; a feed download may take minutes and is safe to cut (it swaps the file at the end)
      let wait: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        wait = setTimeout(resolve, deps.stopWaitMs ?? 5000);
      });
      await Promise.race([busy, late]);
      clearTimeout(wait);
    },
  };
}
