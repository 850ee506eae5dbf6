import type Database from 'better-sqlite3';
import type { Advisory } from '../model.js';
import type { PackageKey, PackageSlice } from './keys.js';
import { byIdThenSource, decodeList, encodeList, type ListEntry, withdrawnFlag } from './package-lists.js';

interface PendingList extends PackageKey {
  /** Advisories whose old entries leave the list. */
  drop: Set<number>;
  add: ListEntry[];
}

/**
 * Collects the list changes of one payload and rewrites each touched list once, at `flush`: a feed that
 * changes 200 kernel CVEs rewrites each kernel list once, not 200 times.
 */
export class PackageListWriter {
  private readonly pending = new Map<string, PendingList>();
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(db: Database.Database) {
    this.select = db
      .prepare('SELECT entries FROM package_lists WHERE base = ? AND name = ? AND ecosystem = ?')
      .pluck();
    this.upsert = db.prepare(
      `INSERT INTO package_lists (base, name, ecosystem, advisories, entries) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (base, name, ecosystem) DO UPDATE SET advisories = excluded.advisories, entries = excluded.entries`,
    );
    this.remove = db.prepare('DELETE FROM package_lists WHERE base = ? AND name = ? AND ecosystem = ?');
  }

  /** The advisory's entries leave these lists (it changed or was removed). */
  drop(adv: number, keys: readonly PackageKey[]): void {
    for (const key of keys) this.list(key).drop.add(adv);
  }

  add(adv: number, advisory: Advisory, slices: readonly (PackageSlice & { json: string })[]): void {
    const withdrawn = withdrawnFlag(advisory);
    slices.forEach((slice, ord) => {
      this.list(slice).add.push({
        adv,
        ord,
        withdrawn,
        id: advisory.id,
        source: advisory.source,
        slice: slice.json,
      });
    });
  }

  flush(): void {
    for (const list of this.pending.values()) {
      const stored = this.select.get(list.base, list.name, list.ecosystem) as string | undefined;
      const kept = stored === undefined ? [] : decodeList(stored).filter((e) => !list.drop.has(e.adv));
      const entries = [...kept, ...list.add].sort(byIdThenSource);
      if (entries.length === 0) this.remove.run(list.base, list.name, list.ecosystem);
      else this.upsert.run(list.base, list.name, list.ecosystem, entries.length, encodeList(entries));
    }
    this.pending.clear();
  }

  private list(key: PackageKey): PendingList {
    const id = `${key.ecosystem}\u0000${key.name}`;
    let found = this.pending.get(id);
    if (!found) {
      found = { ecosystem: key.ecosystem, base: key.base, name: key.name, drop: new Set(), add: [] };
      this.pending.set(id, found);
    }
    return found;
  }
}
