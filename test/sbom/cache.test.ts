import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apkCataloger } from '../../src/catalog/catalogers/apk/index.js';
import { debCataloger } from '../../src/catalog/catalogers/deb/index.js';
import { parseInput } from '../../src/image/input.js';
import { openImage } from '../../src/image/open.js';
import type { Image } from '../../src/image/types.js';
import { buildSbom } from '../../src/sbom/build.js';
import { ensureSbomImage } from '../fixtures/sbom-image.js';

/** The SBOM cache is keyed by image and cataloger versions: bumping one cataloger's version is a miss. */
describe('SBOM cache keys', () => {
  let image: Image;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const fixture = await ensureSbomImage();
    env = { CROWSNEST_CACHE_DIR: mkdtempSync(join(tmpdir(), 'crowsnest-sbom-cache-')) };
    image = await openImage(parseInput(`oci-dir://${fixture.layout}`), { ref: fixture.facts.ref });
  });
  afterAll(async () => {
    await image?.close();
    if (env?.CROWSNEST_CACHE_DIR) rmSync(env.CROWSNEST_CACHE_DIR, { recursive: true, force: true });
  });

  it('hits for the same catalogers, misses when a version is bumped or a cataloger is added', async () => {
    const catalogers = [debCataloger];
    const fresh = await buildSbom(image, { catalogers, env });
    expect(fresh.cached).toBe(false);
    expect(fresh.sbom.packages.filter((p) => p.type === 'deb').length).toBeGreaterThan(80);
    const again = await buildSbom(image, { catalogers, env });
    expect(again.cached).toBe(true);
    expect(again.sbom.packages).toEqual(fresh.sbom.packages);
    const bumped = await buildSbom(image, {
      catalogers: [{ ...debCataloger, version: debCataloger.version + 1 }],
      env,
    });
    expect(bumped.cached).toBe(false);
    expect(bumped.sbom.catalogers).toEqual([{ id: 'deb', version: debCataloger.version + 1 }]);
    const added = await buildSbom(image, { catalogers: [debCataloger, apkCataloger], env });
    expect(added.cached).toBe(false);
    expect(added.sbom.packages.some((p) => p.type === 'apk')).toBe(true);
    expect((await buildSbom(image, { catalogers: [debCataloger, apkCataloger], env })).cached).toBe(true);
  });
});
