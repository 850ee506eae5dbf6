import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../../../test/harness/fault-proxy.js';
import { type RunningRegistry, startRegistry } from '../../../test/harness/registry.js';
import {
  pushLayout,
  putManifest,
  type SeededImages,
  seedTinyImages,
  uploadBlob,
  writeTinyLayout,
} from '../../../test/harness/tiny-image.js';
import { AppError } from '../../core/errors.js';
import { RegistryClient } from '../../registry/client.js';
import { MediaType } from '../media-types.js';
import { hostPlatform } from '../platform.js';
import { parseReference } from '../reference.js';
import type { Image } from '../types.js';
import { openRegistryImage } from './registry.js';

// A real Distribution registry on loopback (schema-1 pushes enabled so a genuine schema-1 manifest exists).
const work = mkdtempSync(join(tmpdir(), 'crowsnest-regimage-'));
let registry: RunningRegistry;
let images: SeededImages;

beforeAll(async () => {
  registry = await startRegistry({ schema1: true });
  images = await seedTinyImages(registry.host, work);
  const legacy = await writeTinyLayout(join(work, 'legacy'), 'old', [{ os: 'linux', architecture: 'amd64' }]);
  await pushLayout(legacy, `${registry.host}/test/legacy:old`, { format: 'v2s1' });
});
afterAll(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

const client = () =>
  new RegistryClient({ credentials: async () => undefined, retry: { attempts: 2, baseDelayMs: 1 } });
const open = (text: string, platform?: { os: string; architecture: string; variant?: string }) =>
  openRegistryImage(parseReference(text), { client: client(), ...(platform ? { platform } : {}) });
async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, got success');
}
async function layerBytes(image: Image, index: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await image.openLayer(index)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('openRegistryImage', () => {
  it('opens an OCI image: config, layers with aligned history, digests, source', async () => {
    const expected = images.oci.images[0]!;
    const image = await open(`${registry.host}/test/tiny:v1`);
    expect(image.source).toEqual({
      kind: 'registry',
      location: `${registry.host}/test/tiny:v1`,
      reference: `${registry.host}/test/tiny:v1`,
    });
    expect(image.manifestDigest).toBe(expected.manifestDigest);
    expect(image.indexDigest).toBeUndefined();
    expect(image.repoDigests).toEqual([`${registry.host}/test/tiny@${expected.manifestDigest}`]);
    expect(image.manifest?.mediaType).toBe(MediaType.ociManifest);
    expect(image.configDigest).toBe(expected.configDigest);
    expect(image.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(image.config.config?.Labels).toEqual({ 'org.example.tiny': 'v1-amd64' });
    // history has an empty_layer (ENV) entry between the two layers: it must be skipped
    expect(image.layers.map((l) => [l.index, l.digest, l.diffId, l.history?.created_by])).toEqual([
      [0, expected.layerDigests[0], expected.diffIds[0], 'ADD os-release /etc/'],
      [1, expected.layerDigests[1], expected.diffIds[1], 'COPY hello.txt /app/'],
    ]);
    expect((await layerBytes(image, 1)).equals(expected.layerBytes[1]!)).toBe(true);
    await image.close();
  });

  it('opens a Docker schema 2 image', async () => {
    const image = await open(`${registry.host}/test/tiny:v2s2`);
    expect(image.manifest?.mediaType).toBe(MediaType.dockerManifest);
    expect(image.layers.map((l) => l.mediaType)).toEqual([
      MediaType.dockerLayerGzip,
      MediaType.dockerLayerGzip,
    ]);
    expect(image.layers.map((l) => l.diffId)).toEqual(images.docker.images[0]!.diffIds);
  });

  it('chooses the platform from an index and records the index and its platforms', async () => {
    const arm = images.multi.images[1]!;
    const image = await open(`${registry.host}/test/multi:v1`, { os: 'linux', architecture: 'arm64' });
    expect(image.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(image.manifestDigest).toBe(arm.manifestDigest);
    expect(image.indexDigest).toBe(images.multi.indexDigest);
    expect(image.platforms).toEqual([
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ]);
    expect(image.repoDigests).toEqual([`${registry.host}/test/multi@${images.multi.indexDigest}`]);
    expect((await layerBytes(image, 1)).equals(arm.layerBytes[1]!)).toBe(true);
  });

  it.skipIf(!['amd64', 'arm64'].includes(hostPlatform().architecture))(
    'defaults to the host platform',
    async () => {
      const image = await open(`${registry.host}/test/multi:v1`);
      expect(image.platform.architecture).toBe(hostPlatform().architecture);
    },
  );

  it('opens by digest (an index digest, then a platform chosen)', async () => {
    const image = await open(`${registry.host}/test/multi@${images.multi.indexDigest}`, {
      os: 'linux',
      architecture: 'amd64',
    });
    expect(image.manifestDigest).toBe(images.multi.images[0]!.manifestDigest);
    expect(image.source.reference).toBe(`${registry.host}/test/multi@${images.multi.indexDigest}`);
  });

  it('lists the offered platforms when none matches', async () => {
    const error = await caught(
      open(`${registry.host}/test/multi:v1`, { os: 'linux', architecture: 's390x' }),
    );
    expect(error.code).toBe('E_PLATFORM_NOT_FOUND');
    expect(error.oneLine()).toContain('linux/amd64, linux/arm64/v8');
  });

  it('refuses a real schema-1 manifest with a clear message', async () => {
    const error = await caught(open(`${registry.host}/test/legacy:old`));
    expect(error.code).toBe('E_MANIFEST_UNSUPPORTED');
    expect(error.message).toContain('schema 1');
    expect(error.where).toContain('test/legacy:old');
  });

  it('refuses a layer with an unsupported media type, naming its digest', async () => {
    const config = await uploadBlob(
      registry.url,
      'test/odd',
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [`sha256:${'1'.repeat(64)}`] },
      }),
    );
    const layer = await uploadBlob(registry.url, 'test/odd', 'not a tar');
    await putManifest(registry.url, 'test/odd', 'v1', {
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: MediaType.ociConfig, ...config },
      layers: [{ mediaType: 'application/vnd.example.weights', ...layer }],
    } as { mediaType: string });
    const error = await caught(open(`${registry.host}/test/odd:v1`));
    expect(error.code).toBe('E_LAYER_UNSUPPORTED');
    expect(error.message).toContain('application/vnd.example.weights');
    expect(error.where).toBe(layer.digest);
  });

  it('unknown tag → E_MANIFEST_UNKNOWN', async () => {
    const error = await caught(open(`${registry.host}/test/tiny:missing`));
    expect(error.code).toBe('E_MANIFEST_UNKNOWN');
  });

  it('a layer corrupted in transit fails its stream with E_DIGEST_MISMATCH', async () => {
    const injector = await startFaultProxy(registry.url, (req) =>
      req.url?.includes(images.oci.images[0]!.layerDigests[0]!)
        ? { kind: 'pass', corruptBody: true }
        : undefined,
    );
    try {
      const image = await open(`${injector.host}/test/tiny:v1`);
      const error = await caught(layerBytes(image, 0));
      expect(error.code).toBe('E_DIGEST_MISMATCH');
      expect((await layerBytes(image, 1)).equals(images.oci.images[0]!.layerBytes[1]!)).toBe(true);
    } finally {
      await injector.stop();
    }
  });
});
