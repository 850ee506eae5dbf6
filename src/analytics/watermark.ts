import { FingerprintSet, fingerprint } from './fingerprint.js';
import type { ManifestRequest } from './types.js';

export interface ReorderOptions {
  /** How far behind the newest event time an event may arrive and still be put in order. */
  latenessMs: number;
  /** How long event ids are remembered for dedupe (between this and twice this). */
  dedupeHorizonMs: number;
}

export type AddOutcome = 'accepted' | 'duplicate' | 'late';

/**
 * Dedupes events by id and hands them on in time order once the watermark (newest event time minus the
 * allowed lateness) has passed them. Events that arrive behind the watermark are `late`: still handed
 * on (a pull is rarely lost entirely) but alone, through `takeLate`.
 */
export class Reorderer {
  private pending: ManifestRequest[] = [];
  private lateEvents: ManifestRequest[] = [];
  private current = new FingerprintSet();
  private previous = new FingerprintSet();
  private readonly print = new Int32Array(2);
  private generationStart = Number.NEGATIVE_INFINITY;
  private maxTs = Number.NEGATIVE_INFINITY;
  private released = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ReorderOptions) {}

  /** The time up to which every event has been handed on. */
  get watermark(): number {
    return this.released;
  }

  add(event: ManifestRequest): AddOutcome {
    fingerprint(event.id, this.print);
    const hi = this.print[0] as number;
    const lo = this.print[1] as number;
    this.rotate(event.ts);
    if (this.previous.has(hi, lo) || !this.current.add(hi, lo)) return 'duplicate';
    if (event.ts <= this.released) {
      this.lateEvents.push(event);
      return 'late';
    }
    if (event.ts > this.maxTs) this.maxTs = event.ts;
    this.pending.push(event);
    return 'accepted';
  }

  /** Events now behind the watermark, oldest first. `until` moves the watermark further (a clock tick). */
  release(until = Number.NEGATIVE_INFINITY): ManifestRequest[] {
    const mark = Math.max(this.maxTs - this.options.latenessMs, until, this.released);
    if (this.pending.length === 0) {
      this.released = mark;
      return [];
    }
    // Nearly sorted input: V8's TimSort makes this close to linear.
    this.pending.sort((a, b) => a.ts - b.ts);
    const cut = firstAfter(this.pending, mark);
    const out = cut === this.pending.length ? this.pending : this.pending.slice(0, cut);
    this.pending = cut === this.pending.length ? [] : this.pending.slice(cut);
    this.released = mark;
    return out;
  }

  /** Everything still held, in order, as if no more events could come. */
  drain(): ManifestRequest[] {
    return this.release(Number.POSITIVE_INFINITY);
  }

  takeLate(): ManifestRequest[] {
    const late = this.lateEvents;
    this.lateEvents = [];
    return late;
  }

  private rotate(ts: number): void {
    // Two generations of ids bound memory: an id is forgotten one to two horizons after it was seen.
    if (ts > this.generationStart + this.options.dedupeHorizonMs) {
      this.previous = this.current;
      this.current = new FingerprintSet();
      this.generationStart = ts;
    }
  }
}

function firstAfter(sorted: ManifestRequest[], mark: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as ManifestRequest).ts <= mark) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
