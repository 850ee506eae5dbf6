import { parse as parseYaml } from 'yaml';
import { isRegistryVersion } from '../lang-common/npm.js';
import {
  compact,
  failed,
  guarded,
  type ParsedPackage,
  type ParseResult,
  parsed,
} from '../lang-common/parsed.js';
import { asBoolean, asDict, asString } from '../lang-common/values.js';

/**
 * pnpm-lock.yaml. The `packages` keys name every resolved package, in a syntax that changed with the format:
 * - v5.x: `/name/1.2.3`, `/@scope/name/1.2.3`, peers after `_` (`/a/1.0.0_b@2.0.0`)
 * - v6.x: `/name@1.2.3`, peers in parentheses (`/a@1.0.0(b@2.0.0)`)
 * - v9.x: `name@1.2.3` with peer variants moved to `snapshots`, so `packages` alone lists each release once
 * Entries of git or tarball dependencies carry `name` and `version` fields, which win over the key.
 */
export function parsePnpmLock(text: string): ParseResult {
  return guarded(() => {
    const document = asDict(parseYaml(text, { maxAliasCount: 0, uniqueKeys: false }));
    if (!document || document.lockfileVersion === undefined)
      return failed('no lockfileVersion: not a pnpm lock file');
    const major = Number.parseInt(String(document.lockfileVersion), 10);
    const packages = asDict(document.packages) ?? {};
    const out: ParsedPackage[] = [];
    for (const [key, value] of Object.entries(packages)) {
      const entry = asDict(value) ?? {};
      const fromKey = major >= 6 ? splitV6Key(key) : splitV5Key(key);
      const name = asString(entry.name) ?? fromKey?.name;
      const version = asString(entry.version) ?? fromKey?.version;
      if (!name || !version || !isRegistryVersion(version)) continue;
      const metadata = compact({ dev: asBoolean(entry.dev), optional: asBoolean(entry.optional) });
      out.push({ name, version, ...(metadata ? { metadata } : {}) });
    }
    return parsed(out);
  });
}

/** `/name/1.2.3_peer@1` or `/@scope/name/1.2.3`; non-registry keys (`github.com/…`) yield no name here. */
export function splitV5Key(key: string): { name: string; version: string } | undefined {
  if (!key.startsWith('/')) return undefined;
  const parts = key.slice(1).split('/');
  const scoped = parts[0]?.startsWith('@');
  const name = scoped ? `${parts[0]}/${parts[1]}` : parts[0];
  const version = (scoped ? parts[2] : parts[1])?.split('_')[0];
  if (!name || !version || parts.length !== (scoped ? 3 : 2)) return undefined;
  return { name, version };
}

/** `/name@1.2.3(peer@1)` (v6) or `name@1.2.3(peer@1)` (v9). */
export function splitV6Key(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  const at = bare.indexOf('@', bare.startsWith('@') ? 1 : 0);
  if (at <= 0) return undefined;
  return { name: bare.slice(0, at), version: bare.slice(at + 1) };
}
