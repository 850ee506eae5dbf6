/**
 * SipHash-2-4 (Aumasson & Bernstein, 2012): a keyed pseudorandom function for short inputs, 128-bit key,
 * 64-bit output. Used to pseudonymise client identities per report period: without the period's salt the
 * hashes cannot be linked back to addresses. Written with 32-bit halves because JS has no fast uint64;
 * checked against the reference test vectors of the paper.
 */

const scratch = new Uint8Array(1024);
const encoder = new TextEncoder();

/** The key as four little-endian 32-bit words (k0 low, k0 high, k1 low, k1 high). */
export type SipKey = readonly [number, number, number, number];

export function sipKey(bytes: Uint8Array): SipKey {
  if (bytes.length < 16) throw new Error('a SipHash key has 16 bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return [
    view.getUint32(0, true),
    view.getUint32(4, true),
    view.getUint32(8, true),
    view.getUint32(12, true),
  ];
}

/** ASCII `text` into the shared buffer at `at`; false when it is not ASCII or does not fit. */
function ascii(text: string, at: number): boolean {
  if (at + text.length > scratch.length) return false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return false;
    scratch[at + i] = c;
  }
  return true;
}

/** SipHash-2-4 of the UTF-8 bytes of `text`, as [high 32 bits, low 32 bits], both signed int32. */
export function sipHash(key: SipKey, text: string): [number, number] {
  const out = new Int32Array(2);
  sipHashInto(key, '', text, out, 0);
  return [out[0] as number, out[1] as number];
}

/**
 * SipHash-2-4 of the UTF-8 bytes of `prefix + text` into out[at] (high) and out[at + 1] (low), without
 * building the string or allocating for ASCII input (the hot path: a client's hash per period).
 */
export function sipHashInto(key: SipKey, prefix: string, text: string, out: Int32Array, at: number): void {
  if (ascii(prefix, 0) && ascii(text, prefix.length)) hashBytes(key, scratch, prefix.length + text.length);
  else {
    const bytes = encoder.encode(prefix + text);
    hashBytes(key, bytes, bytes.length);
  }
  out[at] = result[0] as number;
  out[at + 1] = result[1] as number;
}

function word(m: Uint8Array, i: number): number {
  return (
    ((m[i] as number) |
      ((m[i + 1] as number) << 8) |
      ((m[i + 2] as number) << 16) |
      ((m[i + 3] as number) << 24)) >>>
    0
  );
}

export function sipHashBytes(key: SipKey, m: Uint8Array): [number, number] {
  hashBytes(key, m, m.length);
  return [result[0] as number, result[1] as number];
}

/** The last hash: [high, low] as signed int32. */
const result = new Int32Array(2);

/** The SipHash state v0..v3 as (high, low) uint32 halves, in fields of one object (no array traffic). */
class SipState {
  v0h = 0;
  v0l = 0;
  v1h = 0;
  v1l = 0;
  v2h = 0;
  v2l = 0;
  v3h = 0;
  v3l = 0;

  init(key: SipKey): void {
    const [k0l, k0h, k1l, k1h] = key;
    this.v0h = (k0h ^ 0x736f6d65) >>> 0;
    this.v0l = (k0l ^ 0x70736575) >>> 0;
    this.v1h = (k1h ^ 0x646f7261) >>> 0;
    this.v1l = (k1l ^ 0x6e646f6d) >>> 0;
    this.v2h = (k0h ^ 0x6c796765) >>> 0;
    this.v2l = (k0l ^ 0x6e657261) >>> 0;
    this.v3h = (k1h ^ 0x74656462) >>> 0;
    this.v3l = (k1l ^ 0x79746573) >>> 0;
  }

  /** One message word: v3 ^= m, two SipRounds, v0 ^= m. */
  compress(ml: number, mh: number): void {
    this.v3h = (this.v3h ^ mh) >>> 0;
    this.v3l = (this.v3l ^ ml) >>> 0;
    this.round();
    this.round();
    this.v0h = (this.v0h ^ mh) >>> 0;
    this.v0l = (this.v0l ^ ml) >>> 0;
  }

  round(): void {
    let { v0h, v0l, v1h, v2h, v2l, v3h, v3l } = this;
    let v1l = this.v1l;
    let lo = (v0l + v1l) >>> 0; // v0 += v1
    v0h = (v0h + v1h + (lo < v0l ? 1 : 0)) >>> 0;
    v0l = lo;
    let h = v1h; // v1 = rotl(v1, 13) ^ v0
    v1h = (((h << 13) | (v1l >>> 19)) ^ v0h) >>> 0;
    v1l = (((v1l << 13) | (h >>> 19)) ^ v0l) >>> 0;
    h = v0h; // v0 = rotl(v0, 32)
    v0h = v0l;
    v0l = h;
    lo = (v2l + v3l) >>> 0; // v2 += v3
    v2h = (v2h + v3h + (lo < v2l ? 1 : 0)) >>> 0;
    v2l = lo;
    h = v3h; // v3 = rotl(v3, 16) ^ v2
    v3h = (((h << 16) | (v3l >>> 16)) ^ v2h) >>> 0;
    v3l = (((v3l << 16) | (h >>> 16)) ^ v2l) >>> 0;
    lo = (v0l + v3l) >>> 0; // v0 += v3
    v0h = (v0h + v3h + (lo < v0l ? 1 : 0)) >>> 0;
    v0l = lo;
    h = v3h; // v3 = rotl(v3, 21) ^ v0
    v3h = (((h << 21) | (v3l >>> 11)) ^ v0h) >>> 0;
    v3l = (((v3l << 21) | (h >>> 11)) ^ v0l) >>> 0;
    lo = (v2l + v1l) >>> 0; // v2 += v1
    v2h = (v2h + v1h + (lo < v2l ? 1 : 0)) >>> 0;
    v2l = lo;
    h = v1h; // v1 = rotl(v1, 17) ^ v2
    v1h = (((h << 17) | (v1l >>> 15)) ^ v2h) >>> 0;
    v1l = (((v1l << 17) | (h >>> 15)) ^ v2l) >>> 0;
    this.v0h = v0h;
    this.v0l = v0l;
    this.v1h = v1h;
    this.v1l = v1l;
    this.v2h = v2l; // v2 = rotl(v2, 32)
    this.v2l = v2h;
    this.v3h = v3h;
    this.v3l = v3l;
  }
}

const state = new SipState();

/** SipHash-2-4 of the first `length` bytes of `m` into `result`. */
function hashBytes(key: SipKey, m: Uint8Array, length: number): void {
  state.init(key);
  const whole = length - (length % 8);
  for (let i = 0; i < whole; i += 8) state.compress(word(m, i), word(m, i + 4));
  let bl = 0;
  let bh = (length & 0xff) << 24;
  for (let i = whole; i < length; i += 1) {
    const shift = (i - whole) * 8;
    if (shift < 32) bl |= (m[i] as number) << shift;
    else bh |= (m[i] as number) << (shift - 32);
  }
  state.compress(bl >>> 0, bh >>> 0);
  state.v2l = (state.v2l ^ 0xff) >>> 0;
  for (let round = 0; round < 4; round += 1) state.round();
  result[0] = state.v0h ^ state.v1h ^ state.v2h ^ state.v3h;
  result[1] = state.v0l ^ state.v1l ^ state.v2l ^ state.v3l;
}
