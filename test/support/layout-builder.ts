import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pack } from 'tar-stream';
import { type Digest, sha256 } from '../../src/core/digest.js';
import type { MemoryLayer } from './layers.js';

export interface LayoutSpec {
  layers: MemoryLayer[];
  /** Changes applied to the config object before it is written. */
  config?: (config: Record<string, unknown>) => unknown;
  /** Changes applied to the manifest object before it is written. */
  manifest?: (manifest: Record<string, unknown>) => unknown;
  /** Replaces the bytes of the manifest blob (for invalid JSON). */
  manifestBytes?: Buffer;
  /** Layer indexes whose blob is not written (missing blobs). */
  omitLayers?: number[];
  /** Layer indexes whose blob gets one byte flipped after the digest was computed. */
  corruptLayers?: number[];
  refName?: string;
  platform?: { os: string; architecture: string; variant?: string };
}

export interface BuiltLayout {
  files: Map<string, Buffer>;
  manifestDigest: Digest;
}

/** Builds the files of an OCI image layout in memory: real structure, with optional defects for tests. */
export function buildLayout(spec: LayoutSpec): BuiltLayout {
  const files = new Map<string, Buffer>();
  const put = (data: Buffer): { digest: Digest; size: number } => {
    const digest = sha256(data);
    files.set(`blobs/sha256/${digest.slice(7)}`, data);
    return { digest, size: data.length };
  };
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  const baseConfig: Record<string, unknown> = {
    ...platform,
    created: '2024-01-01T00:00:00Z',
    config: { User: '1000', Cmd: ['sh'], Labels: { maintainer: 'tests' } },
    rootfs: { type: 'layers', diff_ids: spec.layers.map((l) => l.diffId) },
    history: spec.layers.map((_, i) => ({ created: '2024-01-01T00:00:00Z', created_by: `layer ${i}` })),
  };
  const config = Buffer.from(JSON.stringify(spec.config ? spec.config(baseConfig) : baseConfig));
  const layerDescriptors = spec.layers.map((layer, index) => {
    const digest = sha256(layer.blob);
    const blob = spec.corruptLayers?.includes(index) ? flipByte(layer.blob) : layer.blob;
    if (!spec.omitLayers?.includes(index)) files.set(`blobs/sha256/${digest.slice(7)}`, blob);
    return {
      mediaType: layer.mediaType ?? 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest,
      size: layer.blob.length,
    };
  });
  const baseManifest: Record<string, unknown> = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...put(config) },
    layers: layerDescriptors,
  };
  const manifestBytes =
    spec.manifestBytes ??
    Buffer.from(JSON.stringify(spec.manifest ? spec.manifest(baseManifest) : baseManifest));
  const manifest = put(manifestBytes);
  files.set('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
  const annotations = { 'org.opencontainers.image.ref.name': spec.refName ?? 'latest' };
  files.set(
    'index.json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations }],
      }),
    ),
  );
  return { files, manifestDigest: manifest.digest };
}

function flipByte(data: Buffer): Buffer {
  const copy = Buffer.from(data);
  const at = Math.floor(copy.length / 2);
  copy[at] = copy[at]! ^ 0xff;
  return copy;
}

export async function writeLayoutDir(dir: string, layout: BuiltLayout): Promise<string> {
  for (const [name, data] of layout.files) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), data);
  }
  return dir;
}

/** Writes files as a tar (an OCI archive, or a docker save archive when given its files). */
export async function writeTarFile(file: string, files: Map<string, Buffer>): Promise<string> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  for (const [name, data] of files)
    archive.entry({ name, size: data.length, mode: 0o644, mtime: new Date(0) }, data);
  archive.finalize();
  await done;
  await writeFile(file, Buffer.concat(chunks));
  return file;
}
