import { createHash } from 'node:crypto';
import { ecosystemBaseKey, ecosystemKey, packageKey } from '../ecosystems.js';
import type { Advisory } from '../model.js';

export interface PackageKey {
  ecosystem: string;
  base: string;
  name: string;
}

/** Every (ecosystem, package) an advisory names: affected packages and distro statuses. */
export function packageKeysOf(advisory: Advisory): PackageKey[] {
  const seen = new Map<string, PackageKey>();
  const add = (ecosystem: string, name: string) => {
    if (!ecosystem || !name) return;
    const key: PackageKey = {
      ecosystem: ecosystemKey(ecosystem),
      base: ecosystemBaseKey(ecosystem),
      name: packageKey(ecosystem, name),
    };
    seen.set(`${key.ecosystem}\u0000${key.name}`, key);
  };
  for (const affected of advisory.affected) add(affected.package?.ecosystem, affected.package?.name);
  for (const status of advisory.distro_statuses ?? []) add(status.ecosystem, status.package);
  return [...seen.values()];
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

/** Content hash of a record as the feed delivered it: equal hash means nothing changed. */
export function contentHash(advisory: Advisory): string {
  return createHash('sha256').update(JSON.stringify(advisory)).digest('hex').slice(0, 32);
}
