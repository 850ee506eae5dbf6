import { parse as parseToml } from 'smol-toml';
import {
  compact,
  failed,
  guarded,
  type ParsedPackage,
  type ParseResult,
  parsed,
} from '../lang-common/parsed.js';
import { asArray, asDict, asString } from '../lang-common/values.js';

export type CrateSource = 'crates.io' | 'registry' | 'git' | 'path';

const CRATES_IO = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
]);

/**
 * Where a locked package comes from, from its `source` key: `registry+<index>` or `sparse+<index>` (crates.io
 * or another registry), `git+<url>#<commit>`; no source is a path or workspace member.
 */
export function sourceKind(source: string | undefined): CrateSource {
  if (!source) return 'path';
  if (CRATES_IO.has(source)) return 'crates.io';
  if (source.startsWith('git+')) return 'git';
  return 'registry';
}

/**
 * Cargo.lock, every format version: v1 (checksums in a `[metadata]` table), v2 (no `version` key, checksums
 * per package), v3 and v4 (`version = 3|4`). Every `[[package]]` is reported — registry crates, and also
 * git and path (workspace) packages, which `metadata.source` marks so a matcher can tell them apart.
 */
export function parseCargoLock(text: string): ParseResult {
  return guarded(() => {
    const doc = parseToml(text);
    const packages = asArray(doc.package);
    if (!Array.isArray(doc.package) && doc.package !== undefined)
      return failed('Cargo.lock: `package` is not an array of tables');
    const checksums = v1Checksums(asDict(doc.metadata));
    const out: ParsedPackage[] = [];
    for (const entry of packages.map(asDict)) {
      const name = asString(entry?.name);
      const version = asString(entry?.version);
      if (!entry || !name || !version) continue;
      const source = asString(entry.source);
      const metadata = compact({
        source: sourceKind(source),
        ...(source && sourceKind(source) !== 'crates.io' ? { sourceUrl: source } : {}),
        checksum: asString(entry.checksum) ?? checksums.get(`${name} ${version} (${source})`),
        lockVersion: typeof doc.version === 'number' ? doc.version : undefined,
      });
      out.push({ name, version, ...(metadata ? { metadata } : {}) });
    }
    return parsed(out);
  });
}

/** v1 locks keep checksums apart: `"checksum <name> <version> (<source>)" = "<sha256>"`. */
function v1Checksums(metadata: Record<string, unknown> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(metadata ?? {})) {
    const text = asString(value);
    if (key.startsWith('checksum ') && text && text !== '<none>')
      out.set(key.slice('checksum '.length), text);
  }
  return out;
}
