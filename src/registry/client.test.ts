import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultAction, type FaultProxy, startFaultProxy } from '../../test/harness/fault-proxy.js';
import { freePort, type RunningRegistry, startRegistry } from '../../test/harness/registry.js';
import { pushReferrerByTagSchema, type SeededImages, seedTinyImages } from '../../test/harness/tiny-image.js';
import type { Digest } from '../core/digest.js';
import { AppError } from '../core/errors.js';
import { MediaType } from '../image/media-types.js';
import { RegistryClient, type RegistryClientOptions } from './client.js';
import type { RetryEvent } from './retry.js';

// Runs Debian's docker-registry (CNCF Distribution 2.8) on loopback; CI installs it from .ci/apt-packages.
const work = mkdtempSync(join(tmpdir(), 'crowsnest-client-'));
let registry: RunningRegistry;
let images: SeededImages;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  registry = await startRegistry();
  images = await seedTinyImages(registry.host, work);
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.stop()));
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

const anonymous = async () => undefined;
const fast = { attempts: 4, baseDelayMs: 1, maxDelayMs: 20 };
function client(options: RegistryClientOptions = {}): RegistryClient {
  return new RegistryClient({ credentials: anonymous, retry: fast, ...options });
}
async function proxy(
  decide: (req: import('node:http').IncomingMessage, i: number) => FaultAction | undefined,
) {
  const started = await startFaultProxy(registry.url, decide);
  proxies.push(started);
  return started;
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
async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
const sha = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

describe('RegistryClient against a real registry (anonymous)', () => {
  it('pings over plain HTTP because the host is loopback', async () => {
    expect(await client().ping(registry.host)).toEqual({
      registry: registry.host,
      origin: registry.url,
      status: 200,
      auth: 'none',
    });
  });

  it('gets an OCI manifest by tag and by digest, with the digest verified', async () => {
    const image = images.oci.images[0]!;
    const byTag = await client().getManifest({ registry: registry.host, repository: 'test/tiny', tag: 'v1' });
    expect(byTag.mediaType).toBe(MediaType.ociManifest);
    expect(byTag.digest).toBe(image.manifestDigest);
    expect(sha(byTag.bytes)).toBe(image.manifestDigest);
    const byDigest = await client().getManifest({
      registry: registry.host,
      repository: 'test/tiny',
      digest: image.manifestDigest as Digest,
    });
    expect(byDigest.bytes.equals(byTag.bytes)).toBe(true);
  });

  it('gets a Docker schema 2 manifest and an OCI index', async () => {
    const docker = await client().getManifest({
      registry: registry.host,
      repository: 'test/tiny',
      tag: 'v2s2',
    });
    expect(docker.mediaType).toBe(MediaType.dockerManifest);
    expect(docker.digest).toBe(sha(docker.bytes));
    const index = await client().getManifest({
      registry: registry.host,
      repository: 'test/multi',
      tag: 'v1',
    });
    expect(index.mediaType).toBe(MediaType.ociIndex);
    expect(index.digest).toBe(images.multi.indexDigest);
  });

  it('streams a layer blob and buffers a config blob', async () => {
    const image = images.oci.images[0]!;
    const stream = await client().openBlob(registry.host, 'test/tiny', image.layerDigests[1] as Digest);
    expect((await readAll(stream)).equals(image.layerBytes[1]!)).toBe(true);
    const config = await client().fetchBlob(
      registry.host,
      'test/tiny',
      image.configDigest as Digest,
      1 << 20,
    );
    expect(JSON.parse(config.toString()).rootfs.diff_ids).toEqual(image.diffIds);
    const capped = await caught(
      client().fetchBlob(registry.host, 'test/tiny', image.configDigest as Digest, 10),
    );
    expect(capped.code).toBe('E_LIMIT_EXCEEDED');
  });

  it("lists the catalog across the registry's own Link pages", async () => {
    const seen = await proxy(() => undefined);
    const repositories = await client().catalog(seen.host, { pageSize: 1 });
    expect(repositories.sort()).toEqual(['test/multi', 'test/tiny']);
    expect(seen.requests.filter((r) => r.url.startsWith('/v2/_catalog')).length).toBeGreaterThanOrEqual(2);
  });

  it('lists tags across Link pages and never follows a Link to another origin', async () => {
    // Distribution 2.8 ignores ?n= on tags/list, so this stub serves the pages the way paginating registries do
    const page = (tags: string[], link?: string): FaultAction => ({
      kind: 'respond',
      status: 200,
      headers: { 'content-type': 'application/json', ...(link ? { link } : {}) },
      body: JSON.stringify({ name: 'test/tiny', tags }),
    });
    const paged = await proxy((req) => {
      if (req.url === '/v2/test/tiny/tags/list?n=2')
        return page(['a', 'b'], '</v2/test/tiny/tags/list?last=b&n=2>; rel="next"');
      if (req.url === '/v2/test/tiny/tags/list?last=b&n=2') {
        return page(['c'], '<http://127.0.0.1:9/v2/test/tiny/tags/list?last=c&n=2>; rel="next"');
      }
      return undefined;
    });
    expect(await client().listTags(paged.host, 'test/tiny', { pageSize: 2 })).toEqual(['a', 'b', 'c']);
    expect(paged.requests.map((r) => r.url).filter((u) => u.includes('/tags/'))).toHaveLength(2);
    // and against the real registry, unpaginated
    expect((await client().listTags(registry.host, 'test/tiny')).sort()).toEqual(['v1', 'v2s2']);
  });

  it('refuses a manifest over maxManifestBytes', async () => {
    const error = await caught(
      client({ limits: { maxManifestBytes: 100 } }).getManifest({
        registry: registry.host,
        repository: 'test/tiny',
        tag: 'v1',
      }),
    );
    expect(error.code).toBe('E_LIMIT_EXCEEDED');
  });
});

describe('RegistryClient errors name the registry, repository and digest', () => {
  it('unknown tag → E_MANIFEST_UNKNOWN', async () => {
    const error = await caught(
      client().getManifest({ registry: registry.host, repository: 'test/tiny', tag: 'nope' }),
    );
    expect(error.code).toBe('E_MANIFEST_UNKNOWN');
    expect(error.oneLine()).toContain(`${registry.host}/test/tiny:nope`);
  });

  it('unknown repository → E_MANIFEST_UNKNOWN', async () => {
    const error = await caught(
      client().getManifest({ registry: registry.host, repository: 'no/such', tag: 'v1' }),
    );
    expect(error.code).toBe('E_MANIFEST_UNKNOWN');
  });

  it('missing blob → E_BLOB_MISSING', async () => {
    const digest = `sha256:${'0'.repeat(64)}` as Digest;
    const error = await caught(client().openBlob(registry.host, 'test/tiny', digest));
    expect(error.code).toBe('E_BLOB_MISSING');
    expect(error.oneLine()).toContain(`${registry.host}/test/tiny@${digest}`);
  });

  it('connection refused → E_REGISTRY_UNREACHABLE', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const error = await caught(client().getManifest({ registry: host, repository: 'test/tiny', tag: 'v1' }));
    expect(error.code).toBe('E_REGISTRY_UNREACHABLE');
    expect(error.message).toContain('connection refused');
    expect(error.oneLine()).toContain(host);
  });

  it('DNS failure → E_REGISTRY_UNREACHABLE', async () => {
    const error = await caught(client({ retry: { attempts: 1 } }).ping('no-such-host.invalid'));
    expect(error.code).toBe('E_REGISTRY_UNREACHABLE');
    expect(error.oneLine()).toContain('no-such-host.invalid');
  });
});

describe('RegistryClient through a fault injector in front of the registry', () => {
  it('a corrupted blob byte fails the stream with E_DIGEST_MISMATCH', async () => {
    const image = images.oci.images[0]!;
    const faulty = await proxy((req) =>
      req.url?.includes('/blobs/') ? { kind: 'pass', corruptBody: true } : undefined,
    );
    const stream = await client().openBlob(faulty.host, 'test/tiny', image.layerDigests[0] as Digest);
    const error = await caught(readAll(stream));
    expect(error.code).toBe('E_DIGEST_MISMATCH');
    expect(error.oneLine()).toContain(image.layerDigests[0]);
  });

  it('a corrupted manifest fetched by tag disagrees with Docker-Content-Digest', async () => {
    const faulty = await proxy((req) =>
      req.url?.includes('/manifests/') ? { kind: 'pass', corruptBody: true } : undefined,
    );
    const error = await caught(
      client().getManifest({ registry: faulty.host, repository: 'test/tiny', tag: 'v1' }),
    );
    expect(error.code).toBe('E_DIGEST_MISMATCH');
    expect(error.message).toContain('Docker-Content-Digest');
  });

  it('retries 503 and 429, honouring Retry-After up to maxDelayMs', async () => {
    const events: RetryEvent[] = [];
    let served = 0;
    const flaky = await proxy((req) => {
      if (!req.url?.includes('/manifests/')) return undefined;
      served++;
      if (served === 1) return { kind: 'respond', status: 503 };
      if (served === 2) return { kind: 'respond', status: 429, headers: { 'retry-after': '1' } };
      return undefined;
    });
    const result = await client({ onRetry: (e) => events.push(e) }).getManifest({
      registry: flaky.host,
      repository: 'test/tiny',
      tag: 'v1',
    });
    expect(result.digest).toBe(images.oci.images[0]!.manifestDigest);
    expect(events.map((e) => e.reason)).toEqual(['HTTP 503', 'HTTP 429']);
    expect(events[0]!.delayMs).toBeLessThanOrEqual(1);
    expect(events[1]!.delayMs).toBe(20); // Retry-After: 1 s, capped by maxDelayMs
  });

  it('retries a reset connection', async () => {
    let resets = 0;
    const flaky = await proxy((req) =>
      req.url?.includes('/blobs/') && resets++ === 0 ? { kind: 'reset' } : undefined,
    );
    const events: RetryEvent[] = [];
    const image = images.oci.images[0]!;
    const stream = await client({ onRetry: (e) => events.push(e) }).openBlob(
      flaky.host,
      'test/tiny',
      image.layerDigests[0] as Digest,
    );
    expect((await readAll(stream)).equals(image.layerBytes[0]!)).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]!.reason).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
  });

  it('a connection dropped mid-body: a stream fails with E_REGISTRY_UNREACHABLE, fetchBlob re-reads', async () => {
    const image = images.oci.images[0]!;
    let drops = 0;
    const flaky = await proxy((req) =>
      req.url?.includes('/blobs/') && drops++ < 1 ? { kind: 'pass', truncateAfter: 20 } : undefined,
    );
    const layer = image.layerDigests[0] as Digest;
    const error = await caught(readAll(await client().openBlob(flaky.host, 'test/tiny', layer)));
    expect(error.code).toBe('E_REGISTRY_UNREACHABLE');
    expect(error.message).toContain('broke while reading');
    expect(error.oneLine()).toContain(layer);
    drops = 0;
    const whole = await client().fetchBlob(flaky.host, 'test/tiny', layer, 1 << 20);
    expect(whole.equals(image.layerBytes[0]!)).toBe(true);
    expect(drops).toBe(2);
  });

  it('gives up after the configured attempts with E_REGISTRY_RESPONSE', async () => {
    const down = await proxy((req) =>
      req.url?.includes('/manifests/') ? { kind: 'respond', status: 502 } : undefined,
    );
    const error = await caught(
      client({ retry: { ...fast, attempts: 3 } }).getManifest({
        registry: down.host,
        repository: 'test/tiny',
        tag: 'v1',
      }),
    );
    expect(error.code).toBe('E_REGISTRY_RESPONSE');
    expect(error.message).toContain('HTTP 502');
    expect(down.requests.filter((r) => r.url.includes('/manifests/'))).toHaveLength(3);
  });

  it('does not retry a 404', async () => {
    const seen = await proxy(() => undefined);
    await caught(client().getManifest({ registry: seen.host, repository: 'test/tiny', tag: 'nope' }));
    expect(seen.requests.filter((r) => r.url.includes('/manifests/'))).toHaveLength(1);
  });

  it('stops after 5 redirects', async () => {
    const looping = await proxy((req) =>
      req.url?.includes('/blobs/')
        ? { kind: 'respond', status: 302, headers: { location: req.url } }
        : undefined,
    );
    const error = await caught(
      client().openBlob(looping.host, 'test/tiny', images.oci.images[0]!.layerDigests[0] as Digest),
    );
    expect(error.code).toBe('E_REGISTRY_RESPONSE');
    expect(error.message).toContain('redirects');
  });

  it('finds referrers through the OCI 1.1 referrers API', async () => {
    const subject = images.oci.images[0]!.manifestDigest;
    const referrer = {
      mediaType: MediaType.ociManifest,
      digest: `sha256:${'a'.repeat(64)}`,
      size: 10,
      artifactType: 'application/vnd.example.sbom',
    };
    const api = await proxy((req) =>
      req.url?.includes('/referrers/')
        ? {
            kind: 'respond',
            status: 200,
            headers: { 'content-type': MediaType.ociIndex },
            body: JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [referrer] }),
          }
        : undefined,
    );
    const found = await client().referrers(api.host, 'test/tiny', subject as Digest);
    expect(found).toEqual([referrer]);
    expect(
      await client().referrers(api.host, 'test/tiny', subject as Digest, { artifactType: 'other' }),
    ).toEqual([]);
  });

  it('finds no referrers when neither the API nor the fallback tag exists', async () => {
    const subject = images.oci.images[0]!.manifestDigest as Digest;
    expect(await client().referrers(registry.host, 'test/tiny', subject)).toEqual([]);
  });

  it('finds referrers through the sha256-<hex> tag schema on a registry without the API', async () => {
    // Distribution 2.8 answers 404 on /referrers/, so the client must fall back to the tag schema
    const subject = await client().getManifest({
      registry: registry.host,
      repository: 'test/multi',
      tag: 'v1',
    });
    const pushed = await pushReferrerByTagSchema(
      registry.url,
      'test/multi',
      { digest: subject.digest, size: subject.bytes.length, mediaType: subject.mediaType },
      'application/spdx+json',
    );
    const found = await client().referrers(registry.host, 'test/multi', subject.digest);
    expect(found).toEqual([
      { mediaType: MediaType.ociManifest, ...pushed, artifactType: 'application/spdx+json' },
    ]);
    expect(
      await client().referrers(registry.host, 'test/multi', subject.digest, { artifactType: 'x/y' }),
    ).toEqual([]);
  });
});

// Plain HTTP to a non-loopback host needs an address that is not loopback: this machine's own LAN address.
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address;
if (!lanAddress)
  console.warn('skipping the insecure-registry tests: this machine has no non-loopback IPv4 address');

describe.skipIf(!lanAddress)('plain HTTP to a non-loopback registry', () => {
  it('is refused with E_REGISTRY_INSECURE unless listed in insecureRegistries', async () => {
    const lan = await startFaultProxy(registry.url, () => undefined, '0.0.0.0');
    proxies.push(lan);
    const host = `${lanAddress}:${lan.host.split(':')[1]}`;
    const error = await caught(client().getManifest({ registry: host, repository: 'test/tiny', tag: 'v1' }));
    expect(error.code).toBe('E_REGISTRY_INSECURE');
    expect(error.hint).toContain(`--insecure-registry ${host}`);
    const allowed = await client({ insecureRegistries: [host] }).getManifest({
      registry: host,
      repository: 'test/tiny',
      tag: 'v1',
    });
    expect(allowed.digest).toBe(images.oci.images[0]!.manifestDigest);
  });

  it('refuses a redirect from a loopback registry to a plain-HTTP non-loopback origin', async () => {
    const lan = await startFaultProxy(registry.url, () => undefined, '0.0.0.0');
    const front = await proxy((req) =>
      req.url?.includes('/blobs/')
        ? {
            kind: 'respond',
            status: 307,
            headers: { location: `http://${lanAddress}:${lan.host.split(':')[1]}${req.url}` },
          }
        : undefined,
    );
    proxies.push(lan);
    const error = await caught(
      client().openBlob(front.host, 'test/tiny', images.oci.images[0]!.layerDigests[0] as Digest),
    );
    expect(error.code).toBe('E_REGISTRY_INSECURE');
  });
});
