import { createHash } from 'node:crypto';
import type { FileEntry, FileTree } from '../fs/types.js';
import type { Location, Package, Unknown } from '../sbom/types.js';

/**
 * A stable package id: the same package at the same place gets the same id in every scan. The purl, when
 * given, tells apart what name and version alone do not (libssl3:amd64 and :i386 in one status file).
 */
export function packageId(
  pkg: Pick<Package, 'type' | 'name' | 'version'> & { locations: Location[]; purl?: string },
): string {
  const place = pkg.locations[0]?.path ?? '';
  const key = [pkg.type, pkg.name, pkg.version, pkg.purl ?? '', place].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function locationOf(entry: FileEntry): Location {
  return { path: entry.path, layer: entry.layer };
}

export function unknownFor(entry: FileEntry | Location, cataloger: string, reason: unknown): Unknown {
  const text = reason instanceof Error ? reason.message : String(reason);
  return { path: entry.path, layer: entry.layer, cataloger, reason: text.split('\n')[0]!.slice(0, 300) };
}

/**
 * The layer that introduced a package evidenced by one file written over several layers (a dpkg status
 * file, a package.json): the earliest write of the trailing run of versions in which `present` holds.
 * `present` receives each version's content, earliest first.
 */
export async function introducingLayer(
  tree: FileTree,
  path: string,
  present: (content: Buffer, version: FileEntry) => boolean | Promise<boolean>,
): Promise<number | undefined> {
  const versions = tree.versions(path);
  let layer: number | undefined;
  for (let index = versions.length - 1; index >= 0; index -= 1) {
    const version = versions[index]!;
    const content = await tree.readFile(version).catch(() => undefined);
    if (!content || !(await present(content, version))) break;
    layer = version.layer;
  }
  return layer;
}

/**
 * Introducing layers for many packages that share one evidence file (dpkg status, apk installed, rpmdb):
 * parse each version once with `keysOf` (e.g. `name@version`), then for each key find the trailing run.
 */
export async function introducingLayers(
  tree: FileTree,
  path: string,
  keysOf: (content: Buffer) => Set<string> | Promise<Set<string>>,
): Promise<Map<string, number>> {
  const versions = tree.versions(path);
  const sets: { layer: number; keys: Set<string> }[] = [];
  for (const version of versions) {
    const content = await tree.readFile(version).catch(() => undefined);
    sets.push({ layer: version.layer, keys: content ? await keysOf(content) : new Set() });
  }
  const result = new Map<string, number>();
  const last = sets[sets.length - 1];
  if (!last) return result;
  for (const key of last.keys) {
    let layer = last.layer;
    for (let index = sets.length - 2; index >= 0 && sets[index]!.keys.has(key); index -= 1)
      layer = sets[index]!.layer;
    result.set(key, layer);
  }
  return result;
}
