import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './registry.js';

const run = promisify(execFile);

/** Debian's PostgreSQL server binaries (package `postgresql`); the newest installed major wins. */
export const PG_BIN_CANDIDATES = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

export function postgresBinDir(): string | undefined {
  return PG_BIN_CANDIDATES.find((dir) => existsSync(join(dir, 'initdb')));
}

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust auth on loopback). */
  url: string;
  port: number;
  /** A fresh empty database on this server, for one test file or suite. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

interface PgUser {
  uid: number;
  gid: number;
}

/** initdb refuses to run as root: as root the cluster belongs to the `postgres` user. */
async function clusterUser(): Promise<PgUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

function runAs(user: PgUser | undefined, file: string, args: string[]): Promise<{ stdout: string }> {
  return run(
    file,
    args,
    user ? { uid: user.uid, gid: user.gid, env: { ...process.env, HOME: tmpdir() } } : {},
  );
}

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, data in a temp dir, fsync off (about a
 * second to start). Throws when the Debian server is not installed (`apt-get install postgresql`).
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found (install the Debian package postgresql)');
  const user = await clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  await runAs(user, join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await runAs(user, join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log.txt'),
    '-o',
    options,
    '-w',
    'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const psql = (sql: string) => run(join(bin, 'psql'), [url, '-v', 'ON_ERROR_STOP=1', '-Atc', sql]);
  return {
    url,
    port,
    createDatabase: async (name) => {
      await psql(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      await runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
