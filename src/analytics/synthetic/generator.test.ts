import { describe, expect, it } from 'vitest';
import { parseEventLine } from '../event.js';
import { dayOf } from '../periods.js';
import type { ManifestRequest } from '../types.js';
import { toEnvelope } from './envelope.js';
import { generateRequests } from './generator.js';

const startDay = dayOf(Date.UTC(2026, 8, 7)); // a Monday

function all(events: number, seed = 7): ManifestRequest[] {
  return [...generateRequests({ events, seed, startDay, days: 28 })].flat();
}

describe('synthetic pull workload', () => {
  const requests = all(40_000);

  it('produces about the requested volume, deterministically per seed', () => {
    expect(requests.length).toBeGreaterThan(38_000);
    expect(requests.length).toBeLessThan(42_000);
    expect(all(2_000).map((r) => r.id)).toEqual(all(2_000).map((r) => r.id));
    expect(all(2_000, 8).map((r) => r.digest)).not.toEqual(all(2_000).map((r) => r.digest));
  });

  it('has a weekday/weekend rhythm of about two to one', () => {
    const perDay = new Map<number, number>();
    for (const r of requests) perDay.set(dayOf(r.ts), (perDay.get(dayOf(r.ts)) ?? 0) + 1);
    const weekday = [...perDay].filter(([d]) => (d + 3) % 7 < 5).map(([, n]) => n);
    const weekend = [...perDay].filter(([d]) => (d + 3) % 7 >= 5).map(([, n]) => n);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(weekday) / mean(weekend)).toBeGreaterThan(1.6);
    expect(mean(weekday) / mean(weekend)).toBeLessThan(2.5);
  });

  it('mixes real clients, HEAD version checks, multi-arch pulls and signed-in users', () => {
    const tools = new Set(requests.map((r) => r.userAgent.split('/')[0]));
    for (const tool of ['docker', 'containerd', 'buildkit', 'RenovateBot', 'skopeo'])
      expect(tools).toContain(tool);
    expect(requests.filter((r) => r.method === 'HEAD' && r.tag).length).toBeGreaterThan(
      requests.length * 0.1,
    );
    expect(requests.some((r) => r.mediaType.includes('index'))).toBe(true);
    expect(requests.some((r) => r.actor)).toBe(true);
    expect(new Set(requests.map((r) => r.id)).size).toBeLessThan(requests.length); // a few redeliveries
  });

  it('writes envelopes the importer reads back unchanged', () => {
    for (const request of requests.slice(0, 200)) {
      const [back] = parseEventLine(toEnvelope(request)).requests;
      expect(back).toEqual(request);
    }
  });
});
