import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv } from 'ajv';
import parse from 'spdx-expression-parse';
import { describe, expect, it } from 'vitest';
import type { Sbom } from '../types.js';
import { encodeCycloneDx } from './cyclonedx-encode.js';
import { encodeNative } from './native.js';
import { decodeSbom } from './read-sbom.js';
import { encodeSpdx } from './spdx-encode.js';
import { spdx23Schema } from './spdx-schema.js';

const sbom: Sbom = {
  schema: 'crowsnest-sbom/1',
  createdAt: '2026-11-24T06:00:00.123Z',
  tool: { name: 'crowsnest', version: '0.1.0' },
  source: {
    kind: 'oci-layout',
    location: '/tmp/layout',
    reference: 'demo/app:1.0',
    manifestDigest: `sha256:${'a'.repeat(64)}`,
    platform: 'linux/amd64',
    layers: [
      {
        index: 0,
        digest: `sha256:${'b'.repeat(64)}`,
        diffId: `sha256:${'c'.repeat(64)}`,
        createdBy: 'debootstrap',
      },
    ],
  },
  distro: { id: 'debian', versionId: '12', codename: 'bookworm' },
  packages: [
    {
      id: 'p1',
      type: 'deb',
      name: 'bsdutils',
      version: '1:2.38.1-5+deb12u3',
      purl: 'pkg:deb/debian/bsdutils@1:2.38.1-5+deb12u3?arch=amd64&distro=debian-12',
      licenses: ['GPL-2.0-or-later', 'BSD-4-Clause'],
      locations: [{ path: '/var/lib/dpkg/status', layer: 0 }],
      layer: 0,
      source: { name: 'util-linux', version: '2.38.1-5+deb12u3' },
      foundBy: 'deb',
    },
    {
      id: 'p2',
      type: 'npm',
      name: '@types/node',
      version: '20.0.0',
      purl: 'pkg:npm/%40types/node@20.0.0',
      licenses: ['MIT'],
      locations: [{ path: '/app/node_modules/@types/node/package.json', layer: 1 }],
      layer: 1,
      foundBy: 'npm-installed',
    },
    {
      id: 'p3',
      type: 'maven',
      name: 'commons-lang3',
      version: '3.12.0',
      purl: 'pkg:maven/org.apache.commons/commons-lang3@3.12.0',
      licenses: ['Apache License, Version 2.0'],
      locations: [{ path: '/usr/share/java/commons-lang3.jar', layer: 2 }],
      layer: 2,
      foundBy: 'java-archive',
    },
  ],
  unknowns: [
    { path: '/app/broken/package.json', layer: 1, cataloger: 'npm-installed', reason: 'invalid JSON' },
  ],
  catalogers: [{ id: 'deb', version: 1 }],
};

describe('SBOM formats', () => {
  it('writes CycloneDX 1.6 that the official validator accepts, and reads it back', async () => {
    const text = encodeCycloneDx(sbom);
    const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
    expect(await validator.validate(text)).toBeNull();
    const json = JSON.parse(text);
    expect(json.specVersion).toBe('1.6');
    const back = decodeSbom(json, 'test');
    expect(back.packages.map((p) => [p.name, p.version, p.type, p.layer, p.locations, p.source])).toEqual(
      sbom.packages.map((p) => [p.name, p.version, p.type, p.layer, p.locations, p.source]),
    );
  });

  it('writes SPDX 2.3 valid against the specification schema, with valid licence expressions', () => {
    const json = JSON.parse(encodeSpdx(sbom));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(spdx23Schema, json);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    for (const p of json.packages)
      if (p.licenseDeclared !== 'NOASSERTION') expect(() => parse(p.licenseDeclared)).not.toThrow();
    expect(json.hasExtractedLicensingInfos[0].extractedText).toBe('Apache License, Version 2.0');
    const back = decodeSbom(json, 'test');
    expect(back.packages.map((p) => [p.name, p.version, p.layer, p.foundBy])).toEqual(
      sbom.packages.map((p) => [p.name, p.version, p.layer, p.foundBy]),
    );
  });

  it('rejects a document the SPDX schema forbids (the schema is not vacuous)', () => {
    const json = JSON.parse(encodeSpdx(sbom));
    json.packages[1].SPDXID = 'not an id';
    json.creationInfo.created = '2026-11-24';
    const ajv = new Ajv({ allErrors: true, strict: false });
    expect(ajv.validate(spdx23Schema, json)).toBe(false);
    expect(ajv.errors?.length).toBeGreaterThanOrEqual(2);
  });

  it('reads the native JSON back losslessly', () => {
    expect(decodeSbom(JSON.parse(encodeNative(sbom)), 'test')).toEqual(sbom);
  });

  it('refuses JSON that is no SBOM', () => {
    expect(() => decodeSbom({ hello: 1 }, 'x.json')).toThrow(/unrecognised SBOM format/);
    expect(() => decodeSbom({ schema: 'crowsnest-sbom/1', packages: 'no' }, 'x.json')).toThrow(
      /not a valid crowsnest SBOM/,
    );
  });
});
