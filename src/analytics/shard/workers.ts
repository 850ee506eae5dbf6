import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.js';
import type { SaltRecord } from '../privacy/salts.js';
import type { AnalyticsSettings } from '../settings.js';
import type { StageCounts } from '../stage.js';
import { PullBatch } from '../store/batch.js';
import type { Labels } from '../store/labels.js';
import type { ManifestRequest } from '../types.js';
import { BlockWriter } from './block.js';
import type { Shards } from './shards.js';
import type { ToMain, ToWorker } from './worker.js';

export interface WorkerOptions {
  count: number;
  /** The worker script (default: `worker.js` beside this module, as built; tests pass a TS loader's). */
  entry?: URL;
}

/** What every worker starts from. */
export interface WorkerInit {
  settings: AnalyticsSettings;
  /** Every salt the ingest holds; later ones come with the blocks. */
  salts: SaltRecord[];
  batchRows: number;
  dedupeHorizonMs: number;
}

/** Messages a worker may have queued before `backlogged` asks the ingest to wait. */
const MAX_IN_FLIGHT = 4;

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** One worker: its block in progress, messages sent and acknowledged, its label ids → the store's. */
class Lane {
  readonly writer = new BlockWriter();
  salts: SaltRecord[] = [];
  sent = 0;
  acked = 0;
  counts: StageCounts = { duplicates: 0, late: 0, actions: 0 };
  labelMap = new Int32Array(1024);
  readonly waiters: Waiter[] = [];

  constructor(readonly worker: Worker) {
    // Idle workers never keep the process alive; `post` refs a worker while it has work.
    worker.unref();
  }

  post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (this.sent === this.acked) this.worker.ref();
    this.sent += 1;
    this.worker.postMessage(message, transfer);
  }

  /** Sends the block in progress, if any. */
  sendBlock(): void {
    if (this.writer.length === 0 && this.salts.length === 0) return;
    const block = this.writer.take();
    this.post({ type: 'block', seq: this.sent + 1, block, salts: this.salts }, [block.buffer]);
    this.salts = [];
  }
}

/** FNV-1a of the client identity: which worker holds a client's sessions. */
function laneOf(request: ManifestRequest, lanes: number): number {
  const identity = request.actor ?? request.addr;
  let h = 0x811c9dc5;
  for (let i = 0; i < identity.length; i += 1) h = Math.imul(h ^ identity.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lanes;
}

/**
 * Dedupe, sessions, enrichment and batching split by client identity over worker threads. Sessions are
 * per client, an event id belongs to one client, and the watermark stays in the ingest's thread, so the
 * actions are exactly those one thread would find. Workers send back column batches whose label ids are
 * remapped here.
 */
export class WorkerShards implements Shards {
  private failure: AppError | undefined;

  private constructor(
    private readonly lanes: Lane[],
    private readonly labels: Labels,
    private readonly onBatch: (batch: PullBatch) => void,
  ) {
    for (const lane of lanes) {
      lane.worker.on('message', (message: ToMain) => this.receive(lane, message));
      lane.worker.on('error', (error) => this.fail(error));
      lane.worker.on('exit', (code) => this.fail(new Error(`a worker stopped (exit code ${code})`)));
    }
  }

  static async start(
    init: WorkerInit,
    options: WorkerOptions,
    labels: Labels,
    onBatch: (batch: PullBatch) => void,
  ): Promise<WorkerShards> {
    const entry = options.entry ?? new URL('./worker.js', import.meta.url);
    const workers = Array.from(
      { length: options.count },
      () =>
        new Worker(entry, {
          workerData: init,
          // Requests live briefly: a larger young generation means fewer scavenges copying the open ones.
          resourceLimits: { maxYoungGenerationSizeMb: 96 },
        }),
    );
    try {
      await Promise.all(workers.map(ready));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw new AppError('E_INTERNAL', `cannot start the analytics workers: ${(error as Error).message}`);
    }
    return new WorkerShards(
      workers.map((worker) => new Lane(worker)),
      labels,
      onBatch,
    );
  }

  get counts(): StageCounts {
    const total: StageCounts = { duplicates: 0, late: 0, actions: 0 };
    for (const { counts } of this.lanes) {
      total.duplicates += counts.duplicates;
      total.late += counts.late;
      total.actions += counts.actions;
    }
    return total;
  }

  get backlogged(): boolean {
    return this.lanes.some((lane) => lane.sent - lane.acked > MAX_IN_FLIGHT);
  }

  push(request: ManifestRequest, late: boolean): void {
    if (this.failure) throw this.failure;
    const lane = this.lanes[laneOf(request, this.lanes.length)] as Lane;
    if (lane.writer.full) lane.sendBlock();
    lane.writer.request(request, late);
  }

  release(mark: number): void {
    for (const lane of this.lanes) {
      if (lane.writer.full) lane.sendBlock();
      lane.writer.release(mark);
    }
  }

  learnSalts(records: SaltRecord[]): void {
    for (const lane of this.lanes) lane.salts.push(...records);
  }

  forgetSalts(weeklyBefore: number, monthlyBefore: number): void {
    for (const lane of this.lanes) {
      lane.sendBlock();
      lane.post({ type: 'forget', seq: lane.sent + 1, weeklyBefore, monthlyBefore });
    }
  }

  async settle(partial: boolean): Promise<void> {
    if (this.failure) throw this.failure;
    await Promise.all(
      this.lanes.map((lane) => {
        lane.sendBlock();
        if (partial) lane.post({ type: 'flush', seq: lane.sent + 1 });
        if (lane.acked >= lane.sent) return undefined;
        return new Promise<void>((resolve, reject) => lane.waiters.push({ seq: lane.sent, resolve, reject }));
      }),
    );
  }

  async close(): Promise<void> {
    for (const lane of this.lanes) {
      // No late ack may unref a worker now: its exit must keep the process alive until `terminate` resolves.
      lane.worker.removeAllListeners('message');
      lane.worker.removeAllListeners('exit');
      lane.worker.ref();
    }
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }

  private receive(lane: Lane, message: ToMain): void {
    if (message.type === 'batch') {
      for (const [local, text] of message.labels) {
        if (local >= lane.labelMap.length) {
          const grown = new Int32Array(Math.max(local + 1, lane.labelMap.length * 2));
          grown.set(lane.labelMap);
          lane.labelMap = grown;
        }
        lane.labelMap[local] = this.labels.id(text);
      }
      const batch = PullBatch.from(message.batch);
      batch.remapLabels(lane.labelMap);
      this.onBatch(batch);
    } else if (message.type === 'ack') {
      lane.acked = message.seq;
      lane.counts = message.counts;
      if (lane.acked === lane.sent) lane.worker.unref();
      while (lane.waiters.length && (lane.waiters[0] as Waiter).seq <= lane.acked)
        lane.waiters.shift()?.resolve();
    }
  }

  private fail(error: Error): void {
    this.failure ??= new AppError('E_INTERNAL', `an analytics worker failed: ${error.message}`, {
      hint: 'run again without worker threads (--workers 0) and report the error',
    });
    for (const lane of this.lanes) {
      for (const waiter of lane.waiters.splice(0)) waiter.reject(this.failure);
    }
  }
}

/** Resolves when a new worker says it is ready (tables loaded), rejects if it fails or stops first. */
function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`a worker stopped while starting (exit code ${code})`));
    const onMessage = (message: ToMain) => {
      if (message.type !== 'ready') return;
      worker.off('error', reject);
      worker.off('exit', onExit);
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', onExit);
  });
}
