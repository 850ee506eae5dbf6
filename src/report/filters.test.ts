import { describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import { sampleReport } from './__fixtures__/reports.js';
import {
  applyFilters,
  parsePackageTypes,
  parseSeverities,
  type ReportFilters,
  splitList,
} from './filters.js';

const ids = (filters: ReportFilters) =>
  applyFilters(sampleReport(), filters)
    .findings.map((f) => f.id)
    .sort();

describe('applyFilters', () => {
  it.each<[string, ReportFilters, string[]]>([
    [
      'no filter keeps everything',
      {},
      [
        'CVE-2020-28500',
        'CVE-2020-7598',
        'CVE-2020-8203',
        'CVE-2021-23337',
        'CVE-2021-44906',
        'CVE-2021-46848',
        'CVE-2023-45853',
        'CVE-2023-4911',
        'GHSA-qw6h-vgh9-j6wx',
      ],
    ],
    ['critical only', { severities: ['critical'] }, ['CVE-2021-44906', 'CVE-2023-45853']],
    ['unspecified only', { severities: ['unspecified'] }, ['CVE-2021-46848']],
    [
      'high and medium',
      { severities: ['high', 'medium'] },
      [
        'CVE-2020-28500',
        'CVE-2020-7598',
        'CVE-2020-8203',
        'CVE-2021-23337',
        'CVE-2023-4911',
        'GHSA-qw6h-vgh9-j6wx',
      ],
    ],
    ['deb packages', { packageTypes: ['deb'] }, ['CVE-2021-46848', 'CVE-2023-45853', 'CVE-2023-4911']],
    ['unfixed (not fixed, will not fix)', { onlyUnfixed: true }, ['CVE-2021-46848', 'CVE-2023-45853']],
    [
      'fixed',
      { onlyFixed: true },
      [
        'CVE-2020-28500',
        'CVE-2020-7598',
        'CVE-2020-8203',
        'CVE-2021-23337',
        'CVE-2021-44906',
        'CVE-2023-4911',
        'GHSA-qw6h-vgh9-j6wx',
      ],
    ],
    ['by id', { ids: ['cve-2020-8203'] }, ['CVE-2020-8203']],
    [
      'by alias',
      { ids: ['GHSA-35JH-R3H4-6JHM', 'GHSA-qw6h-vgh9-j6wx'] },
      ['CVE-2021-23337', 'GHSA-qw6h-vgh9-j6wx'],
    ],
    ['KEV', { onlyKev: true }, ['CVE-2023-4911']],
    [
      'ignore suppressed drops the VEX not_affected one',
      { ignoreSuppressed: true, packageTypes: ['npm'] },
      ['CVE-2020-28500', 'CVE-2020-8203', 'CVE-2021-23337', 'CVE-2021-44906', 'GHSA-qw6h-vgh9-j6wx'],
    ],
    [
      'filters combine (AND)',
      { severities: ['high'], packageTypes: ['npm'], onlyFixed: true },
      ['CVE-2020-8203', 'CVE-2021-23337'],
    ],
    ['nothing left', { onlyKev: true, packageTypes: ['npm'] }, []],
  ])('%s', (_name, filters, expected) => {
    expect(ids(filters)).toEqual(expected);
  });

  it('recomputes the summary after the filters, counting suppressed findings apart', () => {
    const all = applyFilters(sampleReport());
    expect(all.summary).toEqual({
      counts: { critical: 2, high: 3, medium: 2, low: 0, unspecified: 1 },
      packages: 8,
      vulnerablePackages: 6,
      fixable: 6,
      suppressed: 1,
    });
    const npmHigh = applyFilters(sampleReport(), { packageTypes: ['npm'], severities: ['high'] });
    expect(npmHigh.summary).toEqual({
      counts: { critical: 0, high: 2, medium: 0, low: 0, unspecified: 0 },
      packages: 4,
      vulnerablePackages: 1,
      fixable: 2,
      suppressed: 0,
    });
  });

  it('--only-vuln-packages keeps packages with a finding left; a package with only suppressed ones goes', () => {
    const report = applyFilters(sampleReport(), { onlyVulnerablePackages: true, severities: ['medium'] });
    expect(report.packages.map((p) => p.name).sort()).toEqual(['express', 'lodash']);
    // minimist's medium finding is suppressed: the package is not vulnerable, so it and its finding go
    expect(report.findings.map((f) => f.id).sort()).toEqual(['CVE-2020-28500', 'GHSA-qw6h-vgh9-j6wx']);
    expect(report.summary.packages).toBe(2);
    expect(report.summary.suppressed).toBe(0);
  });

  it('does not change its input', () => {
    const report = sampleReport();
    const before = JSON.stringify(report);
    applyFilters(report, { onlyVulnerablePackages: true, severities: ['critical'], ignoreSuppressed: true });
    expect(JSON.stringify(report)).toBe(before);
  });
});

describe('flag parsing', () => {
  it('splits comma lists and repeated flags', () => {
    expect(splitList(['critical,high', ' low ', ''])).toEqual(['critical', 'high', 'low']);
    expect(parseSeverities('Critical,HIGH')).toEqual(['critical', 'high']);
    expect(parsePackageTypes(['deb', 'npm,deb'])).toEqual(['deb', 'npm']);
  });

  it('refuses unknown severities and package types with a usage error that lists the valid ones', () => {
    for (const attempt of [() => parseSeverities('severe'), () => parsePackageTypes('debian')]) {
      try {
        attempt();
        expect.unreachable();
      } catch (error) {
        expect(isAppError(error) && error.code).toBe('E_USAGE');
        expect((error as Error & { hint: string }).hint).toMatch(/critical|deb/);
      }
    }
  });
});
