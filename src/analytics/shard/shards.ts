import type { SaltRecord } from '../privacy/salts.js';
import type { StageCounts } from '../stage.js';
import type { ManifestRequest } from '../types.js';

/**
 * The stages after the watermark, for all clients: in the ingest's thread (`InlineShards`) or split by client
 * over worker threads (`WorkerShards`). Calls keep their order per shard, which is all sessions need.
 */
export interface Shards {
  /** A request, late or not as the watermark decided. */
  push(request: ManifestRequest, late: boolean): void;
  /** Every shard classifies what the watermark `mark` has passed. */
  release(mark: number): void;
  /** Salts the ingest made, needed by requests pushed after this call. */
  learnSalts(records: SaltRecord[]): void;
  /** Salts of closed periods to drop. */
  forgetSalts(weeklyBefore: number, monthlyBefore: number): void;
  /**
   * Resolves once every request pushed so far has been processed; with `partial`, partial batches are
   * handed over too.
   */
  settle(partial: boolean): Promise<void>;
  /** True when work is queued far enough ahead that the caller should `settle(false)` (back-pressure). */
  readonly backlogged: boolean;
  /** Duplicates dropped, late requests and actions classified so far, over all shards. */
  readonly counts: StageCounts;
  close(): Promise<void>;
}
