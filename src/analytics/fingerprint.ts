/**
 * A 64-bit fingerprint of an event id (two 32-bit multiply-xorshift hashes with different seeds, each
 * finished with murmur3's avalanche). Not a secret: it dedupes events and keys stored actions, where a
 * string Set would cost several times more per event.
 */
export function fingerprint(text: string, out: Int32Array): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  out[0] = avalanche(h1 ^ text.length);
  out[1] = avalanche(h2);
}

function avalanche(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}

/**
 * 64-bit fingerprints of the current and the previous generation in one open-addressing table (so a
 * look-up probes one table, not two): (high, low) pairs in an Int32Array, each slot stamped with its
 * generation (0: empty). `rotate` starts a new generation and drops the one before the previous.
 */
export class FingerprintGenerations {
  private table: Int32Array;
  private stamps: Int32Array;
  private mask: number;
  private generation = 1;
  /** Fingerprints held (both generations). */
  size = 0;

  constructor(capacity = 1 << 16) {
    const slots = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.table = new Int32Array(slots * 2);
    this.stamps = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** Adds a fingerprint to the current generation; false when either generation has it. */
  add(hi: number, lo: number): boolean {
    if ((this.size + 1) * 2 > this.mask + 1) this.rebuild(this.generation, (this.mask + 1) * 2);
    const { table, stamps, mask } = this;
    for (let slot = (lo ^ (hi >>> 7)) & mask; ; slot = (slot + 1) & mask) {
      if (stamps[slot] === 0) {
        table[slot * 2] = hi;
        table[slot * 2 + 1] = lo;
        stamps[slot] = this.generation;
        this.size += 1;
        return true;
      }
      if (table[slot * 2] === hi && table[slot * 2 + 1] === lo) return false;
    }
  }

  /** Starts a new generation; fingerprints of the one before the previous are forgotten. */
  rotate(): void {
    this.generation += 1;
    this.rebuild(this.generation - 1, 1 << 16);
  }

  /** A fresh table holding the fingerprints stamped `oldest` or later. */
  private rebuild(oldest: number, minSlots: number): void {
    const { table, stamps } = this;
    let keep = 0;
    for (let slot = 0; slot < stamps.length; slot += 1) if ((stamps[slot] as number) >= oldest) keep += 1;
    const slots = Math.max(minSlots, 1 << Math.ceil(Math.log2(Math.max(16, keep * 4))));
    this.table = new Int32Array(slots * 2);
    this.stamps = new Int32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    for (let slot = 0; slot < stamps.length; slot += 1) {
      const stamp = stamps[slot] as number;
      if (stamp < oldest) continue;
      this.insert(table[slot * 2] as number, table[slot * 2 + 1] as number, stamp);
    }
  }

  private insert(hi: number, lo: number, stamp: number): void {
    let slot = (lo ^ (hi >>> 7)) & this.mask;
    while (this.stamps[slot] !== 0) slot = (slot + 1) & this.mask;
    this.table[slot * 2] = hi;
    this.table[slot * 2 + 1] = lo;
    this.stamps[slot] = stamp;
    this.size += 1;
  }
}
