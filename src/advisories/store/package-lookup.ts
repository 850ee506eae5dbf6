import type Database from 'better-sqlite3';
import { ecosystemKey, packageKey } from '../ecosystems.js';
import type { Advisory } from '../model.js';
import { projected } from './records.js';

type Head = Omit<Advisory, 'affected'>;

/** Freezes the head and its direct arrays and objects (aliases, severity...): cheap, and stops accidents. */
function freezeHead(head: Head): Head {
  for (const value of Object.values(head)) if (value && typeof value === 'object') Object.freeze(value);
  return Object.freeze(head);
}

/**
 * Package look-ups for the matcher. Each hit costs one small slice parse plus, the first time an advisory
 * is met, one head parse; heads are kept (frozen, shared) for the life of the reader.
 */
export class PackageLookup {
  private readonly byEcosystem;
  private readonly byBase;
  private readonly headStmt;
  private readonly heads = new Map<number, Head>();

  constructor(
    db: Database.Database,
    private readonly cacheLimit = 100_000,
  ) {
    this.byEcosystem = db.prepare('SELECT adv, slice FROM packages WHERE ecosystem = ? AND name = ?').raw();
    this.byBase = db.prepare('SELECT adv, slice FROM packages WHERE base = ? AND name = ?').raw();
    this.headStmt = db.prepare('SELECT head FROM advisories WHERE rowid = ?').pluck();
  }

  find(ecosystem: string, name: string, includeWithdrawn: boolean): Advisory[] {
    const eco = ecosystemKey(ecosystem);
    const stmt = eco.includes(':') ? this.byEcosystem : this.byBase;
    const rows = stmt.all(eco, packageKey(ecosystem, name)) as [number, string][];
    const out = new Map<number, Advisory>();
    for (const [adv, slice] of rows) {
      const head = this.head(adv);
      if (!head || (head.withdrawn && !includeWithdrawn)) continue;
      const advisory = projected(head, slice);
      const seen = out.get(adv);
      // a whole-distro query ("Debian") meets one slice per release: merge them
      if (!seen) out.set(adv, advisory);
      else {
        seen.affected.push(...advisory.affected);
        if (advisory.distro_statuses)
          seen.distro_statuses = [...(seen.distro_statuses ?? []), ...advisory.distro_statuses];
      }
    }
    return [...out.values()].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : a.source < b.source ? -1 : 1,
    );
  }

  private head(rowid: number): Head | undefined {
    let head = this.heads.get(rowid);
    if (!head) {
      const json = this.headStmt.get(rowid) as string | undefined;
      if (json === undefined) return undefined;
      // shared by every result naming this advisory, so nobody may change it
      head = freezeHead(JSON.parse(json) as Head);
      if (this.heads.size >= this.cacheLimit) this.heads.clear();
      this.heads.set(rowid, head);
    }
    return head;
  }
}
