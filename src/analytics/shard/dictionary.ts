/** One field's texts → codes (0, 1, 2, … in order of first use); `fresh` holds the texts not yet sent. */
export class Dictionary {
  size = 0;
  fresh: string[] = [];
  private readonly texts = new Map<string, number>();

  code(text: string): number {
    let code = this.texts.get(text);
    if (code === undefined) {
      code = this.next(text);
      this.texts.set(text, code);
    }
    return code;
  }

  protected next(text: string): number {
    this.fresh.push(text);
    this.size += 1;
    return this.size - 1;
  }
}

/**
 * The value of a dotted-quad IPv4 address written canonically (no leading zeros, nothing else), else
 * -1: only then does the number stand for exactly one text.
 */
export function canonicalIpv4(text: string): number {
  if (text.length < 7 || text.length > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      dots += 1;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // a leading zero
      octet = octet * 10 + (c - 48);
      digits += 1;
      if (octet > 255) return -1;
    } else return -1;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

/**
 * Client addresses, the one field with a code per client: a canonical IPv4 text is looked up as its
 * 32-bit value in an open-addressing table (one probe into typed arrays, no string hashing), any other
 * text (IPv6, unusual spellings) as a string. Both share one code space.
 */
export class AddressDictionary extends Dictionary {
  /** Per slot: the address's value (as int32), then its code + 1 (0: empty); one cache line per probe. */
  private slots = new Int32Array(2 << 12);
  private numbers = 0;

  override code(text: string): number {
    const value = canonicalIpv4(text);
    if (value < 0) return super.code(text);
    const key = value | 0;
    const { slots } = this;
    const mask = (slots.length >> 1) - 1;
    for (let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[2 * slot + 1] as number;
      if (stored === 0) {
        const code = this.next(text);
        slots[2 * slot] = key;
        slots[2 * slot + 1] = code + 1;
        this.numbers += 1;
        if (this.numbers * 4 > slots.length) this.grow();
        return code;
      }
      if (slots[2 * slot] === key) return stored - 1;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = (this.slots.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      const stored = old[i + 1] as number;
      if (stored === 0) continue;
      const key = old[i] as number;
      let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
      while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      this.slots[2 * slot] = key;
      this.slots[2 * slot + 1] = stored;
    }
  }
}
