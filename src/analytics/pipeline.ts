import type { StagedAction } from './classify.js';
import { ClientRegistry } from './client.js';
import { Watermark } from './gate.js';
import { QueuedRequest } from './request.js';
import { SessionStage } from './stage.js';
import type { ManifestRequest } from './types.js';

export interface PipelineOptions {
  /** Session window for classification (default 60 s). */
  windowMs?: number;
  /** Allowed lateness before events are put in order and classified (default 30 s). */
  latenessMs?: number;
  /** How long event ids are remembered for dedupe (default 24 h). */
  dedupeHorizonMs?: number;
  /** Requests between two automatic releases (default 8192). */
  batch?: number;
}

export interface PipelineStats {
  received: number;
  duplicates: number;
  late: number;
  actions: number;
}

export const DEFAULT_WINDOW_MS = 60_000;
export const DEFAULT_LATENESS_MS = 30_000;
export const DEFAULT_RELEASE_EVERY = 8192;

/** Lateness and dedupe horizon from pipeline options (shared by every way of running the pipeline). */
export function gateOptions(options: PipelineOptions): { latenessMs: number; dedupeHorizonMs: number } {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  return {
    latenessMs: options.latenessMs ?? DEFAULT_LATENESS_MS,
    dedupeHorizonMs: Math.max(options.dedupeHorizonMs ?? 86_400_000, windowMs * 2),
  };
}

/**
 * Manifest requests in (any order, duplicates allowed) → classified actions out. Requests are deduped by
 * event id, held until the watermark passes them, then classified in time order over per-client sessions.
 * Runs the watermark and the stage in one thread; `PullIngest` can split the stage over worker threads.
 */
export class ActionPipeline {
  // `onAction` receives a reused object: copy it to keep it past the call.
  private received = 0;
  private readonly watermark: Watermark;
  private readonly stage: SessionStage;
  private readonly clients = new ClientRegistry();
  private readonly batch: number;
  private readonly latenessMs: number;
  private sinceRelease = 0;

  constructor(options: PipelineOptions, onAction: (action: StagedAction) => void) {
    const gate = gateOptions(options);
    this.latenessMs = gate.latenessMs;
    this.watermark = new Watermark(gate.latenessMs);
    this.stage = new SessionStage(options.windowMs ?? DEFAULT_WINDOW_MS, gate.dedupeHorizonMs, onAction);
    this.batch = options.batch ?? DEFAULT_RELEASE_EVERY;
  }

  get stats(): PipelineStats {
    return { received: this.received, ...this.stage.counts };
  }

  push(request: ManifestRequest): void {
    this.received += 1;
    const client = this.clients.of(request.actor, request.addr);
    this.stage.add(QueuedRequest.of(request, client), this.watermark.isLate(request.ts));
    this.sinceRelease += 1;
    if (this.sinceRelease >= this.batch) this.advance();
  }

  /** Classifies what the watermark has passed; `now` (a clock) moves the watermark when traffic stops. */
  advance(now?: number): void {
    this.sinceRelease = 0;
    // A clock gives the same allowance as event time: what is older than `now - lateness` is settled.
    const until = now === undefined ? Number.NEGATIVE_INFINITY : now - this.latenessMs;
    this.stage.release(this.watermark.mark(until));
  }

  /** Classifies and emits everything held: the end of an import. */
  finish(): void {
    this.stage.release(this.watermark.mark(Number.POSITIVE_INFINITY));
  }
}
