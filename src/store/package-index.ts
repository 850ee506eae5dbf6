import type { Db } from './schema.js';
import type { PackageIndexStore, PackageKey } from './types.js';

/** Keys per statement: two bound parameters each, well under either database's limit. */
const KEYS_PER_QUERY = 250;

export function packageIndexStore(db: Db): PackageIndexStore {
  return {
    async imagesFor(keys: readonly PackageKey[]) {
      const found = new Map<string, { orgId: string; imageId: string }>();
      for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
        const slice = keys.slice(i, i + KEYS_PER_QUERY);
        const rows = await db
          .selectFrom('package_keys')
          .innerJoin('images', 'images.id', 'package_keys.image_id')
          .select(['images.org_id', 'images.id'])
          .distinct()
          .where('images.mode', '=', 'continuous')
          .where((eb) =>
            eb.or(
              slice.map((k) =>
                eb.and([
                  eb('package_keys.ecosystem', '=', k.ecosystem),
                  eb('package_keys.name', '=', k.name),
                ]),
              ),
            ),
          )
          .execute();
        for (const row of rows) found.set(row.id, { orgId: row.org_id, imageId: row.id });
      }
      return [...found.values()].sort((a, b) => a.imageId.localeCompare(b.imageId));
    },
    async keysOf(imageId) {
      const rows = await db
        .selectFrom('package_keys')
        .select(['ecosystem', 'name'])
        .where('image_id', '=', imageId)
        .orderBy('ecosystem')
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ ecosystem: r.ecosystem, name: r.name }));
    },
  };
}
