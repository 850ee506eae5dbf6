import { describe, expect, it } from 'vitest';
import { FingerprintGenerations, fingerprint } from './fingerprint.js';
import { Deduper, Watermark } from './gate.js';

const HOUR = 3_600_000;

describe('watermark', () => {
  it('is late at or behind the last mark; a clock moves the mark further', () => {
    const watermark = new Watermark(30_000);
    expect(watermark.isLate(100_000)).toBe(false);
    expect(watermark.mark()).toBe(70_000);
    expect(watermark.isLate(70_000)).toBe(true);
    expect(watermark.isLate(70_001)).toBe(false);
    expect(watermark.mark(500_000)).toBe(500_000);
    expect(watermark.isLate(200_000)).toBe(true);
    // never moves back
    expect(watermark.mark()).toBe(500_000);
  });
});

describe('fingerprint generations', () => {
  const key = (text: string) => {
    const out = new Int32Array(2);
    fingerprint(text, out);
    return [out[0] as number, out[1] as number] as const;
  };

  it('remembers through one rotation, forgets after two, and keeps everything while growing', () => {
    const set = new FingerprintGenerations(16);
    const first = Array.from({ length: 5000 }, (_, i) => key(`a${i}`));
    for (const [hi, lo] of first) expect(set.add(hi, lo)).toBe(true);
    for (const [hi, lo] of first) expect(set.add(hi, lo)).toBe(false);
    set.rotate();
    expect(set.add(...(first[42] as [number, number]))).toBe(false);
    const second = Array.from({ length: 3000 }, (_, i) => key(`b${i}`));
    for (const [hi, lo] of second) expect(set.add(hi, lo)).toBe(true);
    set.rotate();
    expect(set.size).toBe(3000);
    for (const [hi, lo] of second) expect(set.add(hi, lo)).toBe(false);
    expect(set.add(...(first[42] as [number, number]))).toBe(true);
  });
});

describe('dedupe', () => {
  it('drops repeated ids and marks events that may repeat a forgotten one', () => {
    const deduper = new Deduper(24 * HOUR);
    const admit = (id: string, ts: number) => {
      const out = new Int32Array(2);
      fingerprint(id, out);
      return deduper.admit(out[0] as number, out[1] as number, ts);
    };
    expect(admit('e1', 0)).toBe(true);
    expect(deduper.mayRepeat).toBe(false);
    expect(admit('e1', 0)).toBe(false);
    expect(admit('e2', 30 * HOUR)).toBe(true); // a new generation: e1 still remembered
    expect(admit('e1', 0)).toBe(false);
    expect(admit('e3', 60 * HOUR)).toBe(true); // e1's generation is dropped
    expect(deduper.mayRepeat).toBe(false);
    // e1 again: no longer known, so it passes, marked for the store to check
    expect(admit('e1', 0)).toBe(true);
    expect(deduper.mayRepeat).toBe(true);
    // newer than anything forgotten: cannot repeat a forgotten event
    expect(admit('e4', 59 * HOUR)).toBe(true);
    expect(deduper.mayRepeat).toBe(false);
  });
});
