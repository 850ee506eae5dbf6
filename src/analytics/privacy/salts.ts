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
  private readonly keys = new Map<string, SipKey>();
  private fresh: SaltRecord[] = [];

  constructor(
    existing: Iterable<SaltRecord> = [],
    private readonly random: (size: number) => Uint8Array = randomBytes,
  ) {
    for (const record of existing) {
      this.keys.set(`${record.granularity}:${record.periodDay}`, sipKey(Buffer.from(record.salt, 'hex')));
    }
  }

  key(granularity: Granularity, periodDay: number): SipKey {
    const id = `${granularity}:${periodDay}`;
    let key = this.keys.get(id);
    if (!key) {
      const bytes = this.random(16);
      key = sipKey(bytes);
      this.keys.set(id, key);
      this.fresh.push({ granularity, periodDay, salt: Buffer.from(bytes).toString('hex') });
    }
    return key;
  }

  /** Forgets the salts of periods that started before these days (their period is closed). */
  forget(weeklyBefore: number, monthlyBefore: number): void {
    for (const id of this.keys.keys()) {
      const [granularity, day] = id.split(':') as [string, string];
      if (Number(day) < (granularity === 'weekly' ? weeklyBefore : monthlyBefore)) this.keys.delete(id);
    }
  }

  /** Salts made since the last call, for the store to keep while their period is open. */
  takeNew(): SaltRecord[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }
}
