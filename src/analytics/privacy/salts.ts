import { randomBytes } from 'node:crypto';
import type { Granularity } from '../periods.js';
import { type SipKey, sipKey } from './siphash.js';

/** A random salt for one report period. Deleted once the period is closed: hashes then stay unlinkable. */
export interface SaltRecord {
  granularity: Granularity;
  /** First day of the period (days since the epoch). */
  periodDay: number;
  /** 16 random bytes, hex. */
  salt: string;
}

/**
 * The salts of the periods seen so far. Weekly and monthly uniques each need a salt that is constant
 * over their own period (a week can straddle two months), so every identity gets two hashes.
 */
export class PeriodSalts {
  private readonly keys = new Map<string, { key: SipKey; record: SaltRecord }>();
  private fresh: SaltRecord[] = [];
  /** Changes whenever a salt is replaced or forgotten, so callers may cache keys between changes. */
  generation = 0;

  constructor(
    existing: Iterable<SaltRecord> = [],
    private readonly random: (size: number) => Uint8Array = randomBytes,
  ) {
    for (const record of existing) this.learn(record);
  }

  key(granularity: Granularity, periodDay: number): SipKey {
    const id = `${granularity}:${periodDay}`;
    let entry = this.keys.get(id);
    if (!entry) {
      const bytes = this.random(16);
      const record = { granularity, periodDay, salt: Buffer.from(bytes).toString('hex') };
      entry = { key: sipKey(bytes), record };
      this.keys.set(id, entry);
      this.fresh.push(record);
    }
    return entry.key;
  }

  /** Makes the period's salt if there is none yet; returns it when it is new. */
  ensure(granularity: Granularity, periodDay: number): SaltRecord | undefined {
    if (this.keys.has(`${granularity}:${periodDay}`)) return undefined;
    this.key(granularity, periodDay);
    return this.fresh.at(-1);
  }

  /** Takes a salt made elsewhere (by the thread that owns the store), replacing any for its period. */
  learn(record: SaltRecord): void {
    const key = sipKey(Buffer.from(record.salt, 'hex'));
    this.keys.set(`${record.granularity}:${record.periodDay}`, { key, record });
    this.generation += 1;
  }

  /** Every salt held, for a worker thread that must hash with the same ones. */
  records(): SaltRecord[] {
    return [...this.keys.values()].map((entry) => entry.record);
  }

  /** Forgets the salts of periods that started before these days (their period is closed). */
  forget(weeklyBefore: number, monthlyBefore: number): void {
    for (const id of this.keys.keys()) {
      const [granularity, day] = id.split(':') as [string, string];
      if (Number(day) < (granularity === 'weekly' ? weeklyBefore : monthlyBefore)) this.keys.delete(id);
    }
    this.generation += 1;
  }

  /** Salts made since the last call, for the store to keep while their period is open. */
  takeNew(): SaltRecord[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }
}
