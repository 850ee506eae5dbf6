import { alpmCataloger } from './catalogers/alpm/index.js';
import { apkCataloger } from './catalogers/apk/index.js';
import { cargoAuditableCataloger } from './catalogers/cargo-auditable/index.js';
import { cargoLockCataloger } from './catalogers/cargo-lock/index.js';
import { composerInstalledCataloger } from './catalogers/composer-installed/index.js';
import { composerLockfileCataloger } from './catalogers/composer-lockfile/index.js';
import { debCataloger } from './catalogers/deb/index.js';
import { dotnetDepsCataloger } from './catalogers/dotnet-deps/index.js';
import { gemInstalledCataloger } from './catalogers/gem-installed/index.js';
import { gemLockfileCataloger } from './catalogers/gem-lockfile/index.js';
import { githubActionsCataloger } from './catalogers/github-actions/index.js';
import { goBinaryCataloger } from './catalogers/go-binary/index.js';
import { goModCataloger } from './catalogers/go-mod/index.js';
import { javaArchiveCataloger } from './catalogers/java-archive/index.js';
import { npmInstalledCataloger } from './catalogers/npm-installed/index.js';
import { npmLockfileCataloger } from './catalogers/npm-lockfile/index.js';
import { pnpmLockfileCataloger } from './catalogers/pnpm-lockfile/index.js';
import { pythonInstalledCataloger } from './catalogers/python-installed/index.js';
import { pythonLockfilesCataloger } from './catalogers/python-lockfiles/index.js';
import { rpmCataloger } from './catalogers/rpm/index.js';
import { yarnLockfileCataloger } from './catalogers/yarn-lockfile/index.js';
import type { Cataloger } from './types.js';

/**
 * The explicit registry of catalogers, in the order they run: distro packages first, then installed
 * language packages, then lock files (which the SBOM dedupe folds into installed packages). Adding an
 * ecosystem is one import and one entry here; nothing registers itself.
 */
export const catalogers: readonly Cataloger[] = [
  debCataloger,
  rpmCataloger,
  apkCataloger,
  alpmCataloger,
  npmInstalledCataloger,
  pythonInstalledCataloger,
  gemInstalledCataloger,
  composerInstalledCataloger,
  javaArchiveCataloger,
  goBinaryCataloger,
  cargoAuditableCataloger,
  dotnetDepsCataloger,
  npmLockfileCataloger,
  yarnLockfileCataloger,
  pnpmLockfileCataloger,
  pythonLockfilesCataloger,
  gemLockfileCataloger,
  composerLockfileCataloger,
  goModCataloger,
  cargoLockCataloger,
  githubActionsCataloger,
];

export function catalogerVersions(
  list: readonly Cataloger[] = catalogers,
): { id: string; version: number }[] {
  return list.map((c) => ({ id: c.id, version: c.version }));
}
