import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaErrors } from '../../src/report/__fixtures__/schema-check.js';
import { sarif210Schema } from '../../src/report/renderers/sarif/schema.js';
import type { Report } from '../../src/report/types.js';
import { runCli } from '../support/cli.js';
import { cli, expectedFindings, type ScanEnv, setUpScanEnv } from './scan-support.js';

let t: ScanEnv;
beforeAll(async () => {
  t = await setUpScanEnv();
});
afterAll(() => t?.dispose());

const cves = (...args: string[]) => cli(['cves', t.input, '--db', t.db, ...args], t.env);
const json = (text: string) => JSON.parse(text) as Report;

/** Findings as (id, package, version), the shape the independent expectation has. */
function triples(report: Report) {
  const byId = new Map(report.packages.map((p) => [p.id, p]));
  return report.findings
    .map((f) => ({ id: f.id, name: byId.get(f.packageId)!.name, version: byId.get(f.packageId)!.version }))
    .sort((a, b) => a.id.localeCompare(b.id) || a.name.localeCompare(b.name));
}

describe('crowsnest cves on the fixture image', () => {
  it('reports exactly the findings computed independently, with progress on stderr only', async () => {
    const run = await cves('--format', 'json');
    expect(run.code).toBe(0);
    const report = json(run.stdout);
    const expected = expectedFindings(t.fixtures);
    expect(expected.map((e) => e.id)).toContain('CVE-2005-2541'); // the expectation itself is not empty
    expect(triples(report)).toEqual(expected);
    // minimist 1.2.0 was installed in layer 1 and deleted in layer 2: it must not be reported
    expect(report.packages.some((p) => p.name === 'minimist')).toBe(false);
    expect(run.stderr).toMatch(
      new RegExp(`✓ (Indexed |SBOM of image already cached, )${report.packages.length} packages`),
    );
    expect(run.stderr).toContain('✗ Detected 4 vulnerable packages with a total of 5 vulnerabilities');
    expect(run.stdout).not.toMatch(/[✓✗] (Indexed|Detected)/);
  });

  it.each([
    [['--only-unfixed'], ['CVE-2005-2541 tar', 'CVE-2023-45853 zlib1g']],
    [['--only-fixed'], ['CVE-2020-8203 lodash', 'CVE-2021-23337 lodash', 'CVE-2024-29041 express']],
    [
      ['--only-severity', 'high'],
      ['CVE-2020-8203 lodash', 'CVE-2021-23337 lodash'],
    ],
    [
      ['--only-severity', 'low,unspecified'],
      ['CVE-2005-2541 tar', 'CVE-2023-45853 zlib1g'],
    ],
    [['--only-package-type', 'deb', '--only-severity', 'low'], ['CVE-2005-2541 tar']],
    [['--only-cve-id', 'ghsa-rv95-896h-c2vc'], ['CVE-2024-29041 express']],
    [['--only-cisa-kev'], []],
  ])('filters %j', async (flags, expected) => {
    const run = await cves('--format', 'json', ...flags);
    expect(run.code).toBe(0);
    expect(triples(json(run.stdout)).map((f) => `${f.id} ${f.name}`)).toEqual(expected);
  });

  it('shows will-not-fix and unfixed distro statuses in the package view', async () => {
    const run = await cves('--only-package-type', 'deb');
    expect(run.stdout).toMatch(/CVE-2023-45853[\s\S]*Fixed version : will not fix \(ignored\)/);
    expect(run.stdout).toMatch(/CVE-2005-2541[\s\S]*Fixed version : not fixed/);
  });

  it('--only-packages --only-vuln-packages prints the seed table', async () => {
    const run = await cves('--format', 'only-packages', '--only-vuln-packages');
    const rows = run.stdout.split('\n').filter((l) => /\d+C\s+\d+H/.test(l));
    expect(rows.map((r) => r.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'lodash 4.17.15 npm',
      'express 4.17.1 npm',
      'tar 1.34+dfsg-1.2+deb12u1 deb',
      'zlib1g 1:1.2.13.dfsg-1 deb',
    ]);
    expect(rows[0]).toMatch(/0C\s+2H\s+0M\s+0L\s+0\?$/);
  });

  it('--exit-code exits 2 when findings remain after the filters, 0 when none do', async () => {
    expect((await cves('--exit-code')).code).toBe(2);
    const none = await cves('--exit-code', '--only-cve-id', 'CVE-1999-0001');
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('✓ No vulnerable package detected');
  });

  it('suppresses with OpenVEX, hides from tables, counts apart; --ignore-suppressed drops', async () => {
    const vex = join(t.dir, 'express.openvex.json');
    writeFileSync(
      vex,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.test/vex/1',
        author: 'crowsnest tests',
        timestamp: '2025-01-01T00:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2024-29041' },
            products: [{ '@id': 'pkg:npm/express@4.17.1' }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
        ],
      }),
    );
    const table = await cves('--vex-location', vex);
    expect(table.stdout).not.toContain('CVE-2024-29041');
    expect(table.stdout).toContain('1 vulnerability suppressed by VEX is not shown');
    const kept = json((await cves('--vex-location', vex, '--format', 'json')).stdout);
    expect(kept.findings.find((f) => f.id === 'CVE-2024-29041')).toMatchObject({
      suppressed: true,
      vex: { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
    });
    const dropped = json(
      (await cves('--vex-location', vex, '--format', 'json', '--ignore-suppressed')).stdout,
    );
    expect(dropped.findings.some((f) => f.id === 'CVE-2024-29041')).toBe(false);
    const gate = await cves('--vex-location', vex, '--only-cve-id', 'CVE-2024-29041', '--exit-code');
    expect(gate.code).toBe(0);
  });

  it('writes SARIF valid against the 2.1.0 schema to a file with -o, stdout left empty', async () => {
    const out = join(t.dir, 'report.sarif');
    const run = await cves('--format', 'sarif', '-o', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(schemaErrors(sarif210Schema, log)).toEqual([]);
    const results = log.runs[0].results as { ruleId: string; locations: unknown[] }[];
    expect(results.map((r) => r.ruleId).sort()).toEqual(
      expectedFindings(t.fixtures)
        .map((e) => e.id)
        .sort(),
    );
  });

  it('--explain and why name the file, layer, record and range', async () => {
    const explain = await cves('--explain', 'CVE-2020-8203');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(/Found in +\/app\/node_modules\/lodash\/package\.json, layer 1 \(sha256:/);
    expect(explain.stdout).toContain('lies in the affected range ">=3.7.0, <4.17.19"');
    const why = await cli(['why', 'CVE-2020-8203', t.input, '--db', t.db], t.env);
    expect(why.stdout).toBe(explain.stdout);
    const missing = await cves('--explain', 'CVE-1999-0001');
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('no finding CVE-1999-0001 in this image');
  });

  it('refuses bad filter values before any image work', async () => {
    const bad = await cli(['cves', 'oci-dir:///nonexistent', '--only-severity', 'severe'], t.env);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('unknown severity severe');
    const both = await cli(['cves', 'oci-dir:///nonexistent', '--only-fixed', '--only-unfixed'], t.env);
    expect(both.code).toBe(64);
  });

  it('the built binary ends with exit code 2 and keeps stdout to the result', async () => {
    const run = await runCli(['cves', t.input, '--db', t.db, '--format', 'json', '--exit-code'], t.env);
    expect(run.code).toBe(2);
    expect(json(run.stdout).summary.counts).toEqual({
      critical: 0,
      high: 2,
      medium: 1,
      low: 1,
      unspecified: 1,
    });
    expect(run.stderr).toContain('✗ Detected 4 vulnerable packages');
  });
});
