import type { Digest } from '../../core/digest.js';
import { sha256 } from '../../core/digest.js';
import { AppError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import {
  type AttestationReader,
  findAttestations,
  layoutReferrers,
  parseAttestationManifest,
} from '../attestations.js';
import {
  checkLayersMatchConfig,
  type ImageManifest,
  parseImageConfig,
  parseManifestDocument,
} from '../manifest.js';
import { isLayerMediaType } from '../media-types.js';
import { hostPlatform, isAttestationDescriptor, selectPlatform } from '../platform.js';
import type { Descriptor, HistoryEntry, Image, ImageSourceInfo, LayerInfo, Platform } from '../types.js';
import type { BlobStore } from './blob-store.js';

export interface ResolveOptions {
  platform?: Platform;
  limits: Limits;
}

const REF_NAME = 'org.opencontainers.image.ref.name';

async function readBlob(
  store: BlobStore,
  descriptor: Descriptor,
  what: string,
  limits: Limits,
): Promise<Buffer> {
  if (descriptor.size > limits.maxManifestBytes) {
    throw new AppError('E_LIMIT_EXCEEDED', `${what} is ${descriptor.size} bytes, over the metadata limit`, {
      where: descriptor.digest,
      hint: 'raise --max-manifest-bytes if the image is trusted',
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of await store.openBlob(descriptor.digest, what)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** How attestations are read from a layout or archive: manifests capped as metadata, documents as files. */
function storeReader(store: BlobStore, limits: Limits): AttestationReader {
  return {
    manifest: async (descriptor) =>
      parseAttestationManifest(
        await readBlob(store, descriptor, 'attached manifest', limits),
        descriptor,
        store.location,
      ),
    blob: async (descriptor) => {
      const chunks: Buffer[] = [];
      for await (const chunk of await store.openBlob(descriptor.digest, 'attestation'))
        chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    maxBytes: limits.maxFileBytes,
  };
}

/** Pairs each non-empty layer with its history entry (history also lists empty layers such as ENV). */
export function layerHistory(
  history: HistoryEntry[] | undefined,
  layerCount: number,
): (HistoryEntry | undefined)[] {
  const layered = (history ?? []).filter((entry) => !entry.empty_layer);
  return Array.from({ length: layerCount }, (_, index) =>
    layered.length === layerCount ? layered[index] : undefined,
  );
}

/** Follows a descriptor through indexes (choosing the platform) to an image manifest, then builds the Image. */
export async function imageFromDescriptor(
  store: BlobStore,
  top: Descriptor,
  source: ImageSourceInfo,
  options: ResolveOptions,
  /** Every entry of the layout's index.json: where a layout lists referrers. */
  layoutEntries: readonly Descriptor[] = [],
): Promise<Image> {
  let descriptor = top;
  let indexDigest: Digest | undefined;
  let platforms: Platform[] | undefined;
  let siblings: Descriptor[] = [];
  for (let depth = 0; depth < 4; depth += 1) {
    const bytes = await readBlob(store, descriptor, 'manifest', options.limits);
    const parsed = parseManifestDocument(
      bytes,
      descriptor.mediaType,
      `${store.location} ${descriptor.digest}`,
    );
    if (parsed.kind === 'manifest') {
      const image = await buildImage(store, parsed.manifest, descriptor.digest, source, options, {
        indexDigest,
        platforms,
      });
      const reader = storeReader(store, options.limits);
      const manifestDigest = descriptor.digest;
      image.attestations = async () =>
        findAttestations(
          reader,
          manifestDigest,
          siblings,
          await layoutReferrers(reader, layoutEntries, manifestDigest),
        );
      return image;
    }
    indexDigest ??= descriptor.digest;
    siblings = parsed.index.manifests;
    platforms ??= parsed.index.manifests.flatMap((m) =>
      m.platform && !isAttestationDescriptor(m) ? [m.platform] : [],
    );
    descriptor = selectPlatform(parsed.index.manifests, options.platform ?? hostPlatform(), source.location);
  }
  throw new AppError('E_MANIFEST_INVALID', 'image indexes nest too deeply', { where: source.location });
}

async function buildImage(
  store: BlobStore,
  manifest: ImageManifest,
  manifestDigest: Digest,
  source: ImageSourceInfo,
  options: ResolveOptions,
  extra: { indexDigest: Digest | undefined; platforms: Platform[] | undefined },
): Promise<Image> {
  const where = `${source.location} ${manifestDigest}`;
  const configBytes = await readBlob(store, manifest.config, 'image config', options.limits);
  const config = parseImageConfig(configBytes, where);
  checkLayersMatchConfig(manifest, config, where);
  const history = layerHistory(config.history ?? undefined, manifest.layers.length);
  const layers: LayerInfo[] = manifest.layers.map((layer, index) => {
    if (!isLayerMediaType(layer.mediaType)) {
      throw new AppError(
        'E_LAYER_UNSUPPORTED',
        `layer ${index} has unsupported media type "${layer.mediaType}"`,
        {
          where: layer.digest,
          hint: 'crowsnest reads tar, tar+gzip and tar+zstd layers',
        },
      );
    }
    return {
      index,
      digest: layer.digest,
      diffId: config.rootfs.diff_ids[index]!,
      mediaType: layer.mediaType,
      size: layer.size,
      ...(history[index] ? { history: history[index] } : {}),
    };
  });
  return {
    source,
    manifestDigest,
    ...(extra.indexDigest ? { indexDigest: extra.indexDigest } : {}),
    ...(extra.platforms?.length ? { platforms: extra.platforms } : {}),
    manifest: {
      mediaType: manifest.mediaType,
      ...(manifest.annotations ? { annotations: manifest.annotations } : {}),
    },
    config,
    configDigest: sha256(configBytes),
    platform: {
      os: config.os,
      architecture: config.architecture,
      ...(config.variant ? { variant: config.variant } : {}),
    },
    layers,
    openLayer: async (index) => {
      const layer = layers[index];
      if (!layer) throw new AppError('E_INTERNAL', `no layer ${index}`);
      return store.openBlob(layer.digest, `layer ${index}`);
    },
    close: async () => {},
  };
}

/** Picks the image in an OCI layout's index.json: by ref name, or the only one. */
export function chooseLayoutEntry(
  manifests: Descriptor[],
  ref: string | undefined,
  where: string,
): Descriptor {
  const named = (d: Descriptor) => d.annotations?.[REF_NAME];
  if (ref !== undefined) {
    const found = manifests.find((d) => named(d) === ref || d.digest === ref);
    if (found) return found;
    const names = manifests.map(named).filter(Boolean);
    throw new AppError('E_MANIFEST_UNKNOWN', `no image named "${ref}" in the layout`, {
      where,
      hint: names.length ? `it holds ${names.join(', ')}` : 'it holds no named images; omit --ref',
    });
  }
  if (manifests.length === 1) return manifests[0]!;
  if (manifests.length === 0) throw new AppError('E_LAYOUT_INVALID', 'the layout holds no images', { where });
  const names = manifests.map((d) => named(d) ?? d.digest);
  throw new AppError('E_USAGE', `the layout holds ${manifests.length} images; choose one with --ref`, {
    where,
    hint: `choices: ${names.join(', ')}`,
  });
}

export function refNameOf(descriptor: Descriptor): string | undefined {
  return descriptor.annotations?.[REF_NAME];
}
