import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import { cleanReport, sampleReport } from '../../__fixtures__/reports.js';
import { renderCycloneDx } from './cyclonedx.js';

interface CdxVulnerability {
  id: string;
  'bom-ref': string;
  ratings: { score?: number; severity: string; method: string; vector?: string }[];
  affects: { ref: string; versions: { version: string; status: string }[] }[];
  analysis?: { state: string; justification?: string; detail?: string };
  recommendation?: string;
  references?: { id: string }[];
  properties?: { name: string; value: string }[];
}

describe('CycloneDX renderer', () => {
  it('writes CycloneDX 1.6 that the official strict validator accepts', async () => {
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    expect(await validator.validate(renderCycloneDx(sampleReport()))).toBeNull();
    expect(await validator.validate(renderCycloneDx(cleanReport()))).toBeNull();
  });

  it('the validator rejects a broken document (the check is not vacuous)', async () => {
    const json = JSON.parse(renderCycloneDx(sampleReport()));
    json.vulnerabilities[0].ratings[0].severity = 'catastrophic';
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    expect(await validator.validate(JSON.stringify(json))).not.toBeNull();
  });

  it('lists one vulnerability per (vulnerability, package), pointing at the package component', () => {
    const json = JSON.parse(renderCycloneDx(sampleReport()));
    const vulns: CdxVulnerability[] = json.vulnerabilities;
    expect(vulns).toHaveLength(sampleReport().findings.length);
    const lodash = vulns.find((v) => v.id === 'CVE-2020-8203')!;
    expect(lodash.affects).toEqual([
      { ref: 'pkg:npm:lodash@4.17.15', versions: [{ version: '4.17.15', status: 'affected' }] },
    ]);
    expect(json.components.map((c: { 'bom-ref': string }) => c['bom-ref'])).toContain(
      'pkg:npm:lodash@4.17.15',
    );
    expect(lodash.ratings).toEqual([
      {
        score: 7.4,
        severity: 'high',
        method: 'CVSSv31',
        vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H',
        source: { name: 'GHSA' },
      },
    ]);
    expect(lodash.recommendation).toBe('Upgrade lodash to 4.17.19');
    expect(lodash.references).toEqual([{ id: 'GHSA-p6mc-m468-83gw', source: { name: 'GitHub' } }]);
    expect(lodash.properties).toContainEqual({
      name: 'crowsnest:affected-range',
      value: '>=3.7.0, <4.17.19',
    });
  });

  it('carries VEX verdicts as analysis with the CycloneDX justification', () => {
    const vulns: CdxVulnerability[] = JSON.parse(renderCycloneDx(sampleReport())).vulnerabilities;
    const suppressed = vulns.find((v) => v.id === 'CVE-2020-7598')!;
    expect(suppressed.analysis).toMatchObject({ state: 'not_affected', justification: 'code_not_reachable' });
    expect(suppressed.analysis!.detail).toContain('/work/vex/app.openvex.json');
    expect(vulns.find((v) => v.id === 'CVE-2023-45853')!.properties).toContainEqual({
      name: 'crowsnest:fix-state',
      value: 'will-not-fix',
    });
  });
});
