import type { Granularity } from '../periods.js';
import type { PeriodSalts } from './salts.js';
import { type SipKey, sipHashInto } from './siphash.js';

/** A client's keyed hashes for the week and the month last asked for. */
export interface PeriodHashes {
  weekDay: number;
  weekHi: number;
  weekLo: number;
  monthDay: number;
  monthHi: number;
  monthLo: number;
}

interface RecentKey {
  day: number;
  key: SipKey | null;
  /** `PeriodSalts.generation` when the key was taken: a forgotten salt must not be used again. */
  generation: number;
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
  private byAddr = new Map<string, PeriodHashes>();
  private byActor = new Map<string, PeriodHashes>();
  private readonly out = new Int32Array(2);
  /** The salts' keys last used, per granularity: most refreshes ask for the current period's again. */
  private readonly recent: Record<Granularity, RecentKey> = {
    weekly: { day: Number.NaN, key: null, generation: -1 },
    monthly: { day: Number.NaN, key: null, generation: -1 },
  };

  constructor(
    private readonly salts: PeriodSalts,
    private readonly maxCached = 500_000,
  ) {}

  /**
   * Writes [weekHi, weekLo, monthHi, monthLo] for the client (the user when signed in, else the address)
   * into `out`. Cached per client so the keyed hash runs once per client and period.
   */
  hash(actor: string | undefined, addr: string, weekDay: number, monthDay: number, out: Int32Array): void {
    const cache = actor === undefined ? this.byAddr : this.byActor;
    const key = actor ?? addr;
    let entry = cache.get(key);
    if (!entry) {
      if (cache.size >= this.maxCached) cache.clear();
      entry = { weekDay: Number.NaN, weekHi: 0, weekLo: 0, monthDay: Number.NaN, monthHi: 0, monthLo: 0 };
      cache.set(key, entry);
    }
    this.fill(entry, actor, addr, weekDay, monthDay);
    out[0] = entry.weekHi;
    out[1] = entry.weekLo;
    out[2] = entry.monthHi;
    out[3] = entry.monthLo;
  }

  /** Brings `entry` (a client's cache) to the given week and month. */
  fill(
    entry: PeriodHashes,
    actor: string | undefined,
    addr: string,
    weekDay: number,
    monthDay: number,
  ): void {
    if (entry.weekDay === weekDay && entry.monthDay === monthDay) return;
    // the identity as `clientIdentity` spells it, hashed without building the string
    const prefix = actor === undefined ? 'ip:' : 'user:';
    const name = actor ?? addr;
    const out = this.out;
    if (entry.weekDay !== weekDay) {
      sipHashInto(this.key('weekly', weekDay), prefix, name, out, 0);
      entry.weekHi = out[0] as number;
      entry.weekLo = out[1] as number;
      entry.weekDay = weekDay;
    }
    if (entry.monthDay !== monthDay) {
      sipHashInto(this.key('monthly', monthDay), prefix, name, out, 0);
      entry.monthHi = out[0] as number;
      entry.monthLo = out[1] as number;
      entry.monthDay = monthDay;
    }
  }

  private key(granularity: Granularity, day: number): SipKey {
    const recent = this.recent[granularity];
    if (recent.day !== day || recent.key === null || this.salts.generation !== recent.generation) {
      recent.key = this.salts.key(granularity, day);
      recent.day = day;
      recent.generation = this.salts.generation;
    }
    return recent.key;
  }
}
