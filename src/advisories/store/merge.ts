import type { Advisory } from '../model.js';

function union<T>(a: T[] = [], b: T[] = []): T[] {
  const keys = new Set(a.map((x) => JSON.stringify(x)));
  return [...a, ...b.filter((x) => !keys.has(JSON.stringify(x)))];
}

/**
 * One record per id. Some upstreams publish one id twice (AlmaLinux puts an erratum under two releases):
 * identical copies collapse, differing ones are merged so no affected package is lost.
 */
export function mergeDuplicates(advisories: readonly Advisory[]): Map<string, Advisory> {
  const out = new Map<string, Advisory>();
  for (const advisory of advisories) {
    const seen = out.get(advisory.id);
    if (!seen) {
      out.set(advisory.id, advisory);
      continue;
    }
    if (JSON.stringify(seen) === JSON.stringify(advisory)) continue;
    const merged: Advisory = {
      ...seen,
      affected: union(seen.affected, advisory.affected),
      aliases: union(seen.aliases, advisory.aliases),
    };
    if (seen.distro_statuses || advisory.distro_statuses) {
      merged.distro_statuses = union(seen.distro_statuses, advisory.distro_statuses);
    }
    out.set(advisory.id, merged);
  }
  return out;
}
