import type { Finding } from '../../../src/match/types.js';
import { assembleReport } from '../../../src/report/assemble.js';
import type { Report } from '../../../src/report/types.js';
import type { Sbom } from '../../../src/sbom/types.js';
import type { AnalysisWrite, PackageKey } from '../../../src/store/types.js';

export const sampleDigest = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`;

export function sampleSbom(digest: string): Sbom {
  const pkg = (name: string, version: string, layer: number) => ({
    id: `npm:${name}@${version}`,
    type: 'npm' as const,
    name,
    version,
    purl: `pkg:npm/${name}@${version}`,
    licenses: ['MIT'],
    locations: [{ path: `/app/node_modules/${name}/package.json`, layer }],
    layer,
    foundBy: 'npm-package',
  });
  return {
    schema: 'crowsnest-sbom/1',
    createdAt: '2026-01-01T00:00:00.000Z',
    tool: { name: 'crowsnest', version: '0.1.0' },
    source: {
      kind: 'registry',
      location: `127.0.0.1:5000/demo/app@${digest}`,
      manifestDigest: digest as Sbom['source']['manifestDigest'],
      platform: 'linux/amd64',
      layers: [],
    },
    packages: [pkg('lodash', '4.17.20', 1), pkg('minimist', '1.2.5', 2), pkg('left-pad', '1.3.0', 1)],
    unknowns: [],
    catalogers: [{ id: 'npm-package', version: 1 }],
  };
}

function finding(
  id: string,
  packageId: string,
  rating: Finding['severity']['rating'],
  score?: number,
): Finding {
  return {
    id,
    aliases: [],
    packageId,
    severity: { rating, type: 'CVSS_V3', source: 'test', ...(score !== undefined ? { score } : {}) },
    fix: { state: 'fixed', versions: ['9.9.9'] },
    urls: [],
    suppressed: false,
    matches: [],
  };
}

/** A report with `critical` critical findings on lodash, one high on minimist, one low on lodash. */
export function sampleReport(sbom: Sbom, critical = 1): Report {
  const findings = [
    ...Array.from({ length: critical }, (_, i) =>
      finding(`CVE-2021-${1000 + i}`, 'npm:lodash@4.17.20', 'critical', 9.8),
    ),
    finding('CVE-2020-2000', 'npm:minimist@1.2.5', 'high', 7.5),
    finding('CVE-2019-3000', 'npm:lodash@4.17.20', 'low', 3.1),
  ];
  return assembleReport(sbom, { findings, notEvaluated: [] }, { path: 'test.db', sources: ['test'] });
}

export const sampleKeys: PackageKey[] = [
  { ecosystem: 'npm', name: 'lodash' },
  { ecosystem: 'npm', name: 'minimist' },
  { ecosystem: 'npm', name: 'left-pad' },
];

export function sampleWrite(
  input: Pick<AnalysisWrite, 'orgId' | 'repositoryId' | 'digest'> & Partial<AnalysisWrite>,
): AnalysisWrite {
  const sbom = sampleSbom(input.digest);
  return {
    pushedAt: '2026-01-02T00:00:00.000Z',
    mode: 'continuous',
    at: '2026-01-02T00:00:01.000Z',
    platform: 'linux/amd64',
    sbom,
    report: sampleReport(sbom),
    packageKeys: sampleKeys,
    ...input,
  };
}
