import { ecosystemBaseKey, ecosystemKey, packageKey } from '../ecosystems.js';
import type { Advisory, Affected, DistroStatus } from '../model.js';

export interface PackageKey {
  ecosystem: string;
  base: string;
  name: string;
}

/** One package's share of an advisory: its affected entries and distro statuses. */
export interface PackageSlice extends PackageKey {
  affected: Affected[];
  statuses: DistroStatus[];
}

/** Every (ecosystem, package) an advisory names (affected packages and distro statuses), with its share. */
export function packageSlices(advisory: Advisory): PackageSlice[] {
  const slices = new Map<string, PackageSlice>();
  const slice = (ecosystem: string | undefined, name: string | undefined) => {
    if (!ecosystem || !name) return undefined;
    const eco = ecosystemKey(ecosystem);
    const pkg = packageKey(ecosystem, name);
    const id = `${eco}\u0000${pkg}`;
    let found = slices.get(id);
    if (!found) {
      found = { ecosystem: eco, base: ecosystemBaseKey(ecosystem), name: pkg, affected: [], statuses: [] };
      slices.set(id, found);
    }
    return found;
  };
  for (const affected of advisory.affected)
    slice(affected.package?.ecosystem, affected.package?.name)?.affected.push(affected);
  for (const status of advisory.distro_statuses ?? [])
    slice(status.ecosystem, status.package)?.statuses.push(status);
  return [...slices.values()];
}

export function packageKeysOf(advisory: Advisory): PackageKey[] {
  return packageSlices(advisory).map(({ ecosystem, base, name }) => ({ ecosystem, base, name }));
}

export type LinkKind = 'id' | 'alias' | 'upstream' | 'related';

export interface LinkKey {
  key: string;
  kind: LinkKind;
}

/** Ids are compared case-insensitively: "cve-2024-1" and "CVE-2024-1" are one id. */
export function idKey(id: string): string {
  return id.trim().toUpperCase();
}

export function linkKeysOf(advisory: Advisory): LinkKey[] {
  const out = new Map<string, LinkKey>();
  const add = (ids: readonly string[] | undefined, kind: LinkKind) => {
    for (const id of ids ?? []) {
      const key = idKey(id);
      if (key && !out.has(key)) out.set(key, { key, kind });
    }
  };
  add([advisory.id], 'id');
  add(advisory.aliases, 'alias');
  add(advisory.upstream, 'upstream');
  add(advisory.related, 'related');
  return [...out.values()];
}
