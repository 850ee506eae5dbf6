import { parse as parseYaml } from 'yaml';
import { isRegistryVersion, splitSpecifier } from '../lang-common/npm.js';
import {
  compact,
  failed,
  guarded,
  type ParsedPackage,
  type ParseResult,
  parsed,
} from '../lang-common/parsed.js';
import { asDict, asString } from '../lang-common/values.js';

/**
 * yarn.lock of yarn 2+ ("berry"): YAML with a `__metadata` entry. Each entry's `resolution` names what was
 * installed (`name@npm:1.2.3`); workspaces, links, portals and local files are the project's own code, and
 * git or tarball URLs are not registry releases, so only `npm:` resolutions (and patches of them) count.
 */
export function parseYarnBerry(text: string): ParseResult {
  return guarded(() => {
    const document = asDict(parseYaml(text, { maxAliasCount: 0, uniqueKeys: false }));
    if (!document || !asDict(document.__metadata)) return failed('no __metadata: not a yarn berry lock file');
    const packages: ParsedPackage[] = [];
    for (const [key, value] of Object.entries(document)) {
      const entry = asDict(value);
      if (key === '__metadata' || !entry) continue;
      const pkg = packageOf(entry);
      if (pkg) packages.push(pkg);
    }
    return parsed(packages);
  });
}

function packageOf(entry: Record<string, unknown>): ParsedPackage | undefined {
  const resolution = asString(entry.resolution);
  const version = asString(entry.version);
  const spec = resolution ? splitSpecifier(resolution) : undefined;
  if (!spec || !version || !isRegistryVersion(version)) return undefined;
  const protocol = spec.range.slice(0, spec.range.indexOf(':') + 1);
  const patchOfNpm = protocol === 'patch:' && /@npm%3A/.test(spec.range);
  if (protocol !== 'npm:' && !patchOfNpm) return undefined;
  const metadata = compact({ patched: patchOfNpm, checksum: asString(entry.checksum) });
  return { name: spec.name, version, ...(metadata ? { metadata } : {}) };
}
