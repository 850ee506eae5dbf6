import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { htpasswdFile } from './htpasswd.js';
import { startTokenServer, type TokenServer } from './token-server.js';

export interface StartRegistryOptions {
  /** user → password; turns on Distribution's htpasswd (Basic) auth. */
  htpasswd?: Record<string, string>;
  /** Turns on token (Bearer) auth with a loopback token server knowing these users. */
  token?: {
    users: Record<string, string>;
    anonymousPull?: boolean;
    expiresIn?: number;
    identityTokens?: Record<string, string>;
  };
  /** Where Distribution posts its notification envelopes. */
  notificationsUrl?: string;
  /** Accept schema-1 manifest pushes (`compatibility.schema1.enabled`). */
  schema1?: boolean;
}

export interface RunningRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The token server, when `token` was given. */
  tokenServer?: TokenServer;
  stop(): Promise<void>;
  /** Everything the registry printed (its access log included). */
  logs(): string;
}

export const TOKEN_SERVICE = 'crowsnest-test-registry';
export const TOKEN_ISSUER = 'crowsnest-test-issuer';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function authSection(options: StartRegistryOptions, dir: string, token: TokenServer | undefined): object {
  if (token) {
    return {
      token: {
        realm: token.realm,
        service: TOKEN_SERVICE,
        issuer: TOKEN_ISSUER,
        rootcertbundle: token.certPath,
      },
    };
  }
  if (options.htpasswd) {
    const path = join(dir, 'htpasswd');
    writeFileSync(path, htpasswdFile(options.htpasswd));
    return { htpasswd: { realm: 'crowsnest-test', path } };
  }
  return {};
}

function configYaml(options: StartRegistryOptions, dir: string, port: number, token?: TokenServer): string {
  const config: Record<string, unknown> = {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: false } },
    storage: {
      filesystem: { rootdirectory: join(dir, 'data') },
      delete: { enabled: true },
      cache: { blobdescriptor: 'inmemory' },
    },
    http: { addr: `127.0.0.1:${port}`, secret: randomBytes(16).toString('hex') },
  };
  const auth = authSection(options, dir, token);
  if (Object.keys(auth).length) config.auth = auth;
  if (options.schema1) config.compatibility = { schema1: { enabled: true } };
  if (options.notificationsUrl) {
    config.notifications = {
      events: { includereferences: true },
      endpoints: [
        { name: 'test', url: options.notificationsUrl, timeout: '2s', threshold: 5, backoff: '1s' },
      ],
    };
  }
  return stringify(config);
}

async function waitForApi(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}:\n${logs()}`);
    try {
      const response = await fetch(`${url}/v2/`);
      await response.arrayBuffer();
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  throw new Error(`docker-registry did not answer ${url}/v2/ within 15 s:\n${logs()}`);
}

/** Runs Debian's `docker-registry` (CNCF Distribution) on 127.0.0.1 with its storage in a temp dir. */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-registry-'));
  const tokenServer = options.token
    ? await startTokenServer({ dir, service: TOKEN_SERVICE, issuer: TOKEN_ISSUER, ...options.token })
    : undefined;
  const port = await freePort();
  const configPath = join(dir, 'config.yml');
  writeFileSync(configPath, configYaml(options, dir, port, tokenServer));
  let output = '';
  const child = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-1_000_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    await tokenServer?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitForApi(url, child, () => output), spawnError]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, url, ...(tokenServer ? { tokenServer } : {}), stop, logs: () => output };
}
