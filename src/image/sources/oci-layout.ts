import { stat } from 'node:fs/promises';
import { AppError } from '../../core/errors.js';
import { parseManifestDocument } from '../manifest.js';
import type { Image, ImageSourceInfo } from '../types.js';
import { openArchiveFile } from './archive-file.js';
import { type BlobStore, directoryBlobStore, tarBlobStore } from './blob-store.js';
import { chooseLayoutEntry, imageFromDescriptor, type ResolveOptions, refNameOf } from './layout-image.js';

export interface LayoutOptions extends ResolveOptions {
  /** The image to take when the layout holds several: a ref name or a manifest digest. */
  ref?: string;
}

async function openFromStore(
  store: BlobStore,
  kind: ImageSourceInfo['kind'],
  options: LayoutOptions,
): Promise<Image> {
  const where = store.location;
  const marker = await store.readFile('oci-layout', 4096);
  if (!marker) {
    throw new AppError('E_LAYOUT_INVALID', 'not an OCI image layout: the oci-layout file is missing', {
      where,
      hint:
        kind === 'oci-archive'
          ? 'for a docker save tar use archive://'
          : 'point oci-dir:// at the folder holding oci-layout and index.json',
    });
  }
  const indexBytes = await store.readFile('index.json', options.limits.maxManifestBytes);
  if (!indexBytes) throw new AppError('E_LAYOUT_INVALID', 'the OCI layout has no index.json', { where });
  const parsed = parseManifestDocument(
    indexBytes,
    'application/vnd.oci.image.index.v1+json',
    `${where} index.json`,
  );
  if (parsed.kind !== 'index')
    throw new AppError('E_LAYOUT_INVALID', 'index.json is not an image index', { where });
  const descriptor = chooseLayoutEntry(parsed.index.manifests, options.ref, where);
  const name = refNameOf(descriptor);
  return imageFromDescriptor(
    store,
    descriptor,
    { kind, location: where, ...(name ? { reference: name } : {}) },
    options,
    parsed.index.manifests,
  );
}

export async function openOciLayout(dir: string, options: LayoutOptions): Promise<Image> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new AppError('E_INPUT_NOT_FOUND', `no directory ${dir}`, {
      hint: 'oci-dir:// takes an OCI layout folder',
    });
  }
  return openFromStore(directoryBlobStore(dir), 'oci-layout', options);
}

export async function openOciArchive(file: string, options: LayoutOptions): Promise<Image> {
  const archive = await openArchiveFile(file, 'OCI archive');
  try {
    const image = await openFromStore(tarBlobStore(archive.path, archive.members), 'oci-archive', options);
    return { ...image, source: { ...image.source, location: file }, close: archive.close };
  } catch (error) {
    await archive.close();
    throw error;
  }
}
