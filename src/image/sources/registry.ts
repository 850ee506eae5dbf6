import type { Digest } from '../../core/digest.js';
import { AppError } from '../../core/errors.js';
import { type Limits, resolveLimits } from '../../core/limits.js';
import { type ManifestResponse, RegistryClient } from '../../registry/client.js';
import { type AttestationReader, findAttestations, parseAttestationManifest } from '../attestations.js';
import {
  checkLayersMatchConfig,
  type ImageManifest,
  parseImageConfig,
  parseManifestDocument,
} from '../manifest.js';
import { isLayerMediaType } from '../media-types.js';
import { hostPlatform, isAttestationDescriptor, selectPlatform } from '../platform.js';
import { familiarName, familiarString, type ImageReference, referenceString } from '../reference.js';
import type { Attestation, Descriptor, Image, ImageSourceInfo, LayerInfo, Platform } from '../types.js';
import { layerHistory } from './layout-image.js';

export interface RegistryImageOptions {
  /** The platform to take from an index; default: the host's. */
  platform?: Platform;
  /** A configured client (credentials, insecure registries, retries); default: one with Docker's config. */
  client?: RegistryClient;
  limits?: Partial<Limits>;
}

/** Indexes may (rarely) point at indexes; more than this is a loop or abuse. */
const MAX_INDEX_DEPTH = 4;

interface Resolved {
  manifest: ImageManifest;
  manifestDigest: Digest;
  indexDigest?: Digest;
  platforms?: Platform[];
  /** The entries of the index the manifest was chosen from (attestation manifests among them). */
  siblings: Descriptor[];
}

/** Follows the reference through indexes (choosing the platform) to one image manifest. */
async function resolveManifest(
  ref: ImageReference,
  client: RegistryClient,
  wanted: Platform,
): Promise<Resolved> {
  const location = referenceString(ref);
  let response: ManifestResponse = await client.getManifest(ref);
  let indexDigest: Digest | undefined;
  let platforms: Platform[] | undefined;
  let siblings: Descriptor[] = [];
  for (let depth = 0; depth < MAX_INDEX_DEPTH; depth++) {
    const where = depth === 0 ? location : `${location} → ${response.digest}`;
    const parsed = parseManifestDocument(response.bytes, response.mediaType, where);
    if (parsed.kind === 'manifest') {
      return {
        manifest: parsed.manifest,
        manifestDigest: response.digest,
        ...(indexDigest ? { indexDigest } : {}),
        ...(platforms?.length ? { platforms } : {}),
        siblings,
      };
    }
    indexDigest ??= response.digest;
    siblings = parsed.index.manifests;
    platforms ??= parsed.index.manifests.flatMap((m) =>
      m.platform && !isAttestationDescriptor(m) ? [m.platform] : [],
    );
    const chosen = selectPlatform(parsed.index.manifests, wanted, location);
    response = await client.getManifest({
      registry: ref.registry,
      repository: ref.repository,
      digest: chosen.digest,
    });
  }
  throw new AppError('E_MANIFEST_INVALID', 'image indexes nest too deeply', { where: location });
}

function layerInfos(
  manifest: ImageManifest,
  diffIds: Digest[],
  history: ReturnType<typeof layerHistory>,
  where: string,
) {
  return manifest.layers.map((layer, index): LayerInfo => {
    if (!isLayerMediaType(layer.mediaType)) {
      throw new AppError(
        'E_LAYER_UNSUPPORTED',
        `layer ${index} of ${where} has unsupported media type "${layer.mediaType}"`,
        {
          where: layer.digest,
          hint: 'crowsnest reads tar, tar+gzip and tar+zstd layers; this may be an artifact rather than an image',
        },
      );
    }
    return {
      index,
      digest: layer.digest,
      diffId: diffIds[index]!,
      mediaType: layer.mediaType,
      size: layer.size,
      ...(history[index] ? { history: history[index] } : {}),
    };
  });
}

/** Attestation manifests of the index, then OCI referrers (the API, or its tag fallback on older registries). */
async function registryAttestations(
  client: RegistryClient,
  ref: ImageReference,
  resolved: Resolved,
  limits: Limits,
): Promise<Attestation[]> {
  const { registry, repository } = ref;
  const reader: AttestationReader = {
    manifest: async (descriptor) => {
      const response = await client.getManifest({ registry, repository, digest: descriptor.digest });
      return parseAttestationManifest(
        response.bytes,
        { ...descriptor, mediaType: response.mediaType },
        repository,
      );
    },
    blob: (descriptor) => client.fetchBlob(registry, repository, descriptor.digest, limits.maxFileBytes),
    maxBytes: limits.maxFileBytes,
  };
  let referrers: Descriptor[] = [];
  let failed: Attestation | undefined;
  try {
    referrers = await client.referrers(registry, repository, resolved.manifestDigest);
  } catch (error) {
    const descriptor = { mediaType: '', digest: resolved.manifestDigest, size: 0 };
    failed = {
      via: 'referrer',
      manifestDigest: resolved.manifestDigest,
      descriptor,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  const found = await findAttestations(reader, resolved.manifestDigest, resolved.siblings, referrers);
  return failed ? [...found, failed] : found;
}

/**
 * Opens one image from a registry: the manifest (through an index, choosing the platform), the config,
 * and layers streamed on demand and verified against their digests.
 */
export async function openRegistryImage(
  ref: ImageReference,
  options: RegistryImageOptions = {},
): Promise<Image> {
  const limits = resolveLimits(options.limits);
  const client = options.client ?? new RegistryClient({ limits });
  const location = referenceString(ref);
  const resolved = await resolveManifest(ref, client, options.platform ?? hostPlatform());
  const { manifest } = resolved;
  const where = `${location} (manifest ${resolved.manifestDigest})`;
  const configBytes = await client.fetchBlob(
    ref.registry,
    ref.repository,
    manifest.config.digest,
    limits.maxManifestBytes,
  );
  const config = parseImageConfig(configBytes, where);
  checkLayersMatchConfig(manifest, config, where);
  const layers = layerInfos(
    manifest,
    config.rootfs.diff_ids,
    layerHistory(config.history ?? undefined, manifest.layers.length),
    location,
  );
  const source: ImageSourceInfo = { kind: 'registry', location, reference: familiarString(ref) };
  return {
    source,
    manifestDigest: resolved.manifestDigest,
    ...(resolved.indexDigest ? { indexDigest: resolved.indexDigest } : {}),
    ...(resolved.platforms ? { platforms: resolved.platforms } : {}),
    // what docker records after a pull: the digest the tag pointed at (the index for multi-platform images)
    repoDigests: [`${familiarName(ref)}@${resolved.indexDigest ?? resolved.manifestDigest}`],
    manifest: {
      mediaType: manifest.mediaType,
      ...(manifest.annotations ? { annotations: manifest.annotations } : {}),
    },
    config,
    configDigest: manifest.config.digest,
    platform: {
      os: config.os,
      architecture: config.architecture,
      ...(config.variant ? { variant: config.variant } : {}),
    },
    layers,
    openLayer: async (index) => {
      const layer = layers[index];
      if (!layer) throw new AppError('E_INTERNAL', `no layer ${index} in ${location}`);
      return client.openBlob(ref.registry, ref.repository, layer.digest);
    },
    attestations: () => registryAttestations(client, ref, resolved, limits),
    close: async () => {},
  };
}
