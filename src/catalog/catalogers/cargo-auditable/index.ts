import { makePurl } from '../../../core/purl.js';
import type { FileEntry } from '../../../fs/types.js';
import type { Package } from '../../../sbom/types.js';
import { packageId } from '../../helpers.js';
import type { Cataloger } from '../../types.js';
import { catalogBinaries } from '../executables/catalog-binaries.js';
import { wantsExecutable } from '../executables/format.js';
import { keyOf, type ParsedPackage, uniquePackages } from '../lang-common/parsed.js';
import { parseAuditData, SECTION } from './parse-audit-data.js';

const ID = 'cargo-auditable';

function toPackages(found: ParsedPackage[], entry: FileEntry, layerOf: (key: string) => number): Package[] {
  return uniquePackages(found).map((crate) => {
    const pkg: Omit<Package, 'id'> = {
      type: 'cargo',
      name: crate.name,
      version: crate.version,
      purl: makePurl({ type: 'cargo', name: crate.name, version: crate.version }),
      licenses: [],
      locations: [{ path: entry.path, layer: entry.layer }],
      layer: layerOf(keyOf(crate)),
      foundBy: ID,
      ...(crate.metadata ? { metadata: crate.metadata } : {}),
    };
    return { id: packageId(pkg), ...pkg };
  });
}

/**
 * Rust programs built with `cargo auditable`: the crates listed in their `.dep-v0` section (see
 * parseAuditData), found in executables anywhere in the image; the root crate is kept (`metadata.root`).
 */
export const cargoAuditableCataloger: Cataloger = {
  id: ID,
  version: 1,
  type: 'cargo',
  patterns: [],
  wants: wantsExecutable,
  needles: [Buffer.from(SECTION)],
  catalog: (context) =>
    catalogBinaries<ParsedPackage[]>(context, {
      id: ID,
      needle: Buffer.from(SECTION),
      parse: parseAuditData,
      keys: (found) => found.map(keyOf),
      packages: toPackages,
    }),
};
