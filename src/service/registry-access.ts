import { AppError } from '../core/errors.js';
import { RegistryClient } from '../registry/client.js';
import type { Credentials } from '../registry/credentials.js';
import type { RegistryRecord } from '../store/types.js';
import type { SecretBox } from './secrets.js';

export interface RegistryAccess {
  /** `host[:port]` as image references name the registry. */
  host: string;
  client: RegistryClient;
}

/** `http(s)://host[:port]` → `host[:port]`, refusing paths and other schemes. */
export function registryHost(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('E_REQUEST_INVALID', 'the registry URL is not a URL', {
      where: url,
      hint: 'write it as https://host[:port]',
    });
  }
  if (
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
    (parsed.pathname !== '/' && parsed.pathname !== '')
  ) {
    throw new AppError('E_REQUEST_INVALID', 'the registry URL must be http(s)://host[:port] with no path', {
      where: url,
    });
  }
  return parsed.host;
}

/** Decrypts the stored credentials (undefined = anonymous). */
export function registryCredentials(record: RegistryRecord, secrets: SecretBox): Credentials | undefined {
  if (!record.credentialsSealed) return undefined;
  const parsed = JSON.parse(secrets.open(record.credentialsSealed)) as Credentials;
  return parsed.username || parsed.password ? parsed : undefined;
}

/**
 * A registry client speaking for one stored registry: its own credentials only (never the server user's
 * Docker config), plain HTTP only when the registry was registered with an http:// URL.
 */
export function registryAccess(record: RegistryRecord, secrets: SecretBox): RegistryAccess {
  const host = registryHost(record.url);
  const credentials = registryCredentials(record, secrets);
  const client = new RegistryClient({
    credentials: async (registry) => (registry === host ? credentials : undefined),
    insecureRegistries: record.url.startsWith('http://') ? [host] : [],
  });
  return { host, client };
}
