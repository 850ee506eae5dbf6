import { describe, expect, it } from 'vitest';
import type { Finding } from '../../match/types.js';
import { assembleReport } from '../../report/assemble.js';
import type { Report } from '../../report/types.js';
import type { Package, Sbom } from '../../sbom/types.js';
import { diffFindings } from './changes.js';

const pkg = (name: string, version: string): Package => ({
  id: `deb:${name}@${version}`,
  type: 'deb',
  name,
  version,
  purl: `pkg:deb/debian/${name}@${version}`,
  licenses: [],
  locations: [{ path: `/var/lib/dpkg/status`, layer: 0 }],
  layer: 0,
  foundBy: 'dpkg',
});
const openssl = pkg('openssl', '3.0.11-1');
const zlib = pkg('zlib1g', '1.2.13');
const sbom: Sbom = {
  schema: 'crowsnest-sbom/1',
  createdAt: '2026-01-01T00:00:00Z',
  tool: { name: 'crowsnest', version: 'test' },
  source: { kind: 'directory', location: '/', layers: [] },
  packages: [openssl, zlib],
  unknowns: [],
  catalogers: [],
};

function finding(
  id: string,
  p: Package,
  rating: Finding['severity']['rating'],
  over: Partial<Finding> = {},
): Finding {
  return {
    id,
    aliases: [],
    packageId: p.id,
    severity: {
      rating,
      type: 'CVSS_V3',
      source: 'test',
      score: { critical: 9.8, high: 7.5, medium: 5, low: 2 }[rating as 'low'],
    },
    fix: { state: 'fixed', versions: ['9'] },
    urls: [],
    suppressed: false,
    matches: [],
    ...over,
  };
}

const report = (findings: Finding[]): Report =>
  assembleReport(sbom, { findings, notEvaluated: [] }, { path: 'x', sources: [] });

/** Stored findings against a new match of the whole SBOM. */
const compare = (before: Report, after: Report) =>
  diffFindings(before.findings, after.findings, sbom.packages);

describe('diffFindings', () => {
  const base = [finding('CVE-2024-1', openssl, 'medium'), finding('CVE-2024-2', zlib, 'low')];

  it('says unchanged when the same findings come back (in any order)', () => {
    expect(compare(report(base), report([...base].reverse()))).toEqual({
      changed: false,
      newly: [],
    });
  });

  it('names a new finding and a raised severity, most severe first', () => {
    const after = report([
      finding('CVE-2024-1', openssl, 'critical'),
      finding('CVE-2024-2', zlib, 'low'),
      finding('CVE-2024-3', zlib, 'high'),
    ]);
    const diff = compare(report(base), after);
    expect(diff.changed).toBe(true);
    expect(diff.newly.map((c) => [c.kind, c.vulnerabilityId, c.severity, c.previousSeverity])).toEqual([
      ['raised', 'CVE-2024-1', 'critical', 'medium'],
      ['new', 'CVE-2024-3', 'high', undefined],
    ]);
    expect(diff.newly[1]).toMatchObject({
      packageName: 'zlib1g',
      packageVersion: '1.2.13',
      packageType: 'deb',
    });
  });

  it('does not call a finding new when only its shown id moved within its alias group', () => {
    const before = report([finding('GHSA-aaaa-bbbb-cccc', openssl, 'medium')]);
    const after = report([finding('CVE-2024-9', openssl, 'medium', { aliases: ['GHSA-aaaa-bbbb-cccc'] })]);
    expect(compare(before, after)).toEqual({ changed: true, newly: [] });
  });

  it('records a lowered severity, a removed finding or a new fix as a change without telling anyone', () => {
    const lowered = report([finding('CVE-2024-1', openssl, 'low'), finding('CVE-2024-2', zlib, 'low')]);
    expect(compare(report(base), lowered)).toEqual({ changed: true, newly: [] });
    expect(compare(report(base), report([base[0] as Finding]))).toEqual({
      changed: true,
      newly: [],
    });
    const fixed = report([
      finding('CVE-2024-1', openssl, 'medium', { fix: { state: 'fixed', versions: ['10'] } }),
      base[1] as Finding,
    ]);
    expect(compare(report(base), fixed)).toEqual({ changed: true, newly: [] });
  });

  it('never tells about a suppressed (VEX) finding', () => {
    const after = report([...base, finding('CVE-2024-5', zlib, 'critical', { suppressed: true })]);
    expect(compare(report(base), after)).toEqual({ changed: true, newly: [] });
  });

  it('puts known-exploited first among equal severities', () => {
    const after = report([
      ...base,
      finding('CVE-2024-7', zlib, 'high'),
      finding('CVE-2024-8', openssl, 'high', { kev: { dateAdded: '2024-01-01' } as Finding['kev'] }),
    ]);
    expect(compare(report(base), after).newly.map((c) => c.vulnerabilityId)).toEqual([
      'CVE-2024-8',
      'CVE-2024-7',
    ]);
  });
});
