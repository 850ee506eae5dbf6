import { packageKeysOf } from '../../advisories/store/keys.js';
import type { AdvisoryDb, UpdateDiff } from '../../advisories/store/types.js';
import type { PackageKey } from '../../store/types.js';

/**
 * The package keys that decide which stored images an update operation can change. Both sides use the advisory
 * store's normalisation (`ecosystemKey`, `packageKey`): the diff records each changed record's keys, and the
 * analysis records the keys the matcher looked up (`matchRecordingKeys`), so Debian source and binary names,
 * npm scopes, PEP 503 names, Maven `group:artifact` and Go module paths meet as the matcher met them.
 */
export function selectionKeys(diff: UpdateDiff, db: Pick<AdvisoryDb, 'byAlias'>): PackageKey[] {
  const keys = new KeySet();
  for (const key of diff.packages) keys.addWithBase(key);
  // a changed record can change the severity or KEV flag of findings that other feeds' records (its alias
  // group) produced: the packages those records name are affected too
  const ids = new Set(diff.changes.map((c) => c.id));
  for (const id of ids) {
    for (const advisory of db.byAlias(id)) for (const key of packageKeysOf(advisory)) keys.addWithBase(key);
  }
  return keys.values();
}

/** Keys deduplicated, each with its whole-distribution form. */
class KeySet {
  private readonly keys = new Map<string, PackageKey>();

  /**
   * The store answers a look-up by a release-less ecosystem ("Red Hat") with every release's records, and the
   * matcher asks Red Hat that way, so a change under "red hat:enterprise_linux:9::appstream" also concerns images
   * that looked up ("red hat", name).
   */
  addWithBase(key: PackageKey): void {
    this.add(key.ecosystem, key.name);
    const base = key.ecosystem.split(':')[0] ?? key.ecosystem;
    if (base !== key.ecosystem) this.add(base, key.name);
  }

  values(): PackageKey[] {
    return [...this.keys.values()];
  }

  private add(ecosystem: string, name: string): void {
    this.keys.set(`${ecosystem}\u0000${name}`, { ecosystem, name });
  }
}
