import type { Cataloger } from '../../types.js';
import { catalogBinaries } from '../executables/catalog-binaries.js';
import { wantsExecutable } from '../executables/format.js';
import { CATALOGER_ID, goBinaryPackages, moduleKey, resolvedModules } from './packages.js';
import { BUILDINFO_MAGIC, findBuildInfo } from './parse-buildinfo.js';
import { type GoBuildInfo, parseModinfo } from './parse-modinfo.js';

/**
 * Go programs: the module build info the Go linker embeds (main module, dependencies, toolchain as
 * `stdlib`), found in executables anywhere in the image. Binaries without build info are skipped silently.
 */
export const goBinaryCataloger: Cataloger = {
  id: CATALOGER_ID,
  version: 1,
  type: 'golang',
  patterns: [],
  wants: wantsExecutable,
  needles: [BUILDINFO_MAGIC],
  catalog: (context) =>
    catalogBinaries<GoBuildInfo>(context, {
      id: CATALOGER_ID,
      needle: BUILDINFO_MAGIC,
      parse: (data, format) => {
        const blob = findBuildInfo(data, format);
        if (blob.kind !== 'found') return blob;
        return { kind: 'found', value: parseModinfo(blob.value.goVersion, blob.value.modinfo) };
      },
      keys: (info) => resolvedModules(info).map(moduleKey),
      packages: goBinaryPackages,
    }),
};
