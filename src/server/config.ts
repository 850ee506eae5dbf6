import { join } from 'node:path';
import { defaultDbPath } from '../advisories/store/paths.js';
import { AppError } from '../core/errors.js';
import { dataDir as defaultDataDir } from '../core/paths.js';
import type { WorkerOptions } from '../service/types.js';

/** Everything `crowsnest serve` runs with: flags first, then the environment, then defaults. */
export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** `postgres://…` (CROWSNEST_DATABASE_URL); else SQLite at `<dataDir>/crowsnest.db`. */
  databaseUrl?: string;
  sqlitePath: string;
  advisoryDbPath: string;
  worker: WorkerOptions;
  /** How often due registry polls are looked for. */
  pollCheckMs: number;
  /** How long shutdown waits for in-flight requests before closing their connections. */
  shutdownGraceMs: number;
  secureCookies: boolean;
  /** CROWSNEST_BOOTSTRAP_OWNER=email:password */
  bootstrapOwner?: { email: string; password: string };
}

export interface ServeFlags {
  port?: number;
  host?: string;
  dataDir?: string;
  db?: string;
  concurrency?: number;
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new AppError('E_USAGE', `${name} must be a positive whole number`, { where: `${name}=${value}` });
  }
  return n;
}

function bootstrapOwner(value: string | undefined): ServerConfig['bootstrapOwner'] {
  if (!value) return undefined;
  const at = value.indexOf(':');
  const email = value.slice(0, at).trim();
  const password = value.slice(at + 1);
  if (at < 1 || !email.includes('@') || password.length < 8) {
    throw new AppError(
      'E_USAGE',
      'CROWSNEST_BOOTSTRAP_OWNER must be email:password (password of 8 or more characters)',
    );
  }
  return { email, password };
}

export function serverConfig(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = flags.dataDir ?? defaultDataDir(env);
  const port = flags.port ?? positiveInt(env.CROWSNEST_PORT, 'CROWSNEST_PORT', 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new AppError('E_USAGE', `--port must be 0..65535`, { where: String(port) });
  const owner = bootstrapOwner(env.CROWSNEST_BOOTSTRAP_OWNER);
  return {
    host: flags.host ?? env.CROWSNEST_HOST ?? '127.0.0.1',
    port,
    dataDir,
    ...(env.CROWSNEST_DATABASE_URL ? { databaseUrl: env.CROWSNEST_DATABASE_URL } : {}),
    sqlitePath: join(dataDir, 'crowsnest.db'),
    advisoryDbPath: flags.db ?? defaultDbPath(env),
    worker: {
      concurrency:
        flags.concurrency ?? positiveInt(env.CROWSNEST_WORKER_CONCURRENCY, 'CROWSNEST_WORKER_CONCURRENCY', 2),
      leaseMs: positiveInt(env.CROWSNEST_JOB_LEASE_SECONDS, 'CROWSNEST_JOB_LEASE_SECONDS', 60) * 1000,
      pollMs: positiveInt(env.CROWSNEST_JOB_POLL_MS, 'CROWSNEST_JOB_POLL_MS', 1000),
      backoff: {
        baseMs: positiveInt(env.CROWSNEST_JOB_BACKOFF_MS, 'CROWSNEST_JOB_BACKOFF_MS', 5000),
        maxMs: 15 * 60_000,
      },
    },
    pollCheckMs: positiveInt(env.CROWSNEST_POLL_CHECK_SECONDS, 'CROWSNEST_POLL_CHECK_SECONDS', 30) * 1000,
    shutdownGraceMs:
      positiveInt(env.CROWSNEST_SHUTDOWN_GRACE_SECONDS, 'CROWSNEST_SHUTDOWN_GRACE_SECONDS', 30) * 1000,
    secureCookies: env.CROWSNEST_SECURE_COOKIES === '1' || env.CROWSNEST_SECURE_COOKIES === 'true',
    ...(owner ? { bootstrapOwner: owner } : {}),
  };
}
