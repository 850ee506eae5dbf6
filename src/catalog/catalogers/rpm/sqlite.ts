import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The header blobs of an rpm SQLite database (`rpmdb.sqlite`, rpm ≥ 4.16: Fedora 33+, RHEL 9): table
 * `Packages (hnum INTEGER PRIMARY KEY, blob BLOB)`. SQLite needs a file, so the bytes (and the
 * write-ahead log, when the image has one) are copied to a private temporary folder that is removed after.
 * Throws when the bytes are not such a database.
 */
export function readSqliteBlobs(bytes: Buffer, wal?: Buffer): { hnum: number; blob: Buffer }[] {
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-rpmdb-'));
  try {
    const path = join(dir, 'rpmdb.sqlite');
    writeFileSync(path, bytes);
    if (wal && wal.length > 0) writeFileSync(`${path}-wal`, wal);
    const db = new Database(path, { fileMustExist: true });
    try {
      const rows = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').all() as {
        hnum: unknown;
        blob: unknown;
      }[];
      return rows.flatMap((row) =>
        typeof row.hnum === 'number' && Buffer.isBuffer(row.blob) ? [{ hnum: row.hnum, blob: row.blob }] : [],
      );
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
