import { AppError } from '../core/errors.js';
import type { Finding } from '../match/types.js';
import { packageTypes } from '../sbom/formats/package-types.js';
import type { Package, PackageType } from '../sbom/types.js';
import { countFindings, severityNames, severityOf } from './group.js';
import type { Report, SeverityName } from './types.js';

/** The `cves` filters. Every one narrows; none given keeps the report as it is (summary recomputed). */
export interface ReportFilters {
  severities?: readonly SeverityName[];
  packageTypes?: readonly PackageType[];
  /** Keep only packages that still have a finding after the other filters. */
  onlyVulnerablePackages?: boolean;
  /** Keep findings with a fix available. */
  onlyFixed?: boolean;
  /** Keep findings without a fix (not fixed, will not fix, unknown). */
  onlyUnfixed?: boolean;
  /** Vulnerability ids or aliases (case-insensitive). */
  ids?: readonly string[];
  /** Keep findings in CISA's Known Exploited Vulnerabilities catalog. */
  onlyKev?: boolean;
  /** Drop VEX-suppressed findings entirely (by default they stay, hidden in tables, counted apart). */
  ignoreSuppressed?: boolean;
}

/** The summary of a package list and its findings. Suppressed findings are counted only as `suppressed`. */
export function summarize(packages: readonly Package[], findings: readonly Finding[]): Report['summary'] {
  const active = findings.filter((f) => !f.suppressed);
  return {
    counts: countFindings(active),
    packages: packages.length,
    vulnerablePackages: new Set(active.map((f) => f.packageId)).size,
    fixable: active.filter((f) => f.fix.state === 'fixed').length,
    suppressed: findings.length - active.length,
  };
}

function findingPredicates(filters: ReportFilters): ((f: Finding) => boolean)[] {
  const predicates: ((f: Finding) => boolean)[] = [];
  if (filters.severities?.length) {
    const wanted = new Set(filters.severities);
    predicates.push((f) => wanted.has(severityOf(f)));
  }
  if (filters.onlyFixed) predicates.push((f) => f.fix.state === 'fixed');
  if (filters.onlyUnfixed) predicates.push((f) => f.fix.state !== 'fixed');
  if (filters.ids?.length) {
    const wanted = new Set(filters.ids.map((id) => id.toUpperCase()));
    predicates.push((f) => [f.id, ...f.aliases].some((id) => wanted.has(id.toUpperCase())));
  }
  if (filters.onlyKev) predicates.push((f) => f.kev !== undefined);
  if (filters.ignoreSuppressed) predicates.push((f) => !f.suppressed);
  return predicates;
}

/** Applies the filters to a report and recomputes its summary. Pure: the input is not changed. */
export function applyFilters(report: Report, filters: ReportFilters = {}): Report {
  let packages = report.packages;
  if (filters.packageTypes?.length) {
    const types = new Set<string>(filters.packageTypes);
    packages = packages.filter((p) => types.has(p.type));
  }
  const kept = new Set(packages.map((p) => p.id));
  const predicates = findingPredicates(filters);
  let findings = report.findings.filter(
    (f) => kept.has(f.packageId) && predicates.every((accept) => accept(f)),
  );
  if (filters.onlyVulnerablePackages) {
    // a package whose only findings are suppressed is not vulnerable: it goes, and its findings with it
    const vulnerable = new Set(findings.filter((f) => !f.suppressed).map((f) => f.packageId));
    packages = packages.filter((p) => vulnerable.has(p.id));
    findings = findings.filter((f) => vulnerable.has(f.packageId));
  }
  const notEvaluated = report.notEvaluated.filter((n) => kept.has(n.packageId));
  return { ...report, packages, findings, notEvaluated, summary: summarize(packages, findings) };
}

/** Findings a CI gate counts: what is left after the filters, suppressed ones excluded. */
export function remainingFindings(report: Report): Finding[] {
  return report.findings.filter((f) => !f.suppressed);
}

/** Splits `a,b` and repeated flags into one list, trimmed and lower-cased. */
export function splitList(values: readonly string[] | string | undefined): string[] {
  const list = typeof values === 'string' ? [values] : (values ?? []);
  return list
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function parseSeverities(values: readonly string[] | string | undefined): SeverityName[] {
  const names = splitList(values).map((v) => v.toLowerCase());
  const unknown = names.filter((n) => !severityNames.includes(n as SeverityName));
  if (unknown.length) {
    throw new AppError('E_USAGE', `unknown severity ${unknown.join(', ')}`, {
      hint: `severities: ${severityNames.join(', ')}`,
    });
  }
  return [...new Set(names as SeverityName[])];
}

export function parsePackageTypes(values: readonly string[] | string | undefined): PackageType[] {
  const names = splitList(values).map((v) => v.toLowerCase());
  const unknown = names.filter((n) => !packageTypes.includes(n as PackageType));
  if (unknown.length) {
    throw new AppError('E_USAGE', `unknown package type ${unknown.join(', ')}`, {
      hint: `types: ${packageTypes.join(', ')}`,
    });
  }
  return [...new Set(names as PackageType[])];
}
