import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { helperGet } from './credential-helper.js';

/** What a registry login yields: a user and password, or an identity (refresh) token for the token server. */
export interface Credentials {
  username?: string;
  password?: string;
  identityToken?: string;
}

/** Looks up the credentials for a registry (`docker.io`, `localhost:5000`); undefined = anonymous. */
export type CredentialLookup = (registry: string) => Promise<Credentials | undefined>;

export interface DockerConfigOptions {
  /** Directory holding config.json; default `$DOCKER_CONFIG` or `~/.docker`. */
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  /** How long a credential helper may take. */
  helperTimeoutMs?: number;
}

/** Docker Hub's credentials live under its v1 index URL, for historical reasons. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';
const hubHosts = ['index.docker.io', 'docker.io', 'registry-1.docker.io'];

const authEntry = z
  .object({
    auth: z.string().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    identitytoken: z.string().optional(),
  })
  .passthrough();
const configSchema = z
  .object({
    auths: z.record(z.string(), authEntry).optional(),
    credsStore: z.string().optional(),
    credHelpers: z.record(z.string(), z.string()).optional(),
  })
  .passthrough();
type DockerConfig = z.infer<typeof configSchema>;

export function dockerConfigPath(options: DockerConfigOptions = {}): string {
  const env = options.env ?? process.env;
  const dir = options.configDir ?? env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');
  return join(dir, 'config.json');
}

async function readDockerConfig(path: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined; // no config: anonymous
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('E_CREDENTIALS', `Docker config is not valid JSON: ${(error as Error).message}`, {
      where: path,
      hint: 'fix or remove the file',
    });
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('E_CREDENTIALS', 'Docker config has an unexpected shape', {
      where: path,
      hint: 'auths must map registries to {auth} or {username, password}; credHelpers must map hosts to names',
    });
  }
  return parsed.data;
}

/** `https://index.docker.io/v1/` → `index.docker.io`; `localhost:5000` stays. */
function keyHost(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/.*$/, '');
}

function candidateHosts(registry: string): string[] {
  const host = registry.toLowerCase();
  return hubHosts.includes(host) ? hubHosts : [host];
}

function findKey<T>(record: Record<string, T> | undefined, registry: string): T | undefined {
  if (!record) return undefined;
  const wanted = candidateHosts(registry);
  const key = Object.keys(record).find((k) => wanted.includes(keyHost(k)));
  return key === undefined ? undefined : record[key];
}

function fromAuthEntry(
  entry: z.infer<typeof authEntry>,
  path: string,
  registry: string,
): Credentials | undefined {
  let { username, password } = entry;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new AppError('E_CREDENTIALS', `the "auth" entry for ${registry} is not base64 of user:password`, {
        where: path,
        hint: `log in again with "docker login ${registry}"`,
      });
    }
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  if (entry.identitytoken) return { ...(username ? { username } : {}), identityToken: entry.identitytoken };
  if (username === undefined && password === undefined) return undefined;
  return { username: username ?? '', password: password ?? '' };
}

/** The server URL a credential helper is asked about: Docker Hub's legacy key, or the host as written. */
export function helperServerUrl(registry: string): string {
  return hubHosts.includes(registry.toLowerCase()) ? DOCKER_HUB_AUTH_KEY : registry;
}

/**
 * Credentials for one registry from Docker's config.json, the way the docker CLI finds them:
 * `credHelpers[host]`, else `credsStore`, else the `auths` entry (also consulted when a helper has none).
 */
export async function dockerCredentials(
  registry: string,
  options: DockerConfigOptions = {},
): Promise<Credentials | undefined> {
  const path = dockerConfigPath(options);
  const config = await readDockerConfig(path);
  if (!config) return undefined;
  const helper = findKey(config.credHelpers, registry) ?? config.credsStore;
  if (helper) {
    const found = await helperGet(helper, helperServerUrl(registry), registry, {
      ...(options.helperTimeoutMs !== undefined ? { timeoutMs: options.helperTimeoutMs } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    if (found) {
      // "<token>" as the user name marks an identity token, as docker-credential-helpers define it
      return found.username === '<token>'
        ? { identityToken: found.secret }
        : { username: found.username, password: found.secret };
    }
  }
  const entry = findKey(config.auths, registry);
  return entry ? fromAuthEntry(entry, path, registry) : undefined;
}

/** A lookup over Docker's config.json that asks each registry once per process. */
export function dockerCredentialStore(options: DockerConfigOptions = {}): CredentialLookup {
  const cache = new Map<string, Promise<Credentials | undefined>>();
  return (registry) => {
    let pending = cache.get(registry);
    if (!pending) {
      pending = dockerCredentials(registry, options);
      cache.set(registry, pending);
      pending.catch(() => cache.delete(registry));
    }
    return pending;
  };
}
