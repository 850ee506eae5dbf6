import type { OsvAffected, OsvEvent, OsvRange, RangeVerdict } from './osv-types.js';
import { schemeFor } from './registry.js';
import { semverScheme } from './schemes/semver/index.js';
import type { VersionScheme } from './types.js';

type EventKind = keyof OsvEvent;
interface Event {
  kind: EventKind;
  version: string;
}

type RangeResult = { affected: boolean; fixed?: string } | { error: string };

/** The one field an event carries (the schema allows exactly one). */
function eventOf(event: OsvEvent): Event | undefined {
  for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
    const version = event[kind];
    if (typeof version === 'string') return { kind, version };
  }
  return undefined;
}

/** `introduced: "0"` is before everything and `limit: "*"` after everything, in every scheme. */
const isFloor = (e: Event): boolean => e.kind === 'introduced' && e.version === '0';
const isInfinity = (e: Event): boolean => e.kind === 'limit' && e.version.includes('*');

function sortEvents(events: Event[], scheme: VersionScheme): Event[] {
  const rank = (e: Event): number => (isFloor(e) ? -1 : isInfinity(e) ? 1 : 0);
  return [...events].sort(
    (a, b) => rank(a) - rank(b) || (rank(a) === 0 ? scheme.compare(a.version, b.version) : 0),
  );
}

/** The schema's `IncludedInRanges` for one range, plus the smallest `fixed` above the version. */
function evaluateRange(range: OsvRange, version: string, scheme: VersionScheme): RangeResult {
  const events = range.events.map(eventOf).filter((e): e is Event => e !== undefined);
  const bad = events.find((e) => !isFloor(e) && !isInfinity(e) && !scheme.isValid(e.version));
  if (bad) return { error: `${bad.kind} "${bad.version}" is not a valid ${scheme.name} version` };
  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((e) => isInfinity(e) || scheme.compare(version, e.version) < 0)) {
    return { affected: false };
  }
  const sorted = sortEvents(events, scheme);
  let affected = false;
  for (const event of sorted) {
    if (event.kind === 'introduced') {
      if (isFloor(event) || scheme.compare(version, event.version) >= 0) affected = true;
    } else if (event.kind === 'fixed') {
      if (scheme.compare(version, event.version) >= 0) affected = false;
    } else if (event.kind === 'last_affected') {
      if (scheme.compare(version, event.version) > 0) affected = false;
    }
  }
  if (!affected) return { affected };
  const fixed = sorted.find((e) => e.kind === 'fixed' && scheme.compare(version, e.version) < 0)?.version;
  return fixed === undefined ? { affected } : { affected, fixed };
}

function listed(versions: readonly string[], version: string, scheme: VersionScheme | undefined): boolean {
  return versions.some(
    (v) =>
      v === version ||
      (scheme?.isValid(v) === true && scheme.isValid(version) && scheme.compare(v, version) === 0),
  );
}

/** The scheme a range is read with, or why it cannot be read. */
function schemeForRange(
  range: OsvRange,
  version: string,
  ecosystem: string,
  scheme: VersionScheme | undefined,
): VersionScheme | string {
  const chosen = range.type === 'SEMVER' ? semverScheme : range.type === 'ECOSYSTEM' ? scheme : undefined;
  if (!chosen) {
    return range.type === 'ECOSYSTEM'
      ? `no version scheme for ecosystem "${ecosystem}"`
      : `unknown range type "${range.type}"`;
  }
  return chosen.isValid(version) ? chosen : `"${version}" is not a valid ${chosen.name} version`;
}

/**
 * Evaluates one OSV `affected[]` entry for one version of its package, per the OSV schema: affected when
 * the `versions` list names it or any SEMVER/ECOSYSTEM range includes it. SEMVER ranges use SemVer order
 * whatever the ecosystem; ECOSYSTEM ranges use the ecosystem's scheme. GIT ranges need the repository's
 * commit graph, so they are left out when other ranges or a non-empty `versions` list can answer (the
 * list is the schema's enumeration of the affected versions); with neither, the verdict is
 * "cannot-evaluate". So is any range we cannot read (unknown scheme, invalid bound): a conservative
 * "don't know" instead of a silent "not affected".
 */
export function evaluateAffected(affected: OsvAffected, version: string, ecosystem: string): RangeVerdict {
  const scheme = schemeFor(ecosystem);
  const versions = affected.versions ?? [];
  if (listed(versions, version, scheme)) return { status: 'affected' };
  const ranges = affected.ranges ?? [];
  const problems = new Set<string>();
  let answered = versions.length > 0;
  for (const range of ranges) {
    if (range.type === 'GIT') continue;
    const chosen = schemeForRange(range, version, ecosystem, scheme);
    const result = typeof chosen === 'string' ? { error: chosen } : evaluateRange(range, version, chosen);
    if ('error' in result) {
      problems.add(result.error);
    } else if (result.affected) {
      return { status: 'affected', range, ...(result.fixed ? { fixed: result.fixed } : {}) };
    } else {
      answered = true;
    }
  }
  if (problems.size > 0) return { status: 'cannot-evaluate', reason: [...problems].join('; ') };
  if (answered) return { status: 'not-affected' };
  return {
    status: 'cannot-evaluate',
    reason:
      ranges.length > 0
        ? 'only GIT ranges, which need the repository history'
        : 'the advisory lists neither versions nor ranges',
  };
}
export { describeRange } from './describe-range.js';
