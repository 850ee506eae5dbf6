import { isRegistryVersion, nameFromInstallPath, splitSpecifier } from '../lang-common/npm.js';
import {
  compact,
  failed,
  guarded,
  type ParsedPackage,
  type ParseResult,
  parsed,
} from '../lang-common/parsed.js';
import { asBoolean, asDict, asString, type Dict, parseJson } from '../lang-common/values.js';

const flagNames = ['dev', 'optional', 'devOptional', 'peer'] as const;

/**
 * package-lock.json / npm-shrinkwrap.json. Version 2 and 3 list every install path in `packages`; version 1
 * only has the nested `dependencies` tree (v2 carries both, and `packages` is the one npm reads).
 */
export function parsePackageLock(text: string): ParseResult {
  return guarded(() => {
    const json = parseJson(text);
    if (!json.ok) return failed(json.reason);
    const lock = asDict(json.value);
    if (!lock) return failed('lock file is not a JSON object');
    const packages = asDict(lock.packages);
    if (packages) return parsed(merge(fromPackagesMap(packages)));
    const dependencies = asDict(lock.dependencies);
    if (dependencies) return parsed(merge(fromDependencyTree(dependencies)));
    if (typeof lock.lockfileVersion === 'number') return parsed([]);
    return failed('neither "packages" nor "dependencies" nor "lockfileVersion": not an npm lock file');
  });
}

/** v2/v3: keys are install paths; "" is the project itself, `link: true` points at a workspace folder. */
function fromPackagesMap(packages: Dict): ParsedPackage[] {
  const out: ParsedPackage[] = [];
  for (const [path, value] of Object.entries(packages)) {
    const entry = asDict(value);
    if (!entry || path === '' || entry.link === true || !path.includes('node_modules/')) continue;
    const name = asString(entry.name) ?? nameFromInstallPath(path);
    const version = asString(entry.version);
    if (!name || !version || !isRegistryVersion(version)) continue;
    out.push({ name, version, licenses: licensesOf(entry), metadata: metadataOf(entry, path) });
  }
  return out;
}

/** v1: a tree of `dependencies`; aliases are written as `"version": "npm:real@1.0.0"`. */
function fromDependencyTree(tree: Dict, parents: string[] = []): ParsedPackage[] {
  const out: ParsedPackage[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const entry = asDict(value);
    const raw = asString(entry?.version);
    if (!entry || !raw) continue;
    const alias = raw.startsWith('npm:') ? splitSpecifier(raw.slice(4)) : undefined;
    const name = alias?.name ?? key;
    const version = alias?.range ?? raw;
    const path = [...parents, key].map((p) => `node_modules/${p}`).join('/');
    if (isRegistryVersion(version)) out.push({ name, version, metadata: metadataOf(entry, path) });
    const nested = asDict(entry.dependencies);
    if (nested) out.push(...fromDependencyTree(nested, [...parents, key]));
  }
  return out;
}

function licensesOf(entry: Dict): string[] {
  const license = asString(entry.license);
  return license ? [license] : [];
}

function metadataOf(entry: Dict, path: string): Record<string, unknown> {
  const flags = Object.fromEntries(flagNames.map((f) => [f, asBoolean(entry[f])]));
  return compact({ ...flags, paths: [path], integrity: asString(entry.integrity) }) ?? {};
}

/**
 * One package per name@version: its install paths are collected, and a dependency flag (dev, optional) holds
 * only if it holds at every path, because one production path is enough to ship it.
 */
function merge(packages: ParsedPackage[]): ParsedPackage[] {
  const byKey = new Map<string, ParsedPackage>();
  for (const pkg of packages) {
    const key = `${pkg.name}@${pkg.version}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...pkg, metadata: { ...pkg.metadata } });
      continue;
    }
    const meta = seen.metadata!;
    (meta.paths as string[]).push(...((pkg.metadata?.paths as string[]) ?? []));
    for (const flag of flagNames) if (meta[flag] && !pkg.metadata?.[flag]) delete meta[flag];
    if (!seen.licenses?.length && pkg.licenses?.length) seen.licenses = pkg.licenses;
  }
  return [...byKey.values()];
}
