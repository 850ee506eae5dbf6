import { QueuedRequest } from '../request.js';
import type { StageCounts } from '../stage.js';
import type { ManifestRequest } from '../types.js';
import type { ShardCore } from './core.js';
import type { Shards } from './shards.js';

/** One shard in the ingest's own thread: it shares the ingest's salts and label dictionary. */
export class InlineShards implements Shards {
  readonly backlogged = false;

  constructor(private readonly core: ShardCore) {}

  get counts(): StageCounts {
    return this.core.counts;
  }

  push(request: ManifestRequest, late: boolean): void {
    this.core.add(QueuedRequest.of(request, this.core.clients.of(request.actor, request.addr)), late);
  }

  release(mark: number): void {
    this.core.release(mark);
  }

  learnSalts(): void {}

  forgetSalts(): void {}

  async settle(partial: boolean): Promise<void> {
    if (partial) this.core.flush();
  }

  async close(): Promise<void> {}
}
