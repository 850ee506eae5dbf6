import { describe, expect, it } from 'vitest';
import { pkg } from '../match/__fixtures__/store.js';
import type { Finding } from '../match/types.js';
import type { Sbom } from '../sbom/types.js';
import { assembleReport, severityName } from './assemble.js';

const a = pkg('npm', 'a', '1.0.0');
const b = pkg('npm', 'b', '1.0.0');
const sbom: Sbom = {
  schema: 'crowsnest-sbom/1',
  createdAt: '2024-01-01T00:00:00Z',
  tool: { name: 'crowsnest', version: '0.1.0' },
  source: { kind: 'directory', location: '/x', layers: [] },
  packages: [a, b],
  unknowns: [],
  catalogers: [],
};

const finding = (id: string, packageId: string, over: Partial<Finding> = {}): Finding => ({
  id,
  aliases: [],
  packageId,
  severity: { rating: 'high', score: 7.5, type: 'CVSS_V3', source: 'nvd' },
  fix: { state: 'not-fixed', versions: [] },
  urls: [],
  suppressed: false,
  matches: [],
  ...over,
});

describe('report assembly', () => {
  it('counts visible findings per severity, unrated ones as unspecified, suppressed ones apart', () => {
    const report = assembleReport(
      sbom,
      {
        findings: [
          finding('CVE-2024-3', b.id, { severity: { rating: 'unknown', type: 'none', source: 'x' } }),
          finding('CVE-2024-2', a.id, { fix: { state: 'fixed', versions: ['1.0.1'] } }),
          finding('CVE-2024-1', a.id, {
            severity: { rating: 'critical', score: 9.8, type: 'CVSS_V3', source: 'nvd' },
          }),
          finding('CVE-2024-4', b.id, { suppressed: true }),
          finding('CVE-2024-5', b.id, {
            severity: { rating: 'none', score: 0, type: 'CVSS_V3', source: 'nvd' },
          }),
        ],
        notEvaluated: [{ packageId: b.id, reason: 'why' }],
      },
      { path: '/db', sources: ['ghsa'] },
      new Date('2024-05-01T00:00:00Z'),
    );
    expect(report.summary).toEqual({
      counts: { critical: 1, high: 1, medium: 0, low: 0, unspecified: 2 },
      packages: 2,
      vulnerablePackages: 2,
      fixable: 1,
      suppressed: 1,
    });
    expect(report.findings.map((f) => f.id)).toEqual([
      'CVE-2024-1',
      'CVE-2024-2',
      'CVE-2024-4',
      'CVE-2024-5',
      'CVE-2024-3',
    ]);
    expect(report.createdAt).toBe('2024-05-01T00:00:00.000Z');
    expect(report.notEvaluated).toHaveLength(1);
  });

  it('maps ratings to the report’s buckets', () => {
    expect(
      ['critical', 'high', 'medium', 'low', 'none', 'unknown'].map((r) => severityName(r as never)),
    ).toEqual(['critical', 'high', 'medium', 'low', 'unspecified', 'unspecified']);
  });
});
