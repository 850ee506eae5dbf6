import type { FileEntry } from '../../../fs/types.js';
import type { Package } from '../../../sbom/types.js';
import { packageId } from '../../helpers.js';
import type { GoBuildInfo, GoModule } from './parse-modinfo.js';
import { goPurl, goToolchainVersion } from './purl.js';

export const CATALOGER_ID = 'go-binary';

/** What the binary runs: a module replaced by another module is that one; a local directory keeps the name. */
interface Resolved {
  name: string;
  version: string;
  metadata: Record<string, unknown>;
}

/** Windows and Unix directory paths, as go.mod `replace` accepts them (modfile.IsDirectoryPath). */
export function isLocalPath(path: string): boolean {
  return /^(\.{1,2}[/\\]|[/\\]|[A-Za-z]:[/\\])/.test(path) || path === '.' || path === '..';
}

function resolve(module: GoModule): Resolved {
  const replace = module.replace;
  const sum = replace?.sum ?? module.sum;
  const base = sum ? { h1: sum } : {};
  if (!replace) return { name: module.path, version: module.version, metadata: base };
  if (isLocalPath(replace.path)) {
    // the code came from a folder: the upstream name and version are the best identity left
    return { name: module.path, version: module.version, metadata: { ...base, replacedBy: replace.path } };
  }
  return {
    name: replace.path,
    version: replace.version,
    metadata: { ...base, replaces: `${module.path}@${module.version}` },
  };
}

/**
 * The packages of one Go binary: the main module (version as built, `(devel)` for a local build — kept, so
 * the inventory shows the program; its purl then has no version), every dependency with replacements
 * applied, and the toolchain as `stdlib` (version as vulnerability databases write it, see goToolchainVersion).
 */
export function resolvedModules(info: GoBuildInfo): Resolved[] {
  const out: Resolved[] = [];
  if (info.main?.path) {
    const settings = Object.keys(info.settings).length ? { settings: info.settings } : {};
    out.push({
      name: info.main.path,
      version: info.main.version,
      metadata: { mainModule: true, ...settings },
    });
  }
  for (const dep of info.deps) out.push(resolve(dep));
  const stdlib = goToolchainVersion(info.goVersion);
  if (stdlib) out.push({ name: 'stdlib', version: stdlib, metadata: {} });
  return out.filter((module) => module.name && module.version);
}

export const moduleKey = (module: { name: string; version: string }): string =>
  `${module.name}@${module.version}`;

export function goBinaryPackages(
  info: GoBuildInfo,
  entry: FileEntry,
  layerOf: (key: string) => number,
): Package[] {
  const locations = [{ path: entry.path, layer: entry.layer }];
  const shared = { goVersion: info.goVersion, ...(info.main?.path ? { mainModule: info.main.path } : {}) };
  return resolvedModules(info).map((module) => {
    const pkg: Omit<Package, 'id'> = {
      type: 'golang',
      name: module.name,
      version: module.version,
      purl: goPurl(module.name, module.version),
      licenses: [],
      locations,
      layer: layerOf(moduleKey(module)),
      foundBy: CATALOGER_ID,
      metadata: { ...shared, ...module.metadata },
    };
    return { id: packageId(pkg), ...pkg };
  });
}
