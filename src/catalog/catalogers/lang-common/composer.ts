import { makePurl } from '../../../core/purl.js';
import { compact, type ParsedPackage } from './parsed.js';
import { asArray, asDict, asString, uniqueStrings } from './values.js';

/** `pkg:composer/vendor/name@version`: the vendor is the namespace; the library lowercases both. */
export function composerPurl(pkg: Pick<ParsedPackage, 'name' | 'version'>): string {
  const slash = pkg.name.indexOf('/');
  if (slash <= 0) return makePurl({ type: 'composer', name: pkg.name, version: pkg.version });
  return makePurl({
    type: 'composer',
    namespace: pkg.name.slice(0, slash),
    name: pkg.name.slice(slash + 1),
    version: pkg.version,
  });
}

/**
 * Composer prints tagged releases as tagged (`v5.4.21`), but compares versions after normalising away the
 * `v`, and advisory feeds (FriendsOfPHP, GitHub's Packagist advisories, OSV) write `5.4.21`. The package
 * version drops that one leading `v` so it compares like the feeds; the written form stays in metadata.
 */
export function composerVersion(written: string): string {
  return /^[vV]\d/.test(written) ? written.slice(1) : written;
}

/** One entry of installed.json or composer.lock (both use Composer's package schema). */
export function composerPackage(value: unknown, dev: boolean): ParsedPackage | undefined {
  const entry = asDict(value);
  const name = asString(entry?.name);
  const written = asString(entry?.version);
  if (!entry || !name || !written) return undefined;
  const version = composerVersion(written);
  const license = entry.license;
  const licenses = uniqueStrings(Array.isArray(license) ? license.map(asString) : [asString(license)]);
  const authors = uniqueStrings(asArray(entry.authors).map((a) => asString(asDict(a)?.name)));
  const metadata = compact({
    versionAsWritten: written !== version ? written : undefined,
    type: asString(entry.type),
    dev,
    authors,
    reference: asString(asDict(entry.source)?.reference) ?? asString(asDict(entry.dist)?.reference),
  });
  return { name, version, licenses, ...(metadata ? { metadata } : {}) };
}
