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

/** A set of 64-bit fingerprints: open addressing over an Int32Array, (0, 0) meaning empty. */
export class FingerprintSet {
  private table: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    const slots = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.table = new Int32Array(slots * 2);
    this.mask = slots - 1;
  }

  has(hi: number, lo: number): boolean {
    const [h, l] = nonZero(hi, lo);
    for (let slot = (l ^ (h >>> 7)) & this.mask; ; slot = (slot + 1) & this.mask) {
      const th = this.table[slot * 2] as number;
      const tl = this.table[slot * 2 + 1] as number;
      if (th === 0 && tl === 0) return false;
      if (th === h && tl === l) return true;
    }
  }

  /** Adds a fingerprint; false when it was already there. */
  add(hi: number, lo: number): boolean {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const [h, l] = nonZero(hi, lo);
    for (let slot = (l ^ (h >>> 7)) & this.mask; ; slot = (slot + 1) & this.mask) {
      const th = this.table[slot * 2] as number;
      const tl = this.table[slot * 2 + 1] as number;
      if (th === h && tl === l) return false;
      if (th === 0 && tl === 0) {
        this.table[slot * 2] = h;
        this.table[slot * 2 + 1] = l;
        this.size += 1;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0 || old[i + 1] !== 0) this.add(old[i] as number, old[i + 1] as number);
    }
  }
}

const pair: [number, number] = [0, 0];
function nonZero(hi: number, lo: number): [number, number] {
  pair[0] = hi;
  pair[1] = hi === 0 && lo === 0 ? 1 : lo;
  return pair;
}
