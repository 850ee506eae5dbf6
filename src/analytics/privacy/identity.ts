import type { PeriodSalts } from './salts.js';
import { sipHash } from './siphash.js';

interface Cached {
  weekDay: number;
  weekHi: number;
  weekLo: number;
  monthDay: number;
  monthHi: number;
  monthLo: number;
}

/** The identity unique counts are made of: the signed-in user, else the client address. */
export function clientIdentity(actor: string | undefined, addr: string): string {
  return actor === undefined ? `ip:${addr}` : `user:${actor}`;
}

/**
 * Pseudonymises client identities per report period with a keyed hash (SipHash-2-4 under the period's
 * salt). Only the hashes leave this class; the identity itself is never stored.
 */
export class IdentityHasher {
  private cache = new Map<string, Cached>();

  constructor(
    private readonly salts: PeriodSalts,
    private readonly maxCached = 500_000,
  ) {}

  /** Writes [weekHi, weekLo, monthHi, monthLo] into `out`. */
  hash(identity: string, weekDay: number, monthDay: number, out: Int32Array): void {
    let entry = this.cache.get(identity);
    if (!entry) {
      if (this.cache.size >= this.maxCached) this.cache = new Map();
      entry = { weekDay: Number.NaN, weekHi: 0, weekLo: 0, monthDay: Number.NaN, monthHi: 0, monthLo: 0 };
      this.cache.set(identity, entry);
    }
    if (entry.weekDay !== weekDay) {
      [entry.weekHi, entry.weekLo] = sipHash(this.salts.key('weekly', weekDay), identity);
      entry.weekDay = weekDay;
    }
    if (entry.monthDay !== monthDay) {
      [entry.monthHi, entry.monthLo] = sipHash(this.salts.key('monthly', monthDay), identity);
      entry.monthDay = monthDay;
    }
    out[0] = entry.weekHi;
    out[1] = entry.weekLo;
    out[2] = entry.monthHi;
    out[3] = entry.monthLo;
  }
}
