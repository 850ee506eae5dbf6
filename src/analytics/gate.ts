import { FingerprintGenerations } from './fingerprint.js';

/**
 * The one global step of ingest: the watermark, the newest event time minus the allowed lateness, moved
 * forward at each `mark`. An event at or behind it is late: still classified (a pull is rarely lost
 * entirely) but alone. Everything after this can run per client, in any number of shards, because the
 * watermark alone decides what is late and when sessions may be classified.
 */
export class Watermark {
  private maxTs = Number.NEGATIVE_INFINITY;
  private released = Number.NEGATIVE_INFINITY;

  constructor(private readonly latenessMs: number) {}

  /** The time up to which every event has been released. */
  get value(): number {
    return this.released;
  }

  /**
   * Whether an event at `ts` is late. Duplicates pass here too (the shards drop them): a duplicate has
   * its original's time, which already moved `maxTs` or was late itself, so it changes no mark.
   */
  isLate(ts: number): boolean {
    if (ts <= this.released) return true;
    if (ts > this.maxTs) this.maxTs = ts;
    return false;
  }

  /** Moves the watermark as far as the events seen allow; `until` moves it further (a clock tick). */
  mark(until = Number.NEGATIVE_INFINITY): number {
    this.released = Math.max(this.maxTs - this.latenessMs, until, this.released);
    return this.released;
  }
}

/**
 * Drops events whose id was seen before. Per shard is exact: an event id belongs to one request, hence
 * to one client, and shards split clients. Ids are remembered for one to two horizons of event time.
 */
export class Deduper {
  /** Whether the event last admitted may repeat one whose id was already forgotten. */
  mayRepeat = false;
  private readonly seen = new FingerprintGenerations();
  private generationStart = Number.NEGATIVE_INFINITY;
  private previousHeld = false;
  private newest = Number.NEGATIVE_INFINITY;
  private forgottenUpTo = Number.NEGATIVE_INFINITY;

  constructor(private readonly horizonMs: number) {}

  /** False for a duplicate (by the id's fingerprint); otherwise sets `mayRepeat` for the event. */
  admit(hi: number, lo: number, ts: number): boolean {
    this.rotate(ts);
    if (!this.seen.add(hi, lo)) return false;
    // A redelivered event has its original time: one newer than every forgotten event cannot repeat one.
    this.mayRepeat = ts <= this.forgottenUpTo;
    if (ts > this.newest) this.newest = ts;
    return true;
  }

  private rotate(ts: number): void {
    // Two generations of ids bound memory: an id is forgotten one to two horizons after it was seen.
    if (ts > this.generationStart + this.horizonMs) {
      // the generation dropped now held events up to the newest seen so far
      if (this.previousHeld) this.forgottenUpTo = Math.max(this.forgottenUpTo, this.newest);
      this.previousHeld = this.seen.size > 0;
      this.seen.rotate();
      this.generationStart = ts;
    }
  }
}
