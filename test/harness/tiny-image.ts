import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

const run = promisify(execFile);

export interface TinyPlatform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface TinyImage {
  platform: TinyPlatform;
  manifestDigest: string;
  configDigest: string;
  layerDigests: string[];
  diffIds: string[];
  layerBytes: Buffer[];
}

export interface TinyLayout {
  dir: string;
  tag: string;
  images: TinyImage[];
  /** The digest of the nested image index when several platforms were written. */
  indexDigest?: string;
}

const sha256 = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => {
    chunks.push(chunk as Buffer);
  });
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  for (const [name, content] of Object.entries(files)) {
    archive.entry({ name, mode: 0o644, mtime: new Date(0) }, content);
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

function writeBlob(dir: string, data: Buffer | string): { digest: string; size: number } {
  const digest = sha256(data);
  writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), data);
  return { digest, size: Buffer.byteLength(data) };
}

async function writeImage(
  dir: string,
  platform: TinyPlatform,
  label: string,
): Promise<TinyImage & { size: number }> {
  const tars = [
    await tarOf({ 'etc/os-release': `ID=tiny\nVERSION_ID=${label}\n` }),
    await tarOf({ 'app/hello.txt': `hello from ${platform.architecture}\n` }),
  ];
  const gzipped = tars.map((tar) => gzipSync(tar));
  const layers = gzipped.map((data) => ({
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    ...writeBlob(dir, data),
  }));
  const config = {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    created: '2024-01-01T00:00:00Z',
    config: { Env: ['PATH=/usr/bin'], Cmd: ['/app/hello'], Labels: { 'org.example.tiny': label } },
    rootfs: { type: 'layers', diff_ids: tars.map((tar) => sha256(tar)) },
    history: [
      { created: '2024-01-01T00:00:00Z', created_by: 'ADD os-release /etc/' },
      { created: '2024-01-01T00:00:00Z', created_by: 'ENV PATH=/usr/bin', empty_layer: true },
      { created: '2024-01-01T00:00:00Z', created_by: 'COPY hello.txt /app/' },
    ],
  };
  const configBlob = writeBlob(dir, JSON.stringify(config));
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...configBlob },
    layers,
  };
  const manifestBlob = writeBlob(dir, JSON.stringify(manifest));
  return {
    platform,
    manifestDigest: manifestBlob.digest,
    size: manifestBlob.size,
    configDigest: configBlob.digest,
    layerDigests: layers.map((l) => l.digest),
    diffIds: config.rootfs.diff_ids,
    layerBytes: gzipped,
  };
}

/**
 * Writes a tiny two-layer image (or one per platform, under an image index) as an OCI layout, with a
 * history that has an `empty_layer` entry between the two layers.
 */
export async function writeTinyLayout(
  dir: string,
  tag: string,
  platforms: TinyPlatform[],
): Promise<TinyLayout> {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const images: (TinyImage & { size: number })[] = [];
  for (const platform of platforms)
    images.push(await writeImage(dir, platform, `${tag}-${platform.architecture}`));
  const refName = { 'org.opencontainers.image.ref.name': tag };
  const manifestDescriptor = (image: (typeof images)[number], withPlatform: boolean) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: image.manifestDigest,
    size: image.size,
    ...(withPlatform ? { platform: image.platform } : {}),
  });
  let top: object;
  let indexDigest: string | undefined;
  if (images.length === 1) {
    top = { ...manifestDescriptor(images[0]!, false), annotations: refName };
  } else {
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: images.map((i) => manifestDescriptor(i, true)),
    };
    const blob = writeBlob(dir, JSON.stringify(index));
    indexDigest = blob.digest;
    top = { mediaType: 'application/vnd.oci.image.index.v1+json', ...blob, annotations: refName };
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [top] }));
  return {
    dir,
    tag,
    images: images.map(({ size: _size, ...image }) => image),
    ...(indexDigest ? { indexDigest } : {}),
  };
}

export interface PushOptions {
  creds?: string;
  format?: 'oci' | 'v2s2' | 'v2s1';
  all?: boolean;
}

/** Pushes an OCI layout with skopeo (plain HTTP allowed) and returns what skopeo printed. */
export async function pushLayout(
  layout: TinyLayout,
  destination: string,
  options: PushOptions = {},
): Promise<string> {
  const args = ['--insecure-policy', 'copy', '--quiet', '--dest-tls-verify=false'];
  if (options.creds) args.push('--dest-creds', options.creds);
  else args.push('--dest-no-creds');
  if (options.format) args.push('--format', options.format);
  if (options.all) args.push('--all');
  args.push(`oci:${layout.dir}:${layout.tag}`, `docker://${destination}`);
  const env = { ...process.env, REGISTRY_AUTH_FILE: join(layout.dir, 'no-auth.json') };
  const { stdout, stderr } = await run('skopeo', args, { env });
  return stdout + stderr;
}

export interface SeededImages {
  /** OCI manifest, one platform (linux/amd64), at `test/tiny:v1`. */
  oci: TinyLayout;
  /** The same kind of image converted to Docker schema 2 by skopeo, at `test/tiny:v2s2`. */
  docker: TinyLayout;
  /** An OCI index of linux/amd64 and linux/arm64/v8 at `test/multi:v1`. */
  multi: TinyLayout;
}

/** Builds and pushes the three tiny images every registry test reads. */
export async function seedTinyImages(host: string, dir: string, creds?: string): Promise<SeededImages> {
  const amd64 = { os: 'linux', architecture: 'amd64' };
  const [oci, docker, multi] = await Promise.all([
    writeTinyLayout(join(dir, 'oci'), 'v1', [amd64]),
    writeTinyLayout(join(dir, 'docker'), 'v2s2', [amd64]),
    writeTinyLayout(join(dir, 'multi'), 'v1', [amd64, { os: 'linux', architecture: 'arm64', variant: 'v8' }]),
  ]);
  const auth = creds ? { creds } : {};
  await Promise.all([
    pushLayout(oci, `${host}/test/tiny:v1`, auth),
    pushLayout(docker, `${host}/test/tiny:v2s2`, { ...auth, format: 'v2s2' }),
    pushLayout(multi, `${host}/test/multi:v1`, { ...auth, all: true }),
  ]);
  return { oci, docker, multi };
}

/** Uploads a blob anonymously (monolithic POST + PUT). */
export async function uploadBlob(
  base: string,
  repository: string,
  data: Buffer | string,
): Promise<{ digest: string; size: number }> {
  const digest = sha256(data);
  const start = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  await start.arrayBuffer();
  const url = new URL(start.headers.get('location') ?? '', base);
  url.searchParams.set('digest', digest);
  const put = await fetch(url, {
    method: 'PUT',
    body: data,
    headers: { 'content-type': 'application/octet-stream' },
  });
  if (put.status !== 201) throw new Error(`blob upload failed: ${put.status} ${await put.text()}`);
  return { digest, size: Buffer.byteLength(data) };
}

/** PUTs a manifest or index document anonymously. */
export async function putManifest(
  base: string,
  repository: string,
  reference: string,
  document: { mediaType: string },
) {
  const body = JSON.stringify(document);
  const put = await fetch(`${base}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    body,
    headers: { 'content-type': document.mediaType },
  });
  if (put.status !== 201) throw new Error(`manifest upload failed: ${put.status} ${await put.text()}`);
  return { digest: sha256(body), size: Buffer.byteLength(body) };
}

/**
 * Pushes (anonymously, with the distribution API) an artifact whose `subject` is `subject`, and the
 * `sha256-<hex>` index that the OCI 1.1 tag schema uses to list referrers on registries without the API.
 */
export async function pushReferrerByTagSchema(
  base: string,
  repository: string,
  subject: { digest: string; size: number; mediaType: string },
  artifactType: string,
): Promise<{ digest: string; size: number }> {
  const empty = await uploadBlob(base, repository, '{}');
  const payload = await uploadBlob(base, repository, '{"spdxVersion":"SPDX-2.3"}');
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', ...empty },
    layers: [{ mediaType: 'application/spdx+json', ...payload }],
    subject,
  };
  const pushed = await putManifest(base, repository, sha256(JSON.stringify(manifest)), manifest);
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: manifest.mediaType, ...pushed, artifactType }],
  };
  await putManifest(base, repository, `sha256-${subject.digest.slice(7)}`, index);
  return pushed;
}
