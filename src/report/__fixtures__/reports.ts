import type { ShownSeverity } from '../../advisories/model.js';
import type { Digest } from '../../core/digest.js';
import type { Finding, MatchEvidence } from '../../match/types.js';
import type { Package, PackageType } from '../../sbom/types.js';
import { summarize } from '../filters.js';
import type { Report } from '../types.js';

/**
 * Small hand-built reports for renderer golden tests: a Debian 12 image with old npm packages, every fix
 * state, a KEV entry, EPSS, a VEX-suppressed finding, a GHSA-only finding and an unscored one.
 */
const layerDigest = (n: number) => `sha256:${String(n).repeat(64)}` as Digest;

export function pkg(type: PackageType, name: string, version: string, layer: number, path: string): Package {
  const purl =
    type === 'deb'
      ? `pkg:deb/debian/${name}@${encodeURIComponent(version)}?arch=amd64&distro=debian-12`
      : `pkg:${type}/${name}@${version}`;
  return {
    id: `${type}:${name}@${version}`,
    type,
    name,
    version,
    purl,
    licenses: [],
    locations: [{ path, layer }],
    layer,
    foundBy: type === 'deb' ? 'dpkg' : `${type}-installed`,
  };
}

function cvss(score: number, rating: ShownSeverity['rating'], vector: string, source = 'nvd'): ShownSeverity {
  return { rating, score, type: vector.startsWith('CVSS:4') ? 'CVSS_V4' : 'CVSS_V3', vector, source };
}

interface FindingSpec {
  id: string;
  pkg: Package;
  severity: ShownSeverity;
  fixed?: string;
  state?: Finding['fix']['state'];
  advisory?: string;
  feed?: string;
  range?: string;
  extra?: Partial<Finding>;
}

export function finding(spec: FindingSpec): Finding {
  const advisoryId = spec.advisory ?? spec.id;
  const evidence: MatchEvidence = {
    method: spec.pkg.type === 'deb' ? 'source-package' : 'language-package',
    searchedBy: {
      ecosystem: spec.pkg.type === 'deb' ? 'Debian:12' : 'npm',
      name: spec.pkg.source?.name ?? spec.pkg.name,
    },
    version: spec.pkg.version,
    advisoryId,
    feed: spec.feed ?? (spec.pkg.type === 'deb' ? 'debian-tracker' : 'ghsa'),
    ...(spec.range ? { range: spec.range } : {}),
    ...(spec.fixed ? { fixedVersion: spec.fixed } : {}),
  };
  return {
    id: spec.id,
    aliases: advisoryId === spec.id ? [] : [advisoryId],
    packageId: spec.pkg.id,
    severity: spec.severity,
    fix: {
      state: spec.state ?? (spec.fixed ? 'fixed' : 'not-fixed'),
      versions: spec.fixed ? [spec.fixed] : [],
    },
    urls: [`https://example.test/advisories/${spec.id}`],
    suppressed: false,
    matches: [evidence],
    ...spec.extra,
  };
}

export const packages = {
  libc6: { ...pkg('deb', 'libc6', '2.36-9+deb12u3', 0, '/var/lib/dpkg/status'), source: { name: 'glibc' } },
  zlib: { ...pkg('deb', 'zlib1g', '1:1.2.13.dfsg-1', 0, '/var/lib/dpkg/status'), source: { name: 'zlib' } },
  tasn1: pkg('deb', 'libtasn1-6', '4.19.0-2', 0, '/var/lib/dpkg/status'),
  bash: pkg('deb', 'bash', '5.2.15-2+b2', 0, '/var/lib/dpkg/status'),
  lodash: pkg('npm', 'lodash', '4.17.15', 2, '/app/node_modules/lodash/package.json'),
  minimist: pkg('npm', 'minimist', '1.2.0', 2, '/app/node_modules/minimist/package.json'),
  express: pkg('npm', 'express', '4.17.1', 2, '/app/node_modules/express/package.json'),
  debug: pkg('npm', 'debug', '2.6.9', 2, '/app/node_modules/debug/package.json'),
};

const v31 = (rest: string) => `CVSS:3.1/${rest}`;

export function sampleFindings(): Finding[] {
  const p = packages;
  return [
    finding({
      id: 'CVE-2023-4911',
      pkg: p.libc6,
      severity: cvss(7.8, 'high', v31('AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H')),
      fixed: '2.36-9+deb12u4',
      range: '<2.36-9+deb12u4',
      extra: {
        summary: 'Looney Tunables: buffer overflow in the dynamic loader',
        kev: { dateAdded: '2023-11-21', ransomwareUse: 'Unknown' },
        epss: { score: 0.7512, percentile: 0.9876, date: '2025-02-20' },
      },
    }),
    finding({
      id: 'CVE-2023-45853',
      pkg: p.zlib,
      severity: cvss(9.8, 'critical', v31('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')),
      state: 'will-not-fix',
      extra: {
        summary: 'MiniZip integer overflow in zipOpenNewFileInZip4_64',
        distroStatus: 'ignored',
        matches: [
          {
            method: 'source-package',
            searchedBy: { ecosystem: 'Debian:12', name: 'zlib' },
            version: '1:1.2.13.dfsg-1',
            advisoryId: 'CVE-2023-45853',
            feed: 'debian-tracker',
            distroStatus: {
              ecosystem: 'Debian:12',
              release: 'bookworm',
              package: 'zlib',
              status: 'ignored',
              note: 'contrib/minizip not built and src:zlib not producing binary packages',
            },
          },
        ],
      },
    }),
    finding({
      id: 'CVE-2021-46848',
      pkg: p.tasn1,
      severity: { rating: 'unknown', type: 'Debian', source: 'debian-tracker' },
      state: 'not-fixed',
      extra: { distroStatus: 'postponed' },
    }),
    finding({
      id: 'CVE-2020-8203',
      advisory: 'GHSA-p6mc-m468-83gw',
      pkg: p.lodash,
      severity: cvss(7.4, 'high', v31('AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H'), 'GHSA'),
      fixed: '4.17.19',
      range: '>=3.7.0, <4.17.19',
      extra: {
        summary: 'Prototype Pollution in lodash',
        epss: { score: 0.0123, percentile: 0.85 },
      },
    }),
    finding({
      id: 'CVE-2021-23337',
      advisory: 'GHSA-35jh-r3h4-6jhm',
      pkg: p.lodash,
      severity: cvss(7.2, 'high', v31('AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H'), 'GHSA'),
      fixed: '4.17.21',
      range: '<4.17.21',
      extra: { summary: 'Command Injection in lodash' },
    }),
    finding({
      id: 'CVE-2020-28500',
      advisory: 'GHSA-29mw-wpgm-hmr9',
      pkg: p.lodash,
      severity: cvss(5.3, 'medium', v31('AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L'), 'GHSA'),
      fixed: '4.17.21',
      range: '>=4.0.0, <4.17.21',
      extra: { summary: 'Regular Expression Denial of Service (ReDoS) in lodash' },
    }),
    finding({
      id: 'CVE-2021-44906',
      advisory: 'GHSA-xvch-5gv4-984h',
      pkg: p.minimist,
      severity: cvss(9.8, 'critical', v31('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 'GHSA'),
      fixed: '1.2.6',
      range: '<1.2.6',
      extra: { summary: 'Prototype Pollution in minimist' },
    }),
    finding({
      id: 'CVE-2020-7598',
      advisory: 'GHSA-vh95-rmgr-6w4m',
      pkg: p.minimist,
      severity: cvss(5.6, 'medium', v31('AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L'), 'GHSA'),
      fixed: '1.2.3',
      range: '<1.2.3',
      extra: {
        summary: 'Prototype Pollution in minimist',
        suppressed: true,
        vex: {
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impactStatement: 'minimist only parses our own fixed argv',
          document: '/work/vex/app.openvex.json',
        },
      },
    }),
    finding({
      id: 'GHSA-qw6h-vgh9-j6wx',
      pkg: p.express,
      severity: cvss(5, 'medium', v31('AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:L'), 'GHSA'),
      fixed: '4.20.0',
      range: '<4.20.0',
      extra: { summary: 'express vulnerable to XSS via response.redirect()' },
    }),
  ];
}

/** The sample report: summary computed the way filters compute it. */
export function sampleReport(): Report {
  const packageList = Object.values(packages);
  const findings = sampleFindings();
  return {
    schema: 'crowsnest-report/1',
    createdAt: '2025-03-01T12:00:00.000Z',
    tool: { name: 'crowsnest', version: '0.1.0' },
    source: {
      kind: 'registry',
      location: 'registry.test/shop/web:1.4',
      reference: 'registry.test/shop/web:1.4',
      manifestDigest: `sha256:${'ab'.repeat(32)}` as Digest,
      platform: 'linux/amd64',
      layers: [0, 1, 2].map((index) => ({
        index,
        digest: layerDigest(index + 5),
        diffId: layerDigest(index + 1),
        createdBy: ['debootstrap bookworm', 'apt-get install nodejs', 'npm ci'][index],
      })),
    },
    distro: {
      id: 'debian',
      versionId: '12',
      codename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
    },
    packages: packageList,
    findings,
    summary: summarize(packageList, findings),
    database: {
      path: '/cache/crowsnest/advisories.db',
      lastUpdate: '2025-03-01T06:00:00Z',
      sources: ['debian-tracker', 'ghsa'],
    },
    unknowns: [],
    notEvaluated: [],
  };
}

/** A report with no findings at all. */
export function cleanReport(): Report {
  const report = sampleReport();
  return { ...report, findings: [], summary: summarize(report.packages, []) };
}
