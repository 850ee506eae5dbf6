// The durable job queue.
import type { Page, PageQuery } from '../types.js';

// ---------------------------------------------------------------- the durable job queue

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  /** Handler name: `analyze` here; other modules add theirs (`deliver`, `re-evaluate`...). */
  kind: string;
  /** Unique per kind: a second enqueue of the same key is the same job. `analyze`: `org/repository/digest`. */
  key: string;
  orgId?: string;
  repositoryId?: string;
  digest?: string;
  payload: Record<string, unknown>;
  state: JobState;
  /** Claims so far (a crashed worker's claim counts). */
  attempts: number;
  maxAttempts: number;
  /** Not claimed before this time (backoff). */
  runAfter: string;
  leaseOwner?: string;
  leaseUntil?: string;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

export interface EnqueueInput {
  kind: string;
  key: string;
  orgId?: string;
  repositoryId?: string;
  digest?: string;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
  runAfter?: string;
}

export interface JobStore {
  /**
   * Adds a job unless one with the same (kind, key) exists. An existing `failed` job is queued again
   * (fresh attempts) when `retryFailed`; `queued`, `running` and `done` ones are left as they are.
   */
  enqueue(
    input: EnqueueInput,
    options?: { retryFailed?: boolean; now?: string },
  ): Promise<{ job: Job; created: boolean }>;
  /**
   * Takes up to `limit` due jobs for `worker`: queued ones whose `runAfter` has come, and running ones whose
   * lease has expired (their worker died). Safe across processes: PostgreSQL `FOR UPDATE SKIP LOCKED`,
   * SQLite an immediate transaction. A job out of attempts is marked failed instead of claimed.
   */
  claim(
    worker: string,
    options: { leaseMs: number; limit: number; kinds?: readonly string[]; now?: string },
  ): Promise<Job[]>;
  /** Extends the lease while the job runs; false when the lease was lost (another worker took it). */
  heartbeat(id: string, worker: string, leaseUntil: string): Promise<boolean>;
  /** Marks done; false (and nothing changes) when `worker` no longer holds the lease. */
  complete(id: string, worker: string, now?: string): Promise<boolean>;
  /** Queues a retry at `retryAt`, or fails for good when `retryAt` is undefined or attempts are spent. */
  fail(
    id: string,
    worker: string,
    error: string,
    retryAt: string | undefined,
    now?: string,
  ): Promise<boolean>;
  get(id: string): Promise<Job | undefined>;
  list(query: PageQuery & { orgId?: string; state?: JobState; kind?: string }): Promise<Page<Job>>;
  counts(): Promise<Record<JobState, number>>;
}
