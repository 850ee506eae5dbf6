import type Database from 'better-sqlite3';
import { ecosystemBaseKey } from '../ecosystems.js';
import type { Advisory } from '../model.js';
import { linkKeysOf, type PackageKey } from './keys.js';
import { PackageListWriter } from './list-writer.js';
import { type EncodedRecord, packBody } from './records.js';

/**
 * Prepared statements that write and remove records with their index rows, inside one transaction.
 * Package lists change only at `flush`, once per list: call it before the transaction ends.
 */
export class RecordWriter {
  private readonly lists;
  private readonly insert;
  private readonly update;
  private readonly writeBody;
  private readonly deleteRecord;
  private readonly deleteBody;
  private readonly deletePackages;
  private readonly deleteLinks;
  private readonly insertPackage;
  private readonly insertLink;
  private readonly selectPackages;

  constructor(db: Database.Database) {
    this.lists = new PackageListWriter(db);
    this.insert = db.prepare(
      'INSERT INTO advisories (source, id, modified, withdrawn, hash, head) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.update = db.prepare(
      'UPDATE advisories SET modified = ?, withdrawn = ?, hash = ?, head = ? WHERE rowid = ?',
    );
    this.writeBody = db.prepare('INSERT OR REPLACE INTO bodies (adv, body) VALUES (?, ?)');
    this.deleteRecord = db.prepare('DELETE FROM advisories WHERE rowid = ?');
    this.deleteBody = db.prepare('DELETE FROM bodies WHERE adv = ?');
    this.deletePackages = db.prepare('DELETE FROM packages WHERE adv = ?');
    this.deleteLinks = db.prepare('DELETE FROM links WHERE adv = ?');
    this.insertPackage = db.prepare('INSERT INTO packages (adv, ecosystem, name) VALUES (?, ?, ?)');
    this.insertLink = db.prepare('INSERT INTO links (key, adv, kind) VALUES (?, ?, ?)');
    this.selectPackages = db.prepare('SELECT ecosystem, name FROM packages WHERE adv = ? ORDER BY rowid');
  }

  packagesOf(rowid: number): PackageKey[] {
    const rows = this.selectPackages.all(rowid) as { ecosystem: string; name: string }[];
    return rows.map((r) => ({ ecosystem: r.ecosystem, base: ecosystemBaseKey(r.ecosystem), name: r.name }));
  }

  write(advisory: Advisory, record: EncodedRecord, rowid?: number): number {
    const withdrawn = advisory.withdrawn ?? null;
    let id = rowid;
    if (id === undefined) {
      const values = [advisory.source, advisory.id, advisory.modified, withdrawn, record.hash, record.head];
      id = Number(this.insert.run(...values).lastInsertRowid);
    } else {
      this.update.run(advisory.modified, withdrawn, record.hash, record.head, id);
      this.lists.drop(id, this.packagesOf(id));
      this.deletePackages.run(id);
      this.deleteLinks.run(id);
    }
    this.writeBody.run(id, packBody(record));
    for (const slice of record.slices) this.insertPackage.run(id, slice.ecosystem, slice.name);
    this.lists.add(id, advisory, record.slices);
    for (const link of linkKeysOf(advisory)) this.insertLink.run(link.key, id, link.kind);
    return id;
  }

  remove(rowid: number): void {
    this.lists.drop(rowid, this.packagesOf(rowid));
    this.deletePackages.run(rowid);
    this.deleteLinks.run(rowid);
    this.deleteBody.run(rowid);
    this.deleteRecord.run(rowid);
  }

  /** Rewrites every package list the writes and removals touched. */
  flush(): void {
    this.lists.flush();
  }
}
