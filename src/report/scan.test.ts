import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDb, osv, pkg, type TestDb } from '../match/__fixtures__/store.js';
import { encodeNative } from '../sbom/formats/native.js';
import type { Sbom } from '../sbom/types.js';
import { type ScanProgress, scan, scanSbom } from './scan.js';

const cvss = (vector: string) => [{ type: 'CVSS_V3', score: vector, source: 'nvd' }];
const lodash = pkg('npm', 'lodash', '4.17.15', { purl: 'pkg:npm/lodash@4.17.15' });
const minimist = pkg('npm', 'minimist', '1.2.0', { purl: 'pkg:npm/minimist@1.2.0' });
const express = pkg('npm', 'express', '4.19.2', { purl: 'pkg:npm/express@4.19.2' });
const sbom: Sbom = {
  schema: 'crowsnest-sbom/1',
  createdAt: '2024-01-01T00:00:00Z',
  tool: { name: 'crowsnest', version: '0.1.0' },
  source: { kind: 'oci-layout', location: '/images/app', reference: 'demo/app:1.0', layers: [] },
  packages: [lodash, minimist, express],
  unknowns: [],
  catalogers: [],
};

let t: TestDb;
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crowsnest-scan-'));
  t = makeDb({
    ghsa: [
      osv('GHSA-p6mc-m468-83gw', 'npm', 'lodash', [{ introduced: '3.7.0' }, { fixed: '4.17.19' }], {
        aliases: ['CVE-2020-8203'],
        severity: cvss('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H'),
      }),
      osv('GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }], {
        aliases: ['CVE-2021-23337'],
        severity: cvss('CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H'),
      }),
      osv('GHSA-xvch-5gv4-984h', 'npm', 'minimist', [{ introduced: '0' }, { fixed: '1.2.6' }], {
        aliases: ['CVE-2021-44906'],
        severity: cvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
      }),
      osv('GHSA-rv95-896h-c2vc', 'npm', 'express', [{ introduced: '0' }, { fixed: '4.19.2' }], {
        aliases: ['CVE-2024-29041'],
      }),
    ],
  });
  t.db.close(); // scan opens the file itself
  writeFileSync(join(dir, 'app.sbom.json'), encodeNative(sbom));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  t.dispose();
});

describe('scan', () => {
  it('scans an sbom:// input into a report, with progress events', async () => {
    const events: ScanProgress[] = [];
    const report = await scan(`sbom://${join(dir, 'app.sbom.json')}`, {
      dbPath: t.path,
      onProgress: (e) => events.push(e),
    });
    // most severe first: 9.8, then 7.4 before 7.2
    expect(report.findings.map((f) => f.id)).toEqual(['CVE-2021-44906', 'CVE-2020-8203', 'CVE-2021-23337']);
    expect(report.summary).toEqual({
      counts: { critical: 1, high: 2, medium: 0, low: 0, unspecified: 0 },
      packages: 3,
      vulnerablePackages: 2,
      fixable: 3,
      suppressed: 0,
    });
    expect(report.database).toEqual({ path: t.path, lastUpdate: expect.any(String), sources: ['ghsa'] });
    expect(events).toEqual([
      { stage: 'indexed', packages: 3, cached: false },
      { stage: 'matched', vulnerablePackages: 2, findings: 3 },
    ]);
  });

  it('applies VEX documents and counts suppressed findings apart', async () => {
    const vex = join(dir, 'app.vex.json');
    writeFileSync(
      vex,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://openvex.dev/docs/example/vex-2',
        author: 'test',
        timestamp: '2024-01-01T00:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2021-44906' },
            products: [{ '@id': 'demo/app:1.0', subcomponents: [{ '@id': 'pkg:npm/minimist' }] }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
        ],
      }),
    );
    const report = await scanSbom(sbom, { dbPath: t.path, vexLocations: [vex] });
    const minimistFinding = report.findings.find((f) => f.packageId === minimist.id)!;
    expect(minimistFinding).toMatchObject({
      suppressed: true,
      vex: { justification: 'vulnerable_code_not_in_execute_path' },
    });
    expect(report.summary).toMatchObject({
      counts: { critical: 0, high: 2 },
      vulnerablePackages: 1,
      suppressed: 1,
    });
  });

  it('fails before any image work when the database is missing, saying what to run', async () => {
    const error = await scan('oci-dir:///nonexistent', { dbPath: join(dir, 'none.db') }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'E_DB_MISSING',
      hint: expect.stringMatching(/crowsnest db update.*db import/),
    });
  });

  it('finds the default database through the environment', async () => {
    const error = await scanSbom(sbom, { env: { CROWSNEST_CACHE_DIR: join(dir, 'cache') } }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'E_DB_MISSING', where: join(dir, 'cache', 'advisories.db') });
  });
});
