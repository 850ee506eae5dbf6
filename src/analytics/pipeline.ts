import { Classifier } from './classify.js';
import type { ClassifiedAction, ManifestRequest } from './types.js';
import { Reorderer } from './watermark.js';

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

/**
 * Manifest requests in (any order, duplicates allowed) → classified actions out. Requests are deduped by
 * event id, held until the watermark passes them, then classified in time order over per-client sessions.
 */
export class ActionPipeline {
  // `onAction` receives a reused object: copy it to keep it past the call.
  readonly stats: PipelineStats = { received: 0, duplicates: 0, late: 0, actions: 0 };
  private readonly reorderer: Reorderer;
  private readonly classifier: Classifier;
  private readonly batch: number;
  private sinceRelease = 0;
  private readonly latenessMs: number;

  constructor(
    options: PipelineOptions,
    private readonly onAction: (action: ClassifiedAction) => void,
  ) {
    const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.latenessMs = options.latenessMs ?? DEFAULT_LATENESS_MS;
    this.reorderer = new Reorderer({
      latenessMs: this.latenessMs,
      dedupeHorizonMs: Math.max(options.dedupeHorizonMs ?? 86_400_000, windowMs * 2),
    });
    this.classifier = new Classifier({ windowMs }, (action) => {
      this.stats.actions += 1;
      this.onAction(action);
    });
    this.batch = options.batch ?? 8192;
  }

  push(request: ManifestRequest): void {
    this.stats.received += 1;
    const outcome = this.reorderer.add(request);
    if (outcome === 'duplicate') this.stats.duplicates += 1;
    else if (outcome === 'late') this.stats.late += 1;
    this.sinceRelease += 1;
    if (this.sinceRelease >= this.batch) this.advance();
  }

  /** Classifies what the watermark has passed; `now` (a clock) moves the watermark when traffic stops. */
  advance(now?: number): void {
    this.sinceRelease = 0;
    for (const late of this.reorderer.takeLate()) this.classifier.pushLate(late);
    // A clock gives the same allowance as event time: what is older than `now - lateness` is settled.
    const ready = this.reorderer.release(
      now === undefined ? Number.NEGATIVE_INFINITY : now - this.latenessMs,
    );
    for (const request of ready) this.classifier.push(request);
    this.classifier.expire(this.reorderer.watermark);
  }

  /** Classifies and emits everything held: the end of an import. */
  finish(): void {
    for (const late of this.reorderer.takeLate()) this.classifier.pushLate(late);
    for (const request of this.reorderer.drain()) this.classifier.push(request);
    this.classifier.flush();
  }
}
