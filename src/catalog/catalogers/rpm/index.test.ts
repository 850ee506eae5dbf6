import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withTree } from '../../../../test/fixtures/ecosystems/os-tree.js';
import { writeNdb } from '../../../../test/fixtures/ecosystems/rpm-ndb.js';
import { memoryImage, memoryLayer } from '../../../../test/support/layers.js';
import { readImageTree } from '../../../fs/read-image-tree.js';
import { runCatalogers, selectorFor } from '../../run.js';
import { packageHeader } from './__fixtures__/header-writer.js';
import { rpmCataloger } from './index.js';

/** The bytes of an rpm-style SQLite database holding `blobs`. */
function sqliteDb(blobs: Buffer[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-rpm-test-'));
  try {
    const db = new Database(join(dir, 'rpmdb.sqlite'));
    db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO Packages (blob) VALUES (?)');
    for (const blob of blobs) insert.run(blob);
    db.close();
    return readFileSync(join(dir, 'rpmdb.sqlite'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const source = (name: string) => [{ tag: 1044, type: 'string' as const, value: name }];
const bash = packageHeader('bash', '5.1.8', '6.el9', { extra: source('bash-5.1.8-6.el9.src.rpm') });
const glibc64 = packageHeader('glibc', '2.34', '60.el9', { extra: source('glibc-2.34-60.el9.src.rpm') });
const glibc32 = packageHeader('glibc', '2.34', '60.el9', {
  arch: 'i686',
  extra: source('glibc-2.34-60.el9.src.rpm'),
});
const vim = packageHeader('vim-minimal', '8.2.2637', '20.el9_1', {
  epoch: 2,
  extra: source('vim-8.2.2637-20.el9_1.src.rpm'),
});
const key = packageHeader('gpg-pubkey', 'fd431d51', '4ae0493b', { arch: '' });

describe('rpmCataloger', () => {
  it('reads an SQLite rpmdb: purls, epochs, sources, multilib pairs; keys and bad headers left out', async () => {
    const db = sqliteDb([bash, glibc64, glibc32, vim, key, Buffer.from('junk')]);
    const result = await withTree({ '/var/lib/rpm/rpmdb.sqlite': db }, (tree) =>
      runCatalogers(tree, [rpmCataloger], { distro: { id: 'rhel', versionId: '9.3' } }),
    );
    expect(result.packages.map((p) => p.purl)).toEqual([
      'pkg:rpm/rhel/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.3&upstream=bash-5.1.8-6.el9.src.rpm',
      'pkg:rpm/rhel/glibc@2.34-60.el9?arch=x86_64&distro=rhel-9.3&upstream=glibc-2.34-60.el9.src.rpm',
      'pkg:rpm/rhel/glibc@2.34-60.el9?arch=i686&distro=rhel-9.3&upstream=glibc-2.34-60.el9.src.rpm',
      'pkg:rpm/rhel/vim-minimal@8.2.2637-20.el9_1?arch=x86_64&distro=rhel-9.3&epoch=2&upstream=vim-8.2.2637-20.el9_1.src.rpm',
    ]);
    expect(result.packages[3]).toMatchObject({
      type: 'rpm',
      version: '2:8.2.2637-20.el9_1',
      source: { name: 'vim', version: '2:8.2.2637-20.el9_1' },
      layer: 0,
      foundBy: 'rpm',
      locations: [{ path: '/var/lib/rpm/rpmdb.sqlite', layer: 0 }],
      metadata: { epoch: 2, release: '20.el9_1', database: 'sqlite' },
    });
    expect(new Set(result.packages.map((p) => p.id)).size).toBe(4);
    expect(result.unknowns).toEqual([
      {
        path: '/var/lib/rpm/rpmdb.sqlite',
        layer: 0,
        cataloger: 'rpm',
        reason: '1 unreadable package header(s): header blob of 4 bytes is too short',
      },
    ]);
  });

  it('reads rows still in the write-ahead log beside the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crowsnest-rpm-wal-'));
    try {
      const db = new Database(join(dir, 'rpmdb.sqlite'));
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.exec('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
      db.prepare('INSERT INTO Packages (blob) VALUES (?)').run(bash);
      // copied while the connection is open: the row lives only in the -wal file
      const main = readFileSync(join(dir, 'rpmdb.sqlite'));
      const wal = readFileSync(join(dir, 'rpmdb.sqlite-wal'));
      db.close();
      expect(wal.length).toBeGreaterThan(0);
      const run = (files: Record<string, Buffer>) =>
        withTree(files, (tree) => runCatalogers(tree, [rpmCataloger]));
      expect((await run({ '/var/lib/rpm/rpmdb.sqlite': main })).packages).toEqual([]);
      const withWal = await run({ '/var/lib/rpm/rpmdb.sqlite': main, '/var/lib/rpm/rpmdb.sqlite-wal': wal });
      expect(withWal.packages.map((p) => p.name)).toEqual(['bash']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a database once through a symlinked directory, and has no namespace without a distro', async () => {
    const result = await withTree(
      {
        '/usr/lib/sysimage/rpm/Packages.db': writeNdb([{ pkgidx: 1, blob: bash }]),
        '/var/lib/rpm': { symlink: '../../usr/lib/sysimage/rpm' },
      },
      (tree) => runCatalogers(tree, [rpmCataloger]),
    );
    expect(result.unknowns).toEqual([]);
    expect(result.packages.map((p) => [p.purl, p.locations[0]?.path])).toEqual([
      [
        'pkg:rpm/bash@5.1.8-6.el9?arch=x86_64&upstream=bash-5.1.8-6.el9.src.rpm',
        '/usr/lib/sysimage/rpm/Packages.db',
      ],
    ]);
  });

  it('prefers the newest format when a directory holds a stale older file', async () => {
    const result = await withTree(
      { '/var/lib/rpm/rpmdb.sqlite': sqliteDb([bash]), '/var/lib/rpm/Packages': 'stale, unreadable' },
      (tree) => runCatalogers(tree, [rpmCataloger]),
    );
    expect(result.unknowns).toEqual([]);
    expect(result.packages.map((p) => p.name)).toEqual(['bash']);
  });

  it('turns an unreadable database into an unknown and reads the others', async () => {
    const result = await withTree(
      {
        '/var/lib/rpm/Packages': Buffer.alloc(8192, 1),
        '/usr/share/rpm/rpmdb.sqlite': 'not sqlite at all',
        '/usr/lib/sysimage/rpm/Packages.db': writeNdb([{ pkgidx: 4, blob: vim }]),
      },
      (tree) => runCatalogers(tree, [rpmCataloger]),
    );
    expect(result.packages.map((p) => p.name)).toEqual(['vim-minimal']);
    expect(result.unknowns.map((u) => [u.path, u.reason.split(':')[0]])).toEqual([
      ['/var/lib/rpm/Packages', 'cannot read the bdb rpm database'],
      ['/usr/share/rpm/rpmdb.sqlite', 'cannot read the sqlite rpm database'],
    ]);
  });

  it('attributes each package to the layer that installed its current version', async () => {
    const vim1 = packageHeader('vim-minimal', '8.2.2637', '15.el9', { epoch: 2 });
    const versions = [
      [bash, vim1],
      [bash, vim1, glibc64],
      [bash, vim, glibc64],
    ].map((list) => writeNdb(list.map((blob, index) => ({ pkgidx: index + 1, blob }))));
    const layers = await Promise.all(
      versions.map((content) => memoryLayer([{ name: 'usr/lib/sysimage/rpm/Packages.db', content }])),
    );
    const tree = await readImageTree(memoryImage(layers), { select: selectorFor([rpmCataloger]) });
    const result = await runCatalogers(tree, [rpmCataloger]);
    await tree.close();
    expect(result.packages.map((p) => [p.name, p.version, p.layer])).toEqual([
      ['bash', '5.1.8-6.el9', 0],
      ['vim-minimal', '2:8.2.2637-20.el9_1', 2],
      ['glibc', '2.34-60.el9', 1],
    ]);
  });
});
