import { catalogers } from '../../src/catalog/registry.js';
import { runCatalogers } from '../../src/catalog/run.js';
import { readDirectoryTree } from '../../src/fs/read-directory-tree.js';
import { parseInput } from '../../src/image/input.js';
import { openImage } from '../../src/image/open.js';
import { buildSbom } from '../../src/sbom/build.js';
import type { Distro, Package, Sbom } from '../../src/sbom/types.js';
import { APK_BUILDER_VERSION, buildApkFixture } from '../fixtures/ecosystems/apk.js';
import { cachedFixture } from '../fixtures/ecosystems/cached-fixture.js';
import { buildDebFixture, DEB_BUILDER_VERSION } from '../fixtures/ecosystems/deb.js';
import { buildGoFixture, GO_BUILDER_VERSION } from '../fixtures/ecosystems/go.js';
import { buildJavaFixture, JAVA_BUILDER_VERSION } from '../fixtures/ecosystems/java.js';
import { buildNpmFixture, NPM_BUILDER_VERSION } from '../fixtures/ecosystems/npm.js';
import { buildPhpFixture, PHP_BUILDER_VERSION } from '../fixtures/ecosystems/php.js';
import { buildPythonFixture, PYTHON_BUILDER_VERSION } from '../fixtures/ecosystems/python.js';
import { buildRpmFixture, RPM_BUILDER_VERSION } from '../fixtures/ecosystems/rpm.js';
import { buildRubyFixture, RUBY_BUILDER_VERSION } from '../fixtures/ecosystems/ruby.js';
import type { Fixtures } from '../fixtures/images.js';

export const debian12: Distro = { id: 'debian', versionId: '12', codename: 'bookworm' };

/** The app image's SBOM, through the image path (cached in `env`'s cache dir for the later scan). */
export async function appSbom(fixtures: Fixtures, env: NodeJS.ProcessEnv): Promise<Sbom> {
  const image = await openImage(parseInput(`oci-dir://${fixtures.layout}`), { ref: 'app' });
  try {
    return (await buildSbom(image, { env })).sbom;
  } finally {
    await image.close();
  }
}

async function packagesOf(root: string): Promise<Package[]> {
  const tree = await readDirectoryTree(root);
  try {
    return (await runCatalogers(tree, catalogers)).packages;
  } finally {
    await tree.close();
  }
}

function sbomOf(location: string, packages: Package[], distro?: Distro): Sbom {
  return {
    schema: 'crowsnest-sbom/1',
    createdAt: new Date().toISOString(),
    tool: { name: 'crowsnest', version: 'test' },
    source: { kind: 'directory', location, layers: [] },
    ...(distro ? { distro } : {}),
    packages,
    unknowns: [],
    catalogers: [],
  };
}

/**
 * The ecosystem fragments as SBOMs: the Debian ones (dpkg, python3, ruby, java, Go, PHP, npm) as one Debian 12
 * system, the rpm database as AlmaLinux 9 and the apk database as Alpine 3.18 (the fragments carry no
 * os-release of their own, so the distribution is given here).
 */
export async function fragmentSboms(): Promise<{ debian: Sbom; alma: Sbom; alpine: Sbom }> {
  const debianRoots = await Promise.all([
    cachedFixture('deb', DEB_BUILDER_VERSION, buildDebFixture),
    cachedFixture('python', PYTHON_BUILDER_VERSION, buildPythonFixture),
    cachedFixture('ruby', RUBY_BUILDER_VERSION, buildRubyFixture),
    cachedFixture('java', JAVA_BUILDER_VERSION, buildJavaFixture),
    cachedFixture('go', GO_BUILDER_VERSION, buildGoFixture),
    cachedFixture('php', PHP_BUILDER_VERSION, buildPhpFixture),
    cachedFixture('npm', NPM_BUILDER_VERSION, buildNpmFixture),
  ]);
  const debian = (await Promise.all(debianRoots.map(packagesOf))).flat();
  const rpm = await packagesOf(await cachedFixture('rpm', RPM_BUILDER_VERSION, buildRpmFixture));
  const apk = await packagesOf(await cachedFixture('apk', APK_BUILDER_VERSION, buildApkFixture));
  return {
    debian: sbomOf('fragments/debian', debian, debian12),
    alma: sbomOf('fragments/rpm', rpm, { id: 'almalinux', versionId: '9.3' }),
    alpine: sbomOf('fragments/apk', apk, { id: 'alpine', versionId: '3.18.4' }),
  };
}
