import type { FileTree } from '../../../fs/types.js';
import type { Distro, Location, Package, Unknown } from '../../../sbom/types.js';
import { introducingLayers, locationOf, packageId, unknownFor } from '../../helpers.js';
import type { CatalogContext, Cataloger, CatalogResult } from '../../types.js';
import { findRpmDatabases, headerBlobs, type RpmDatabase, rpmPatterns } from './databases.js';
import { parseRpmHeader, type RpmHeader } from './header.js';
import { rpmPurl, rpmVersion, sourceOfRpm } from './purl.js';

const id = 'rpm';

/**
 * Red Hat, Fedora, SUSE, Amazon Linux, ... packages from the rpm database in any of its three formats
 * (SQLite `rpmdb.sqlite`, Berkeley DB `Packages`, ndb `Packages.db`) in /var/lib/rpm, /usr/lib/sysimage/rpm
 * or /usr/share/rpm. `gpg-pubkey` entries are imported signing keys, not packages, and are left out.
 */
export const rpmCataloger: Cataloger = {
  id,
  version: 1,
  type: 'rpm',
  patterns: rpmPatterns,
  catalog: catalogRpm,
};

async function catalogRpm({ tree, distro }: CatalogContext): Promise<CatalogResult> {
  const packages: Package[] = [];
  const unknowns: Unknown[] = [];
  for (const database of findRpmDatabases(tree)) {
    try {
      const headers = await readHeaders(tree, database, unknowns);
      const layers = await introducingLayers(tree, database.entry.path, (content) =>
        keysOf(database, content),
      );
      for (const header of headers) {
        if (header.name === 'gpg-pubkey') continue;
        packages.push(
          toPackage(database, header, distro, layers.get(rpmKey(header)) ?? database.entry.layer),
        );
      }
    } catch (error) {
      unknowns.push(
        unknownFor(
          database.entry,
          id,
          `cannot read the ${database.format} rpm database: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  }
  return { packages, unknowns };
}

async function readHeaders(tree: FileTree, database: RpmDatabase, unknowns: Unknown[]): Promise<RpmHeader[]> {
  const bytes = await tree.readFile(database.entry.path);
  const wal = database.wal ? await tree.readFile(database.wal.path) : undefined;
  const { blobs, problems } = headerBlobs(database.format, bytes, wal);
  const headers: RpmHeader[] = [];
  for (const blob of blobs) {
    const header = parseRpmHeader(blob);
    if (typeof header === 'string') problems.push(header);
    else headers.push(header);
  }
  if (problems.length > 0)
    unknowns.push(
      unknownFor(database.entry, id, `${problems.length} unreadable package header(s): ${problems[0]}`),
    );
  return headers;
}

function keysOf(database: RpmDatabase, content: Buffer): Set<string> {
  const keys = new Set<string>();
  try {
    for (const blob of headerBlobs(database.format, content).blobs) {
      const header = parseRpmHeader(blob);
      if (typeof header !== 'string') keys.add(rpmKey(header));
    }
  } catch {
    // an older write of the database that cannot be read introduces nothing
  }
  return keys;
}

function rpmKey(header: RpmHeader): string {
  return [header.name, rpmVersion(header), header.arch ?? ''].join('\u0000');
}

function toPackage(
  database: RpmDatabase,
  header: RpmHeader,
  distro: Distro | undefined,
  layer: number,
): Package {
  const locations: Location[] = [locationOf(database.entry)];
  const version = rpmVersion(header);
  const base = { type: 'rpm' as const, name: header.name, version, locations };
  const source = sourceOfRpm(header);
  // packageId does not see the architecture: multilib pairs (glibc.x86_64, glibc.i686) share everything else
  const idName = header.arch ? `${header.name}.${header.arch}` : header.name;
  const { name: _name, version: _version, license, ...rest } = header;
  return {
    id: packageId({ ...base, name: idName }),
    ...base,
    purl: rpmPurl(header, distro),
    licenses: license ? [license] : [],
    layer,
    ...(source ? { source } : {}),
    foundBy: id,
    metadata: { ...rest, database: database.format },
  };
}
