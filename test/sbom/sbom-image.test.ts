import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spdx23Schema } from '../../src/sbom/formats/spdx-schema.js';
import type { Package, Sbom } from '../../src/sbom/types.js';
import { ensureSbomImage, type SbomImage } from '../fixtures/sbom-image.js';
import { type CliRun, runCli } from '../support/cli.js';

/*
 * Issue 3's acceptance on the all-ecosystems image, through the real binary: every ecosystem's packages are
 * exactly what the real tools list, each with the layer that introduced it; the SBOM formats are valid and read
 * back; the cache answers the second time. One catalog run, everything else from its cache.
 */

const key = (p: { name: string; version: string }) => `${p.name}@${p.version}`;
const sortedKeys = (list: { name: string; version: string }[]) => [...new Set(list.map(key))].sort();

let image: SbomImage;
let cacheDir: string;
let first: CliRun & { ms: number };
let sbom: Sbom;

async function sbomCli(args: string[]): Promise<CliRun & { ms: number }> {
  const started = performance.now();
  const run = await runCli(['sbom', ...args], { CROWSNEST_CACHE_DIR: cacheDir });
  return { ...run, ms: performance.now() - started };
}

const imageArgs = () => [`oci-dir://${image.layout}`, '--ref', image.facts.ref];

beforeAll(async () => {
  image = await ensureSbomImage();
  cacheDir = mkdtempSync(join(tmpdir(), 'crowsnest-sbom-accept-'));
  first = await sbomCli([...imageArgs(), '--format', 'json']);
  if (first.code !== 0) throw new Error(`crowsnest sbom failed (${first.code}): ${first.stderr}`);
  sbom = JSON.parse(first.stdout) as Sbom;
  process.stderr.write(
    `[sbom acceptance] ${sbom.packages.length} packages, first run ${first.ms.toFixed(0)} ms\n`,
  );
});
afterAll(() => {
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

describe('crowsnest sbom on the all-ecosystems image', () => {
  it('the fixture covers every ecosystem the catalogers know that has a fixture', () => {
    expect(image.facts.types).toEqual(
      expect.arrayContaining([
        'deb',
        'npm',
        'pypi',
        'gem',
        'composer',
        'maven',
        'golang',
        'rpm',
        'alpm',
        'apk',
        'cargo',
        'nuget',
      ]),
    );
    expect(image.facts.layers.map((l) => l.name)).toEqual([
      'base',
      'deb',
      ...image.facts.layers.slice(2, -3).map((l) => l.name),
      'upgrade',
      'delete',
      'broken',
    ]);
    expect(sbom.source.layers.map((l) => l.digest)).toEqual(image.facts.layers.map((l) => l.digest));
    expect(sbom.source.manifestDigest).toBe(image.facts.manifestDigest);
  });

  it.each([
    'deb',
    'npm',
    'pypi',
    'gem',
    'composer',
    'maven',
    'golang',
    'rpm',
    'alpm',
    'apk',
    'cargo',
    'nuget',
    'github-action',
  ])('%s: exactly the {name, version} set the real tools list', (type) => {
    const expected = sortedKeys(image.facts.packages.filter((p) => p.type === type));
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedKeys(sbom.packages.filter((p) => p.type === type))).toEqual(expected);
  });

  it('reports no package type the image does not hold', () => {
    expect([...new Set(sbom.packages.map((p) => p.type))].sort()).toEqual(image.facts.types);
  });

  it("every package's layer is the layer that introduced it", () => {
    const layers = new Map(image.facts.packages.map((p) => [`${p.type} ${key(p)}`, p.layer]));
    const wrong = sbom.packages
      .filter((p) => layers.get(`${p.type} ${key(p)}`) !== p.layer)
      .map(
        (p) =>
          `${p.type} ${key(p)} at ${p.locations[0]?.path}: layer ${p.layer}, expected ${layers.get(`${p.type} ${key(p)}`)}`,
      );
    expect(wrong).toEqual([]);
    // the shapes the layer test relies on: base packages kept by the rewritten status file, a new one, a change
    const deb = (name: string) => sbom.packages.find((p) => p.type === 'deb' && p.name === name);
    expect(deb('zlib1g')?.layer).toBe(0);
    expect(deb('hello')?.layer).toBe(1);
    expect(deb('hello')?.locations[0]).toEqual({ path: '/var/lib/dpkg/status', layer: 1 });
  });

  it('the upgrade layer introduces the new version and the delete layer removes the package', () => {
    const { upgraded, deleted } = image.facts;
    const installed = (p: Package) =>
      p.locations[0]?.path === `/app/node_modules/${upgraded.name}/package.json`;
    const app = sbom.packages.filter((p) => p.name === upgraded.name && installed(p));
    expect(app.map((p) => [p.version, p.layer])).toEqual([[upgraded.to, upgraded.layer]]);
    expect(sbom.packages.filter((p) => p.type === deleted.type && p.name === deleted.name)).toEqual([]);
  });

  it('a file that cannot be parsed is an unknown tied to its path and layer; the scan goes on', () => {
    expect(first.code).toBe(0);
    expect(sbom.unknowns.map((u) => ({ path: u.path, layer: u.layer }))).toEqual(image.facts.unknowns);
    expect(sbom.unknowns[0]?.reason).toMatch(/JSON/);
  });
});

describe('formats, sbom:// and the cache', () => {
  const purls = (s: Sbom) => [...new Set(s.packages.map((p) => p.purl))].sort();

  it('the second run reads the SBOM from the cache, faster and identical', async () => {
    const second = await sbomCli([...imageArgs(), '--format', 'json']);
    expect(second.code).toBe(0);
    expect(first.stderr).toMatch(/Indexed: \d+ packages/);
    expect(second.stderr).toMatch(/SBOM from cache: \d+ packages/);
    expect(second.ms).toBeLessThan(first.ms);
    expect((JSON.parse(second.stdout) as Sbom).packages).toEqual(sbom.packages);
  });

  it('CycloneDX 1.6 and SPDX 2.3 of the image are valid, and each format reads back the same purls', async () => {
    const out = (name: string) => join(cacheDir, name);
    for (const format of ['json', 'cyclonedx', 'spdx']) {
      const run = await sbomCli([...imageArgs(), '--format', format, '-o', out(`sbom.${format}`)]);
      expect(run.code, run.stderr).toBe(0);
    }
    const cdx = readFileSync(out('sbom.cyclonedx'), 'utf8');
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(cdx)).toBeNull();
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.validate(spdx23Schema, JSON.parse(readFileSync(out('sbom.spdx'), 'utf8')));
    expect(ajv.errors ?? []).toEqual([]);
    for (const format of ['json', 'cyclonedx', 'spdx']) {
      const back = await sbomCli([`sbom://${out(`sbom.${format}`)}`, '--format', 'json']);
      expect(back.code, back.stderr).toBe(0);
      expect(purls(JSON.parse(back.stdout) as Sbom), format).toEqual(purls(sbom));
    }
  });

  it('--only-package-type keeps exactly the packages of those types', async () => {
    const run = await sbomCli([...imageArgs(), '--format', 'json', '--only-package-type', 'deb', 'apk']);
    expect(run.code, run.stderr).toBe(0);
    const only = JSON.parse(run.stdout) as Sbom;
    expect(only.packages).toEqual(sbom.packages.filter((p) => p.type === 'deb' || p.type === 'apk'));
    const bad = await sbomCli([...imageArgs(), '--only-package-type', 'debian']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/unknown package type debian/);
  });
});
