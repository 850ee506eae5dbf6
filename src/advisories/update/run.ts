import { AppError, isAppError } from '../../core/errors.js';
import { createHttpClient, type HttpClient } from '../feeds/http.js';
import { emptySettings, type FeedSettings } from '../feeds/settings.js';
import type { Feed, FetchContext, FetchResult } from '../feeds/types.js';
import type { FeedPayload } from '../model.js';
import {
  applyPayload,
  type OperationMeta,
  type OperationSummary,
  openUpdateSession,
  previousRun,
  pruneOperationDiffs,
  recordFailure,
  recordUnchanged,
} from '../store/index.js';
import type { OperationStatus } from '../store/types.js';

export interface FeedOutcome {
  source: string;
  status: OperationStatus;
  operationId?: number;
  added: number;
  changed: number;
  withdrawn: number;
  removed: number;
  problems: number;
  records: number;
  origin?: string;
  error?: AppError;
  durationMs: number;
}

export interface UpdateOptions {
  dbPath: string;
  feeds: readonly Feed[];
  settings?: FeedSettings;
  http?: HttpClient;
  now?: () => Date;
  log?: (message: string) => void;
}

/** One unit of work: a feed and how to get its data (download for updates, local files for imports). */
export interface FeedJob {
  feed: Feed;
  /** Shown in errors when the job fails before naming a URL or file. */
  origin: string;
  fetch(ctx: FetchContext): Promise<FetchResult>;
}

/** Runs each feed's fetch (download, fingerprint check, parse) and applies the result. */
export async function runUpdate(options: UpdateOptions): Promise<FeedOutcome[]> {
  const settings = options.settings ?? emptySettings();
  const jobs = options.feeds.map((feed) => {
    const url = settings.urls[feed.id] ?? feed.defaultUrl;
    return { feed, origin: url, fetch: (ctx: FetchContext) => feed.fetch({ ...ctx, url }) };
  });
  return runJobs({ ...options, settings }, jobs);
}

/**
 * Runs jobs in turn inside one copy-on-write session. A failing feed is recorded and leaves its stored
 * records as they were; the others still update. The live file is swapped once, at the end.
 */
export async function runJobs(
  options: Omit<UpdateOptions, 'feeds'>,
  jobs: readonly FeedJob[],
): Promise<FeedOutcome[]> {
  const settings = options.settings ?? emptySettings();
  const http = options.http ?? createHttpClient();
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const session = openUpdateSession(options.dbPath);
  const outcomes: FeedOutcome[] = [];
  try {
    pruneOperationDiffs(session.db, now());
    for (const job of jobs) {
      const started = now();
      log(`${job.feed.id}: reading ${job.origin}`);
      const previous = previousRun(session.db, job.feed.id);
      const ctx: FetchContext = {
        url: job.origin,
        previous,
        http,
        now: started,
        options: settings.options[job.feed.id] ?? {},
        log,
      };
      let result: FetchResult;
      try {
        result = await job.fetch(ctx);
      } catch (error) {
        outcomes.push(fail(session.db, job.feed.id, started, job.origin, error));
        continue;
      }
      outcomes.push(apply(session.db, job.feed.id, started, result));
      if (result.kind === 'payload') logProblems(log, job.feed.id, result.payload);
    }
    session.commit();
  } catch (error) {
    session.abort();
    throw error;
  }
  return outcomes;
}

function apply(
  db: Parameters<typeof recordFailure>[0],
  source: string,
  started: Date,
  result: FetchResult,
): FeedOutcome {
  const meta: OperationMeta = {
    source,
    started: started.toISOString(),
    fingerprint: result.fingerprint,
    state: result.state,
    origin: result.origin,
  };
  const summary =
    result.kind === 'unchanged' ? recordUnchanged(db, meta) : applyPayload(db, meta, result.payload);
  return outcome(source, summary, started, result.origin);
}

export function outcome(
  source: string,
  summary: OperationSummary,
  started: Date,
  origin?: string,
): FeedOutcome {
  const out: FeedOutcome = {
    source,
    status: summary.status,
    operationId: summary.id,
    added: summary.added,
    changed: summary.changed,
    withdrawn: summary.withdrawn,
    removed: summary.removed,
    problems: summary.problems,
    records: summary.records,
    durationMs: Date.now() - started.getTime(),
  };
  if (origin) out.origin = origin;
  return out;
}

/** Names the feed and the URL or file in the error, records it, and returns the outcome. */
export function fail(
  db: Parameters<typeof recordFailure>[0],
  source: string,
  started: Date,
  origin: string,
  error: unknown,
): FeedOutcome {
  const where = isAppError(error) && error.where ? error.where : origin;
  const message = error instanceof Error ? error.message : String(error);
  const code = isAppError(error) ? error.code : 'E_FEED';
  const hint = isAppError(error) ? error.hint : undefined;
  const wrapped = new AppError(code, `feed ${source}: ${message}`, { where, hint, cause: error });
  const id = recordFailure(db, { source, started: started.toISOString(), origin: where }, wrapped.oneLine());
  return {
    source,
    status: 'failed',
    operationId: id,
    added: 0,
    changed: 0,
    withdrawn: 0,
    removed: 0,
    problems: 0,
    records: 0,
    origin: where,
    error: wrapped,
    durationMs: Date.now() - started.getTime(),
  };
}

function logProblems(log: (message: string) => void, source: string, payload: FeedPayload): void {
  if (payload.problems.length === 0) return;
  log(`${source}: skipped ${payload.problems.length} record(s); first: ${payload.problems[0]}`);
}
