import { describe, expect, it } from 'vitest';
import { finding, packages, pkg, sampleReport } from './__fixtures__/reports.js';
import { compareReports, hasPackageChanges } from './compare.js';
import { applyFilters, summarize } from './filters.js';
import { renderComparisonMarkdown } from './renderers/compare/markdown.js';
import { renderComparisonText } from './renderers/compare/text.js';
import type { Report } from './types.js';

/** The sample image, one release later: lodash and libc6 upgraded, debug gone, left-pad new, a new express CVE. */
function nextRelease(): Report {
  const base = sampleReport();
  const lodash = pkg('npm', 'lodash', '4.17.21', 2, '/app/node_modules/lodash/package.json');
  const libc6 = {
    ...pkg('deb', 'libc6', '2.36-9+deb12u4', 0, '/var/lib/dpkg/status'),
    source: { name: 'glibc' },
  };
  const leftPad = pkg('npm', 'left-pad', '1.3.0', 2, '/app/node_modules/left-pad/package.json');
  const kept = base.packages.filter((p) => !['lodash', 'libc6', 'debug'].includes(p.name));
  const packageList = [...kept, lodash, libc6, leftPad];
  const findings = [
    ...base.findings.filter((f) => ![packages.lodash.id, packages.libc6.id].includes(f.packageId)),
    finding({
      id: 'CVE-2024-29041',
      advisory: 'GHSA-rv95-896h-c2vc',
      pkg: packages.express,
      severity: { rating: 'medium', score: 6.1, type: 'CVSS_V3', source: 'GHSA' },
      fixed: '4.19.2',
    }),
  ];
  return {
    ...base,
    source: {
      ...base.source,
      reference: 'registry.test/shop/web:1.5',
      location: 'registry.test/shop/web:1.5',
    },
    packages: packageList,
    findings,
    summary: summarize(packageList, findings),
  };
}

describe('compareReports', () => {
  const comparison = compareReports(applyFilters(nextRelease()), applyFilters(sampleReport()));

  it('lists packages added, removed and changed', () => {
    expect(comparison.packages.added.map((p) => `${p.name}@${p.version}`)).toEqual(['left-pad@1.3.0']);
    expect(comparison.packages.removed.map((p) => `${p.name}@${p.version}`)).toEqual(['debug@2.6.9']);
    expect(comparison.packages.changed).toEqual([
      { type: 'deb', name: 'libc6', from: '2.36-9+deb12u3', to: '2.36-9+deb12u4' },
      { type: 'npm', name: 'lodash', from: '4.17.15', to: '4.17.21' },
    ]);
    expect(comparison.packages.unchanged).toBe(5);
    expect(hasPackageChanges(comparison)).toBe(true);
  });

  it('lists vulnerabilities introduced and fixed (suppressed ones are neither)', () => {
    expect(comparison.vulnerabilities.introduced.map((v) => v.id)).toEqual(['CVE-2024-29041']);
    expect(comparison.vulnerabilities.fixed.map((v) => `${v.id} ${v.package.name}`)).toEqual([
      'CVE-2023-4911 libc6',
      'CVE-2020-8203 lodash',
      'CVE-2021-23337 lodash',
      'CVE-2020-28500 lodash',
    ]);
    expect(comparison.vulnerabilities.unchanged).toBe(4);
    expect(comparison.delta).toEqual({ critical: 0, high: -3, medium: 0, low: 0, unspecified: 0 });
  });

  it('an image compared with itself has no changes', () => {
    const same = compareReports(sampleReport(), sampleReport());
    expect(hasPackageChanges(same)).toBe(false);
    expect(same.vulnerabilities.introduced).toEqual([]);
    expect(same.vulnerabilities.fixed).toEqual([]);
  });

  it('a package present at two versions on one side pairs only what differs', () => {
    const base = sampleReport();
    const second = pkg('npm', 'lodash', '4.17.21', 2, '/app/node_modules/x/node_modules/lodash/package.json');
    const both = { ...base, packages: [...base.packages, second] };
    const result = compareReports(both, base);
    expect(result.packages.added.map((p) => p.version)).toEqual(['4.17.21']);
    expect(result.packages.changed).toEqual([]);
  });

  it('renders as text and markdown', async () => {
    await expect(renderComparisonText(comparison)).toMatchFileSnapshot(
      './renderers/compare/__golden__/compare.txt',
    );
    await expect(renderComparisonMarkdown(comparison)).toMatchFileSnapshot(
      './renderers/compare/__golden__/compare-markdown.txt',
    );
    expect(renderComparisonText(comparison)).toContain(
      '+ MEDIUM 6.1       CVE-2024-29041       express 4.17.1',
    );
  });
});
