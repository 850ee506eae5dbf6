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

/** State v0..v3 as (high, low) uint32 pairs: [v0h, v0l, v1h, v1l, v2h, v2l, v3h, v3l]. */
const v = new Uint32Array(8);

/** Adds b to a (64-bit, halves at indexes ah/al and bh/bl). */
function add(a: number, b: number): void {
  const lo = ((v[a + 1] as number) + (v[b + 1] as number)) >>> 0;
  v[a] = (v[a] as number) + (v[b] as number) + (lo < (v[a + 1] as number) ? 1 : 0);
  v[a + 1] = lo;
}

/** x = rotl(x, n) ^ y for 0 < n < 32. */
function rotXor(x: number, n: number, y: number): void {
  const h = v[x] as number;
  const l = v[x + 1] as number;
  v[x] = ((h << n) | (l >>> (32 - n))) ^ (v[y] as number);
  v[x + 1] = ((l << n) | (h >>> (32 - n))) ^ (v[y + 1] as number);
}

function swapHalves(x: number): void {
  const h = v[x] as number;
  v[x] = v[x + 1] as number;
  v[x + 1] = h;
}

function sipRound(): void {
  add(0, 2);
  rotXor(2, 13, 0);
  swapHalves(0);
  add(4, 6);
  rotXor(6, 16, 4);
  add(0, 6);
  rotXor(6, 21, 0);
  add(4, 2);
  rotXor(2, 17, 4);
  swapHalves(4);
}

function compress(ml: number, mh: number): void {
  v[6] = (v[6] as number) ^ mh;
  v[7] = (v[7] as number) ^ ml;
  sipRound();
  sipRound();
  v[0] = (v[0] as number) ^ mh;
  v[1] = (v[1] as number) ^ ml;
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

/** SipHash-2-4 of the first `length` bytes of `m` into `result`. */
function hashBytes(key: SipKey, m: Uint8Array, length: number): void {
  const [k0l, k0h, k1l, k1h] = key;
  v[0] = k0h ^ 0x736f6d65;
  v[1] = k0l ^ 0x70736575;
  v[2] = k1h ^ 0x646f7261;
  v[3] = k1l ^ 0x6e646f6d;
  v[4] = k0h ^ 0x6c796765;
  v[5] = k0l ^ 0x6e657261;
  v[6] = k1h ^ 0x74656462;
  v[7] = k1l ^ 0x79746573;
  const whole = length - (length % 8);
  for (let i = 0; i < whole; i += 8) compress(word(m, i), word(m, i + 4));
  let bl = 0;
  let bh = (length & 0xff) << 24;
  for (let i = whole; i < length; i += 1) {
    const shift = (i - whole) * 8;
    if (shift < 32) bl |= (m[i] as number) << shift;
    else bh |= (m[i] as number) << (shift - 32);
  }
  compress(bl >>> 0, bh >>> 0);
  v[5] = (v[5] as number) ^ 0xff;
  sipRound();
  sipRound();
  sipRound();
  sipRound();
  result[0] = (v[0] as number) ^ (v[2] as number) ^ (v[4] as number) ^ (v[6] as number);
  result[1] = (v[1] as number) ^ (v[3] as number) ^ (v[5] as number) ^ (v[7] as number);
}
