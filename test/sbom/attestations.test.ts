import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debCataloger } from '../../src/catalog/catalogers/deb/index.js';
import { catalogerVersions } from '../../src/catalog/registry.js';
import { parseInput } from '../../src/image/input.js';
import { type OpenImageOptions, openImage } from '../../src/image/open.js';
import { formatPlatform } from '../../src/image/types.js';
import { buildSbom } from '../../src/sbom/build.js';
import { sbomCacheKey, writeCachedSbom } from '../../src/sbom/cache.js';
import type { Sbom } from '../../src/sbom/types.js';
import { run } from '../fixtures/build/run.js';
import { ensureSbomImage, type SbomImage } from '../fixtures/sbom-image.js';
import { type RunningRegistry, startRegistry } from '../harness/registry.js';

/*
 * SBOM and provenance attestations of the fixture image (test/fixtures/sbom-image/attestation-fixture.ts):
 * a BuildKit attestation manifest (SPDX + SLSA v0.2 provenance) in its index and two OCI referrers (SLSA v1
 * provenance, a CycloneDX SBOM), read from an OCI layout, an OCI archive and a registry. Only the deb
 * cataloger runs: the attested packages complement it, and the shared one must not be doubled.
 */

let fixture: SbomImage;
const catalogers = [debCataloger];

async function scan(input: string, options: OpenImageOptions): Promise<Sbom> {
  const image = await openImage(parseInput(input), options);
  try {
    return (await buildSbom(image, { catalogers, cache: false })).sbom;
  } finally {
    await image.close();
  }
}

function expectAttested(sbom: Sbom): void {
  const { attested } = fixture.facts;
  expect(sbom.source.manifestDigest).toBe(fixture.facts.manifestDigest);
  expect(sbom.source.baseImages).toEqual(attested.baseImages);
  const extra = sbom.packages.filter((p) => p.foundBy === 'attestation');
  expect(extra.map((p) => p.purl).sort()).toEqual(attested.extraPackages.map((p) => p.purl).sort());
  expect(extra.map((p) => [p.type, p.name, p.version, p.layer])).toEqual(
    expect.arrayContaining(attested.extraPackages.map((p) => [p.type, p.name, p.version, -1])),
  );
  const hello = sbom.packages.filter((p) => p.type === 'deb' && p.name === 'hello');
  expect(hello.map((p) => p.foundBy)).toEqual(['deb']);
  expect(sbom.unknowns).toEqual([]);
  expect(sbom.packages.filter((p) => p.type === 'deb').length).toBeGreaterThan(80);
}

beforeAll(async () => {
  fixture = await ensureSbomImage();
});

describe('attestations in an OCI layout and archive', () => {
  it('the plain image has none; the attested index has the attestation manifest and both referrers', async () => {
    const plain = await openImage(parseInput(`oci-dir://${fixture.layout}`), { ref: fixture.facts.ref });
    expect(await plain.attestations?.()).toEqual([]);
    await plain.close();
    const image = await openImage(parseInput(`oci-dir://${fixture.attestedLayout}`), {
      ref: fixture.facts.attested.ref,
    });
    const found = (await image.attestations?.()) ?? [];
    await image.close();
    expect(image.platforms).toEqual([{ os: 'linux', architecture: 'amd64' }]);
    expect(
      found.map((a) => [
        a.via,
        a.manifestDigest,
        a.descriptor.annotations?.['in-toto.io/predicate-type'],
        Boolean(a.content),
      ]),
    ).toEqual([
      [
        'attestation-manifest',
        fixture.facts.attested.attestationManifestDigest,
        'https://spdx.dev/Document',
        true,
      ],
      [
        'attestation-manifest',
        fixture.facts.attested.attestationManifestDigest,
        'https://slsa.dev/provenance/v0.2',
        true,
      ],
      ['referrer', fixture.facts.attested.referrerDigests[0], 'https://slsa.dev/provenance/v1', true],
      ['referrer', fixture.facts.attested.referrerDigests[1], undefined, true],
    ]);
  });

  it('oci-dir://: attested packages complement the catalog, base images come from provenance', async () => {
    expectAttested(await scan(`oci-dir://${fixture.attestedLayout}`, { ref: fixture.facts.attested.ref }));
  });

  it('oci-archive://: the same', async () => {
    expectAttested(
      await scan(`oci-archive://${fixture.attestedArchive}`, { ref: fixture.facts.attested.ref }),
    );
  });

  it('an SBOM cached for the same image without those attestations is not reused', async () => {
    const env = { CROWSNEST_CACHE_DIR: mkdtempSync(join(tmpdir(), 'crowsnest-attested-cache-')) };
    const image = await openImage(parseInput(`oci-dir://${fixture.attestedLayout}`), {
      ref: fixture.facts.attested.ref,
    });
    try {
      const plainKey = sbomCacheKey(image, catalogerVersions(catalogers), formatPlatform(image.platform));
      const stale: Sbom = { ...(await scan(`oci-dir://${fixture.layout}`, { ref: 'sbom' })), packages: [] };
      await writeCachedSbom(plainKey!, stale, env);
      const built = await buildSbom(image, { catalogers, env });
      expect(built.cached).toBe(false);
      expect(built.sbom.source.baseImages).toEqual(fixture.facts.attested.baseImages);
      expect((await buildSbom(image, { catalogers, env })).cached).toBe(true);
    } finally {
      await image.close();
      rmSync(env.CROWSNEST_CACHE_DIR, { recursive: true, force: true });
    }
  });
});

describe('attestations in a registry', () => {
  let registry: RunningRegistry;

  beforeAll(async () => {
    registry = await startRegistry();
    const push = (ref: string, tag: string) =>
      run('skopeo', [
        'copy',
        '--quiet',
        '--all',
        '--dest-tls-verify=false',
        `oci:${fixture.attestedLayout}:${ref}`,
        `docker://${registry.host}/crowsnest/attested:${tag}`,
      ]);
    // the index with its attestation manifest, then the referrers tag schema (Distribution 2.8 has no API)
    await push(fixture.facts.attested.ref, '1.0');
    await push(fixture.facts.attested.referrersRef, fixture.facts.attested.referrersRef);
  });
  afterAll(async () => registry?.stop());

  it('registry://: attestation manifests from the index and referrers from the tag fallback', async () => {
    expectAttested(
      await scan(`${registry.host}/crowsnest/attested:1.0`, {
        platform: { os: 'linux', architecture: 'amd64' },
      }),
    );
  });
});
