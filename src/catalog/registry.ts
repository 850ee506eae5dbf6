import { debCataloger } from './catalogers/deb/index.js';
import { javaArchiveCataloger } from './catalogers/java-archive/index.js';
import type { Cataloger } from './types.js';

/**
 * The explicit registry of catalogers, in the order they run. Adding an ecosystem is one import and one
 * entry here; nothing registers itself.
 */
export const catalogers: readonly Cataloger[] = [debCataloger, javaArchiveCataloger];

export function catalogerVersions(list: readonly Cataloger[] = catalogers): { id: string; version: number }[] {
  return list.map((c) => ({ id: c.id, version: c.version }));
}
