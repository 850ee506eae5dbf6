import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';
import { createLookupIndexes, createSchema, SCHEMA_VERSION, schemaVersionOf } from './schema.js';

/**
 * A copy-on-write update: the live database is copied to a temporary file beside it, every change goes
 * into the copy, and `commit` renames the copy over the live file in one atomic step. Readers never see
 * half an update; a crash or an abort leaves the live file as it was.
 */
export interface UpdateSession {
  readonly db: Database.Database;
  readonly path: string;
  commit(): void;
  abort(): void;
}

export function openUpdateSession(path: string): UpdateSession {
  mkdirSync(dirname(path), { recursive: true });
  const releaseLock = acquireLock(path);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let db: Database.Database;
  try {
    db = openCopy(path, temp);
  } catch (error) {
    rmSync(temp, { force: true });
    releaseLock();
    throw error;
  }
  let done = false;
  const finish = () => {
    done = true;
    releaseLock();
  };
  return {
    db,
    path,
    commit() {
      if (done) return;
      try {
        createLookupIndexes(db);
        db.pragma('journal_mode = DELETE');
        db.close();
        syncFile(temp);
        renameSync(temp, path);
        syncFile(dirname(path));
      } catch (error) {
        rmSync(temp, { force: true });
        throw new AppError('E_DB_CORRUPT', 'could not write the advisory database', {
          where: path,
          hint: 'check free space and permissions of the cache directory',
          cause: error,
        });
      } finally {
        finish();
      }
    },
    abort() {
      if (done) return;
      if (db.open) db.close();
      rmSync(temp, { force: true });
      finish();
    },
  };
}

function openCopy(live: string, temp: string): Database.Database {
  let reuse = existsSync(live) && isCurrentSchema(live);
  if (reuse) copyFileSync(live, temp);
  let db = new Database(temp);
  if (reuse && db.pragma('quick_check', { simple: true }) !== 'ok') {
    // a damaged live file is rebuilt from scratch rather than carried forward
    db.close();
    rmSync(temp, { force: true });
    db = new Database(temp);
    reuse = false;
  }
  // the copy is private until renamed, so an in-memory journal is enough and much faster
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -65536');
  // a fresh file gets its look-up indexes at commit, after the bulk load
  createSchema(db, { deferIndexes: !reuse });
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('updated_at', ?)").run(
    new Date().toISOString(),
  );
  return db;
}

function isCurrentSchema(path: string): boolean {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return schemaVersionOf(db) === SCHEMA_VERSION;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

function syncFile(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // directories cannot be fsynced on every platform; the rename is still atomic
  }
}

/** One writer at a time: a lock file holding the writer's pid; a lock left by a dead process is taken over. */
const heldHere = new Set<string>();

function acquireLock(path: string): () => void {
  const lock = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      heldHere.add(lock);
      return () => {
        heldHere.delete(lock);
        rmSync(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lock, 'utf8').trim());
      // our own pid in a lock we do not hold is a leftover (pids repeat in containers)
      const held = pid === process.pid ? heldHere.has(lock) : pid > 0 && isAlive(pid);
      if (held) {
        throw new AppError('E_FEED', `another crowsnest update is running (pid ${pid})`, {
          where: lock,
          hint: 'wait for it to finish, or delete the lock file if that process is gone',
        });
      }
      rmSync(lock, { force: true });
    }
  }
  throw new AppError('E_FEED', 'could not take the database update lock', { where: lock });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
