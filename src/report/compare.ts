import type { Finding } from '../match/types.js';
import type { Package, PackageType } from '../sbom/types.js';
import { compareFindings, countFindings, emptyCounts, severityNames, severityOf } from './group.js';
import type { Report, SeverityCounts, SeverityName } from './types.js';

export interface PackageRef {
  type: PackageType;
  name: string;
  version: string;
  purl: string;
}

export interface PackageChange {
  type: PackageType;
  name: string;
  from: string;
  to: string;
}

export interface VulnerabilityRef {
  id: string;
  aliases: string[];
  severity: SeverityName;
  score?: number;
  package: { type: PackageType; name: string; version: string };
  fix: Finding['fix'];
}

export interface ComparedImage {
  image: string;
  manifestDigest?: string;
  packages: number;
  counts: SeverityCounts;
}

/** What changed from the baseline (`--to`) to the image: the shape of `compare --format json`. */
export interface Comparison {
  schema: 'crowsnest-compare/1';
  image: ComparedImage;
  baseline: ComparedImage;
  packages: { added: PackageRef[]; removed: PackageRef[]; changed: PackageChange[]; unchanged: number };
  /** Keyed by vulnerability id and package (type, name): an upgrade that keeps a CVE leaves it unchanged. */
  vulnerabilities: { introduced: VulnerabilityRef[]; fixed: VulnerabilityRef[]; unchanged: number };
  /** image counts minus baseline counts. */
  delta: SeverityCounts;
}

const packageKey = (p: { type: string; name: string }) => `${p.type}\0${p.name}`;
const byName = (a: { name: string; type: string }, b: { name: string; type: string }) =>
  a.name.localeCompare(b.name) || a.type.localeCompare(b.type);

function versionsByKey(packages: readonly Package[]): Map<string, Package[]> {
  const map = new Map<string, Package[]>();
  for (const p of packages) {
    const list = map.get(packageKey(p)) ?? [];
    if (!list.some((q) => q.version === p.version)) list.push(p);
    map.set(packageKey(p), list);
  }
  return map;
}

const ref = (p: Package): PackageRef => ({ type: p.type, name: p.name, version: p.version, purl: p.purl });

/**
 * Packages are matched by (type, name); for each name the versions only in the image are added and those only
 * in the baseline removed, except that when both sides have some, they pair up (in sorted order) as changes.
 */
function comparePackages(image: readonly Package[], baseline: readonly Package[]): Comparison['packages'] {
  const now = versionsByKey(image);
  const before = versionsByKey(baseline);
  const result: Comparison['packages'] = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const key of new Set([...now.keys(), ...before.keys()])) {
    const a = now.get(key) ?? [];
    const b = before.get(key) ?? [];
    const added = a
      .filter((p) => !b.some((q) => q.version === p.version))
      .sort((x, y) => x.version.localeCompare(y.version));
    const removed = b
      .filter((p) => !a.some((q) => q.version === p.version))
      .sort((x, y) => x.version.localeCompare(y.version));
    result.unchanged += a.length - added.length;
    const pairs = Math.min(added.length, removed.length);
    for (let i = 0; i < pairs; i++) {
      result.changed.push({
        type: added[i]!.type,
        name: added[i]!.name,
        from: removed[i]!.version,
        to: added[i]!.version,
      });
    }
    result.added.push(...added.slice(pairs).map(ref));
    result.removed.push(...removed.slice(pairs).map(ref));
  }
  result.added.sort(byName);
  result.removed.sort(byName);
  result.changed.sort(byName);
  return result;
}

function vulnerabilityMap(report: Report): Map<string, VulnerabilityRef> {
  const packages = new Map(report.packages.map((p) => [p.id, p]));
  const map = new Map<string, VulnerabilityRef>();
  for (const finding of [...report.findings].sort(compareFindings)) {
    const pkg = packages.get(finding.packageId);
    if (finding.suppressed || !pkg) continue;
    const key = `${finding.id}\0${packageKey(pkg)}`;
    if (map.has(key)) continue;
    map.set(key, {
      id: finding.id,
      aliases: finding.aliases,
      severity: severityOf(finding),
      ...(finding.severity.score !== undefined ? { score: finding.severity.score } : {}),
      package: { type: pkg.type, name: pkg.name, version: pkg.version },
      fix: finding.fix,
    });
  }
  return map;
}

function side(report: Report): ComparedImage {
  return {
    image: report.source.reference ?? report.source.location,
    ...(report.source.manifestDigest ? { manifestDigest: report.source.manifestDigest } : {}),
    packages: report.packages.length,
    counts: countFindings(report.findings),
  };
}

const bySeverity = (a: VulnerabilityRef, b: VulnerabilityRef) =>
  severityNames.indexOf(a.severity) - severityNames.indexOf(b.severity) ||
  (b.score ?? -1) - (a.score ?? -1) ||
  a.id.localeCompare(b.id) ||
  a.package.name.localeCompare(b.package.name);

/** Compares two (filtered) reports: `image` is the one under review, `baseline` what it is compared to. */
export function compareReports(image: Report, baseline: Report): Comparison {
  const now = vulnerabilityMap(image);
  const before = vulnerabilityMap(baseline);
  const introduced = [...now].filter(([key]) => !before.has(key)).map(([, v]) => v);
  const fixed = [...before].filter(([key]) => !now.has(key)).map(([, v]) => v);
  const a = side(image);
  const b = side(baseline);
  const delta = emptyCounts();
  for (const name of severityNames) delta[name] = a.counts[name] - b.counts[name];
  return {
    schema: 'crowsnest-compare/1',
    image: a,
    baseline: b,
    packages: comparePackages(image.packages, baseline.packages),
    vulnerabilities: {
      introduced: introduced.sort(bySeverity),
      fixed: fixed.sort(bySeverity),
      unchanged: now.size - introduced.length,
    },
    delta,
  };
}

export function hasPackageChanges(comparison: Comparison): boolean {
  const { added, removed, changed } = comparison.packages;
  return added.length + removed.length + changed.length > 0;
}
