import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../test/harness/fault-proxy.js';
import { type RunningRegistry, startRegistry } from '../../test/harness/registry.js';
import { type SeededImages, seedTinyImages } from '../../test/harness/tiny-image.js';
import type { Digest } from '../core/digest.js';
import { AppError } from '../core/errors.js';
import { Authenticator } from './auth.js';
import { RegistryClient, type RegistryClientOptions } from './client.js';
import { type Credentials, dockerCredentialStore } from './credentials.js';
import { Transport } from './transport.js';

// Two real Distribution registries on loopback: one with htpasswd (Basic), one with token (Bearer) auth.
const work = mkdtempSync(join(tmpdir(), 'crowsnest-auth-'));
const users = { alice: 'secret' };
let basic: RunningRegistry;
let bearer: RunningRegistry;
let basicImages: SeededImages;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  [basic, bearer] = await Promise.all([
    startRegistry({ htpasswd: users }),
    startRegistry({ token: { users, identityTokens: { 'refresh-abc': 'alice' } } }),
  ]);
  [basicImages] = await Promise.all([
    seedTinyImages(basic.host, join(work, 'basic'), 'alice:secret'),
    seedTinyImages(bearer.host, join(work, 'bearer'), 'alice:secret'),
  ]);
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.stop()));
  await Promise.all([basic?.stop(), bearer?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 10 };
const creds = (value: Credentials | undefined) => async () => value;
const alice = creds({ username: 'alice', password: 'secret' });
function client(credentials: RegistryClientOptions['credentials']): RegistryClient {
  return new RegistryClient({ credentials, retry: fast });
}
async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, got success');
}
const tiny = (host: string) => ({ registry: host, repository: 'test/tiny', tag: 'v1' });

describe('Basic auth (htpasswd)', () => {
  it('pulls with credentials', async () => {
    const result = await client(alice).getManifest(tiny(basic.host));
    expect(result.digest).toBe(basicImages.oci.images[0]!.manifestDigest);
    expect(await client(alice).ping(basic.host)).toMatchObject({ status: 401, auth: 'basic' });
  });

  it('without credentials → E_REGISTRY_AUTH pointing at docker login', async () => {
    const error = await caught(client(creds(undefined)).getManifest(tiny(basic.host)));
    expect(error.code).toBe('E_REGISTRY_AUTH');
    expect(error.message).toBe(`${basic.host} requires authentication to test/tiny`);
    expect(error.hint).toContain(`docker login ${basic.host}`);
    expect(error.hint).toContain('config.json');
  });

  it('with a wrong password → E_REGISTRY_AUTH saying the credentials were rejected', async () => {
    const error = await caught(
      client(creds({ username: 'alice', password: 'wrong' })).getManifest(tiny(basic.host)),
    );
    expect(error.code).toBe('E_REGISTRY_AUTH');
    expect(error.message).toContain('rejected the credentials');
  });

  it('drops Authorization when a blob redirect leaves the registry origin', async () => {
    // "storage" is another loopback origin standing in for blob storage behind a signed URL: it records what
    // it receives and fetches from the registry with its own credentials
    const basicAuth = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
    const storage = await startFaultProxy(basic.url, () => ({
      kind: 'pass',
      requestHeaders: { authorization: basicAuth },
    }));
    const front = await startFaultProxy(basic.url, (req) =>
      req.url?.includes('/blobs/') && req.headers.authorization
        ? { kind: 'respond', status: 307, headers: { location: `${storage.url}${req.url}` } }
        : undefined,
    );
    proxies.push(storage, front);
    const layer = basicImages.oci.images[0]!.layerDigests[0] as Digest;
    const stream = await client(alice).openBlob(front.host, 'test/tiny', layer);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(basicImages.oci.images[0]!.layerBytes[0]!)).toBe(true);
    expect(front.requests.find((r) => r.url.includes('/blobs/'))?.headers.authorization).toBe(basicAuth);
    expect(storage.requests).toHaveLength(1);
    expect(storage.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe('Bearer token auth', () => {
  it('pulls with credentials, reusing one token per scope', async () => {
    const server = bearer.tokenServer!;
    const before = server.requests.length;
    const c = client(alice);
    const manifest = await c.getManifest(tiny(bearer.host));
    const parsed = JSON.parse(manifest.bytes.toString()) as { layers: { digest: Digest }[] };
    await c.fetchBlob(bearer.host, 'test/tiny', parsed.layers[0]!.digest, 1 << 20);
    await c.getManifest({ ...tiny(bearer.host), tag: 'v2s2' });
    const made = server.requests.slice(before);
    expect(made).toEqual([
      { method: 'GET', user: 'alice', scopes: ['repository:test/tiny:pull'], status: 200 },
    ]);
  });

  it('shares one token among parallel requests', async () => {
    const server = bearer.tokenServer!;
    const before = server.requests.length;
    const c = client(alice);
    await Promise.all(Array.from({ length: 5 }, () => c.getManifest(tiny(bearer.host))));
    expect(server.requests.length - before).toBe(1);
  });

  it('renews a cached token once it expires (token lifetime 300 s here)', async () => {
    const server = bearer.tokenServer!;
    let clock = Date.now();
    const auth = new Authenticator(new Transport(), alice, () => clock);
    const scope = 'repository:test/tiny:pull';
    const before = server.requests.length;
    const first = await auth.authorize(bearer.host, scope);
    clock += 200_000;
    expect(await auth.authorize(bearer.host, scope)).toBe(first);
    expect(server.requests.length - before).toBe(1);
    clock += 100_000; // 300 s after issue: inside the renewal margin
    const renewed = await auth.authorize(bearer.host, scope);
    expect(renewed).toMatch(/^Bearer /);
    expect(renewed).not.toBe(first);
    expect(server.requests.length - before).toBe(2);
    // a different scope is a different token
    await auth.authorize(bearer.host, 'repository:test/multi:pull');
    expect(server.requests.length - before).toBe(3);
  });

  it('lists the catalog with the registry:catalog:* scope', async () => {
    expect((await client(alice).catalog(bearer.host)).sort()).toEqual(['test/multi', 'test/tiny']);
  });

  it('exchanges an identity token with the OAuth2 refresh-token POST', async () => {
    const server = bearer.tokenServer!;
    const before = server.requests.length;
    await client(creds({ identityToken: 'refresh-abc' })).getManifest(tiny(bearer.host));
    expect(server.requests.slice(before)).toEqual([
      { method: 'POST', user: 'alice', scopes: ['repository:test/tiny:pull'], status: 200 },
    ]);
  });

  it('anonymous → E_REGISTRY_AUTH (the token grants nothing)', async () => {
    const error = await caught(client(creds(undefined)).getManifest(tiny(bearer.host)));
    expect(error.code).toBe('E_REGISTRY_AUTH');
    expect(error.message).toContain('requires authentication');
  });

  it('a token server refusing the password → E_REGISTRY_AUTH', async () => {
    const error = await caught(
      client(creds({ username: 'alice', password: 'nope' })).getManifest(tiny(bearer.host)),
    );
    expect(error.code).toBe('E_REGISTRY_AUTH');
    expect(error.message).toContain('rejected the credentials');
  });

  it('fetches a fresh token when the registry answers 401 to a cached one', async () => {
    let refused = 0;
    const challenge = `Bearer realm="${bearer.tokenServer!.realm}",service="crowsnest-test-registry",scope="repository:test/tiny:pull",error="invalid_token"`;
    const front = await startFaultProxy(bearer.url, (req) =>
      req.url?.includes('/manifests/') && req.headers.authorization && refused++ === 0
        ? { kind: 'respond', status: 401, headers: { 'www-authenticate': challenge } }
        : undefined,
    );
    proxies.push(front);
    const before = bearer.tokenServer!.requests.length;
    await client(alice).getManifest(tiny(front.host));
    expect(refused).toBe(2);
    expect(bearer.tokenServer!.requests.length - before).toBe(2);
    const sent = front.requests
      .filter((r) => r.url.includes('/manifests/'))
      .map((r) => r.headers.authorization);
    expect(sent).toHaveLength(2);
    expect(sent[0]).not.toBe(sent[1]);
  });
});

describe('credentials from a Docker config directory', () => {
  const home = join(work, 'docker-config');
  const bin = join(work, 'bin');
  beforeAll(() => {
    mkdirSync(home, { recursive: true });
    mkdirSync(bin, { recursive: true });
    const helper = join(bin, 'docker-credential-crowsnesttest');
    writeFileSync(
      helper,
      '#!/bin/sh\nread server\n[ "$1" = get ] || exit 2\n' +
        `[ "$server" = "${bearer.host}" ] && { echo '{"ServerURL":"'$server'","Username":"alice","Secret":"secret"}'; exit 0; }\n` +
        'echo "credentials not found in native keychain"; exit 1\n',
    );
    chmodSync(helper, 0o755);
  });

  it('reads auths (base64 user:password) for the Basic registry', async () => {
    const auth = Buffer.from('alice:secret').toString('base64');
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({ auths: { [`https://${basic.host}`]: { auth } } }),
    );
    const result = await client(dockerCredentialStore({ configDir: home })).getManifest(tiny(basic.host));
    expect(result.digest).toBe(basicImages.oci.images[0]!.manifestDigest);
  });

  it('asks credHelpers[host] through docker-credential-crowsnesttest on PATH', async () => {
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({ credHelpers: { [bearer.host]: 'crowsnesttest' } }),
    );
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    const manifest = await client(dockerCredentialStore({ configDir: home, env })).getManifest(
      tiny(bearer.host),
    );
    expect(manifest.mediaType).toContain('manifest');
  });
});
