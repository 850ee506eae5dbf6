import { describe, expect, it } from 'vitest';
import { sampleReport } from './__fixtures__/reports.js';
import { countFindings, groupByPackage, severityOf } from './group.js';

describe('groupByPackage', () => {
  it('sorts packages by worst severity, then counts, then name; findings by severity, score, id', () => {
    const groups = groupByPackage(sampleReport());
    expect(groups.map((g) => [g.package.name, g.worst, g.findings.map((f) => f.id)])).toEqual([
      ['minimist', 'critical', ['CVE-2021-44906']],
      ['zlib1g', 'critical', ['CVE-2023-45853']],
      ['lodash', 'high', ['CVE-2020-8203', 'CVE-2021-23337', 'CVE-2020-28500']],
      ['libc6', 'high', ['CVE-2023-4911']],
      ['express', 'medium', ['GHSA-qw6h-vgh9-j6wx']],
      ['libtasn1-6', 'unspecified', ['CVE-2021-46848']],
    ]);
  });

  it('ties on worst severity break on the counts (more highs first)', () => {
    const [lodash, libc6] = groupByPackage(sampleReport()).slice(2, 4);
    expect(lodash!.counts.high).toBe(2);
    expect(libc6!.counts.high).toBe(1);
  });

  it('keeps suppressed findings only when asked, and never counts them', () => {
    const groups = groupByPackage(sampleReport(), { includeSuppressed: true });
    const minimist = groups.find((g) => g.package.name === 'minimist')!;
    expect(minimist.findings.map((f) => [f.id, f.suppressed])).toEqual([
      ['CVE-2021-44906', false],
      ['CVE-2020-7598', true],
    ]);
    expect(minimist.counts).toEqual({ critical: 1, high: 0, medium: 0, low: 0, unspecified: 0 });
  });

  it('maps ratings without a claim (none, unknown) to unspecified', () => {
    const [finding] = sampleReport().findings;
    expect(severityOf({ ...finding!, severity: { ...finding!.severity, rating: 'none' } })).toBe(
      'unspecified',
    );
    expect(countFindings(sampleReport().findings).unspecified).toBe(1);
  });
});
