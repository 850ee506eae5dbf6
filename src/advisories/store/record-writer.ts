import type Database from 'better-sqlite3';
import type { Advisory } from '../model.js';
import { linkKeysOf, type PackageKey } from './keys.js';
import { type EncodedRecord, packRest } from './records.js';

/** Prepared statements that write and remove records with their index rows, inside one transaction. */
export class RecordWriter {
  private readonly insert;
  private readonly update;
  private readonly deleteRecord;
  private readonly deletePackages;
  private readonly deleteLinks;
  private readonly insertPackage;
  private readonly insertLink;
  private readonly selectPackages;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO advisories (source, id, modified, withdrawn, hash, head, rest) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.update = db.prepare(
      'UPDATE advisories SET modified = ?, withdrawn = ?, hash = ?, head = ?, rest = ? WHERE rowid = ?',
    );
    this.deleteRecord = db.prepare('DELETE FROM advisories WHERE rowid = ?');
    this.deletePackages = db.prepare('DELETE FROM packages WHERE adv = ?');
    this.deleteLinks = db.prepare('DELETE FROM links WHERE adv = ?');
    this.insertPackage = db.prepare(
      'INSERT INTO packages (adv, ecosystem, base, name, slice) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertLink = db.prepare('INSERT INTO links (key, adv, kind) VALUES (?, ?, ?)');
    this.selectPackages = db.prepare('SELECT ecosystem, base, name FROM packages WHERE adv = ?');
  }

  packagesOf(rowid: number): PackageKey[] {
    return this.selectPackages.all(rowid) as PackageKey[];
  }

  write(advisory: Advisory, record: EncodedRecord, rowid?: number): number {
    const rest = packRest(record.rest);
    const withdrawn = advisory.withdrawn ?? null;
    let id = rowid;
    if (id === undefined) {
      const values = [
        advisory.source,
        advisory.id,
        advisory.modified,
        withdrawn,
        record.hash,
        record.head,
        rest,
      ];
      id = Number(this.insert.run(...values).lastInsertRowid);
    } else {
      this.update.run(advisory.modified, withdrawn, record.hash, record.head, rest, id);
      this.deletePackages.run(id);
      this.deleteLinks.run(id);
    }
    for (const slice of record.slices)
      this.insertPackage.run(id, slice.ecosystem, slice.base, slice.name, slice.json);
    for (const link of linkKeysOf(advisory)) this.insertLink.run(link.key, id, link.kind);
    return id;
  }

  remove(rowid: number): void {
    this.deletePackages.run(rowid);
    this.deleteLinks.run(rowid);
    this.deleteRecord.run(rowid);
  }
}
