import { describe, expect, it } from 'vitest';
import { cleanReport, sampleReport } from '../../__fixtures__/reports.js';
import { schemaErrors } from '../../__fixtures__/schema-check.js';
import { gitlabImage, renderGitlab } from './gitlab.js';
import { gitlabContainerScanningSchema } from './schema.js';

describe('GitLab container-scanning renderer', () => {
  it('writes a report valid against the structural 15.0.x schema', () => {
    expect(schemaErrors(gitlabContainerScanningSchema, JSON.parse(renderGitlab(sampleReport())))).toEqual([]);
    expect(schemaErrors(gitlabContainerScanningSchema, JSON.parse(renderGitlab(cleanReport())))).toEqual([]);
  });

  it('the schema rejects a broken report (it is not vacuous)', () => {
    const json = JSON.parse(renderGitlab(sampleReport()));
    json.scan.start_time = '2025-03-01T12:00:00.000Z';
    json.vulnerabilities[0].severity = 'Severe';
    json.vulnerabilities[1].identifiers = [];
    json.vulnerabilities[2].location.image = 'no-tag';
    delete json.vulnerabilities[3].location.dependency;
    const errors = schemaErrors(gitlabContainerScanningSchema, json).map((e) => e.instancePath);
    expect(errors).toEqual(
      expect.arrayContaining([
        '/scan/start_time',
        '/vulnerabilities/0/severity',
        '/vulnerabilities/1/identifiers',
        '/vulnerabilities/2/location/image',
        '/vulnerabilities/3/location',
      ]),
    );
  });

  it('writes one vulnerability per unsuppressed (vulnerability, package) with ids stable across runs', () => {
    const json = JSON.parse(renderGitlab(sampleReport()));
    expect(json.vulnerabilities).toHaveLength(sampleReport().findings.length - 1);
    const lodash = json.vulnerabilities.find((v: { name: string }) => v.name === 'CVE-2020-8203 in lodash');
    expect(lodash).toMatchObject({
      severity: 'High',
      solution: 'Upgrade lodash to 4.17.19',
      location: {
        dependency: { package: { name: 'lodash' }, version: '4.17.15' },
        operating_system: 'debian 12',
        image: 'registry.test/shop/web:1.4',
      },
    });
    expect(lodash.identifiers.map((i: { type: string }) => i.type)).toEqual(['cve', 'ghsa']);
    expect(JSON.parse(renderGitlab(sampleReport())).vulnerabilities[0].id).toBe(json.vulnerabilities[0].id);
    const unrated = json.vulnerabilities.find((v: { name: string }) => v.name.startsWith('CVE-2021-46848'));
    expect(unrated.severity).toBe('Unknown');
  });

  it('gives untagged image names the tag GitLab requires', () => {
    expect(gitlabImage('registry.test:5000/app:1.0')).toBe('registry.test:5000/app:1.0');
    expect(gitlabImage('/tmp/image.tar')).toBe('/tmp/image.tar:untagged');
  });
});
