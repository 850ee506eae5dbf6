import { describe, expect, it } from 'vitest';
import { cleanReport, packages, sampleReport } from '../../__fixtures__/reports.js';
import { schemaErrors } from '../../__fixtures__/schema-check.js';
import { applyFilters } from '../../filters.js';
import { pathUri, renderSarif } from './sarif.js';
import { sarif210Schema } from './schema.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation?: { artifactLocation: { uri: string } }; message?: { text: string } }[];
  suppressions?: { kind: string; status: string; justification: string }[];
}

const parse = (text: string) => JSON.parse(text);

describe('SARIF renderer', () => {
  it('writes a log valid against the SARIF 2.1.0 schema', () => {
    const log = parse(renderSarif(applyFilters(sampleReport())));
    expect(schemaErrors(sarif210Schema, log)).toEqual([]);
    expect(schemaErrors(sarif210Schema, parse(renderSarif(cleanReport())))).toEqual([]);
  });

  it('gives one result per (vulnerability, package) and one rule per vulnerability id', () => {
    const report = sampleReport();
    const twice = {
      ...report.findings.find((f) => f.id === 'CVE-2020-8203')!,
      packageId: packages.express.id,
    };
    const log = parse(renderSarif({ ...report, findings: [...report.findings, twice] }));
    const run = log.runs[0];
    const results: SarifResult[] = run.results;
    expect(results).toHaveLength(report.findings.length + 1);
    expect(run.tool.driver.rules).toHaveLength(report.findings.length);
    const pairs = results.map((r) => `${r.ruleId} ${r.message.text.split(' ')[0]}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const r of results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('uses the CVE as ruleId where one exists, else the advisory id', () => {
    const ruleIds = parse(renderSarif(sampleReport())).runs[0].tool.driver.rules.map(
      (r: { id: string }) => r.id,
    );
    expect(ruleIds).toContain('CVE-2020-8203');
    expect(ruleIds).not.toContain('GHSA-p6mc-m468-83gw');
    expect(ruleIds).toContain('GHSA-qw6h-vgh9-j6wx');
  });

  it('maps severity to level and security-severity, and points at the evidence files', () => {
    const run = parse(renderSarif(sampleReport())).runs[0];
    const rule = (id: string) => run.tool.driver.rules.find((r: { id: string }) => r.id === id);
    expect(rule('CVE-2023-45853').defaultConfiguration.level).toBe('error');
    expect(rule('CVE-2023-45853').properties['security-severity']).toBe('9.8');
    expect(rule('CVE-2020-28500').defaultConfiguration.level).toBe('warning');
    expect(rule('CVE-2021-46848').defaultConfiguration.level).toBe('note');
    expect(rule('CVE-2021-46848').properties['security-severity']).toBeUndefined();
    const lodash: SarifResult = run.results.find((r: SarifResult) => r.ruleId === 'CVE-2020-8203');
    expect(lodash.locations[0]!.physicalLocation!.artifactLocation.uri).toBe(
      'app/node_modules/lodash/package.json',
    );
    expect(lodash.locations[0]!.message!.text).toMatch(/layer 2 \(sha256:333333333333\)/);
    expect(lodash.message.text).toBe(
      'lodash 4.17.15 (npm) is affected by CVE-2020-8203 (high 7.4). Fixed in 4.17.19.',
    );
  });

  it('marks VEX-suppressed findings with an external, accepted suppression', () => {
    const results: SarifResult[] = parse(renderSarif(sampleReport())).runs[0].results;
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => r.ruleId)).toEqual(['CVE-2020-7598']);
    expect(suppressed[0]!.suppressions![0]).toMatchObject({ kind: 'external', status: 'accepted' });
    expect(suppressed[0]!.suppressions![0]!.justification).toMatch(
      /not_affected.*vulnerable_code_not_in_execute_path/,
    );
  });

  it('escapes paths into URI references', () => {
    expect(pathUri('/opt/my app/x:1.jar!/lib/y.jar')).toBe('opt/my%20app/x%3A1.jar!/lib/y.jar');
  });

  it('the schema rejects a broken log (it is not vacuous)', () => {
    const log = parse(renderSarif(sampleReport()));
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].results[1].message;
    log.runs[0].tool.driver.rules[0].helpUri = 'not a uri';
    log.runs[0].results[2].suppressions = [{ status: 'accepted' }];
    log.runs[0].results[3].locations[0].physicalLocation.artifactLocation.uri = 'a b';
    log.version = '2.0.0';
    const errors = schemaErrors(sarif210Schema, log).map((e) => `${e.instancePath} ${e.message}`);
    expect(errors.join('\n')).toMatch(/\/version must be equal to one of the allowed values/);
    expect(errors.join('\n')).toMatch(/results\/0\/level must be equal to one of the allowed values/);
    expect(errors.join('\n')).toMatch(/results\/1 must have required property 'message'/);
    expect(errors.join('\n')).toMatch(/helpUri must match format "uri"/);
    expect(errors.join('\n')).toMatch(/suppressions\/0 must have required property 'kind'/);
    expect(errors.join('\n')).toMatch(/artifactLocation\/uri must match format "uri-reference"/);
    expect(schemaErrors(sarif210Schema, { version: '2.1.0' })).not.toEqual([]);
  });
});
