import type { FileEntry, FileTree } from '../../../fs/types.js';
import { readBdbHash } from './bdb.js';
import { readNdb } from './ndb.js';
import { readSqliteBlobs } from './sqlite.js';

export type RpmDbFormat = 'sqlite' | 'ndb' | 'bdb';

/** One package database file found in the tree. */
export interface RpmDatabase {
  entry: FileEntry;
  format: RpmDbFormat;
  /** The SQLite write-ahead log beside it, when there is one. */
  wal?: FileEntry;
}

/** Where rpm keeps its database: RHEL/Fedora, newer Fedora/SUSE (usually with /var/lib/rpm linking here), old SUSE. */
const directories = ['/var/lib/rpm', '/usr/lib/sysimage/rpm', '/usr/share/rpm'];

/** One file per format, in the order rpm's backends superseded each other: a leftover older file is stale. */
const formats: readonly [string, RpmDbFormat][] = [
  ['rpmdb.sqlite', 'sqlite'],
  ['Packages.db', 'ndb'],
  ['Packages', 'bdb'],
];

export const rpmPatterns: string[] = directories.flatMap((dir) => [
  ...formats.map(([file]) => `${dir}/${file}`),
  `${dir}/rpmdb.sqlite-wal`,
]);

const isFile = (entry: FileEntry | undefined): entry is FileEntry =>
  entry?.type === 'file' || entry?.type === 'hardlink';

/** The database of each distinct rpm directory (symlinked directories are counted once). */
export function findRpmDatabases(tree: FileTree): RpmDatabase[] {
  const found: RpmDatabase[] = [];
  const seen = new Set<string>();
  for (const dir of directories) {
    const real = tree.resolve(dir);
    if (real?.type !== 'dir' || seen.has(real.path)) continue;
    seen.add(real.path);
    for (const [file, format] of formats) {
      const entry = tree.resolve(`${real.path}/${file}`);
      if (!isFile(entry)) continue;
      const wal = format === 'sqlite' ? tree.resolve(`${real.path}/rpmdb.sqlite-wal`) : undefined;
      found.push({ entry, format, ...(isFile(wal) && wal.size > 0 ? { wal } : {}) });
      break;
    }
  }
  return found;
}

export interface HeaderBlobs {
  blobs: Buffer[];
  problems: string[];
}

/** The header blobs of one database file's bytes. Throws when the file is not a database of its format. */
export function headerBlobs(format: RpmDbFormat, bytes: Buffer, wal?: Buffer): HeaderBlobs {
  if (format === 'sqlite') return { blobs: readSqliteBlobs(bytes, wal).map((row) => row.blob), problems: [] };
  if (format === 'ndb') {
    const read = readNdb(bytes);
    return { blobs: read.blobs.map((entry) => entry.blob), problems: read.problems };
  }
  // rpm's BDB Packages keeps a 4-byte counter under record number 0: not a package
  const records = readBdbHash(bytes).filter(
    (record) => !(record.key.length === 4 && record.key.readUInt32LE(0) === 0),
  );
  return { blobs: records.map((record) => record.value), problems: [] };
}
