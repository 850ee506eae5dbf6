/** A small seeded generator (mulberry32), so every run draws the same pairs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Pair = readonly [string, string];

/**
 * `count` pairs from `versions`: half random, half neighbours in plain string order (which puts
 * `1.2.3` next to `1.2.3-r1`, `1.2.3~rc1` and `1.2.30`, where orderings differ most), plus each version
 * with itself now and then.
 */
export function samplePairs(versions: readonly string[], count: number, seed: number): Pair[] {
  const random = seededRandom(seed);
  const pick = (): string => versions[Math.floor(random() * versions.length)]!;
  const sorted = [...versions].sort();
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 10;
    if (kind < 5) {
      pairs.push([pick(), pick()]);
    } else if (kind < 9) {
      const at = Math.floor(random() * (sorted.length - 1));
      const pair: Pair = random() < 0.5 ? [sorted[at]!, sorted[at + 1]!] : [sorted[at + 1]!, sorted[at]!];
      pairs.push(pair);
    } else {
      const v = pick();
      pairs.push([v, v]);
    }
  }
  return pairs;
}

/** A deterministic sample of at most `count` items. */
export function sample<T>(items: readonly T[], count: number, seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}
