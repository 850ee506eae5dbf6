import { runCatalogers, selectorFor } from '../catalog/run.js';
import type { Cataloger } from '../catalog/types.js';
import { catalogerVersionList } from '../catalog/versions.js';
import type { Limits } from '../core/limits.js';
import { VERSION } from '../core/version.js';
import { detectDistro, distroPatterns } from '../distro/detect.js';
import type { LayerSummary } from '../fs/types.js';
import { readTree } from '../image/open.js';
import { formatPlatform, type Image } from '../image/types.js';
import { complementOf } from './attestations/merge.js';
import { type AttestedContent, readAttestations } from './attestations/read.js';
import { readCachedSbom, sbomCacheKey, writeCachedSbom } from './cache.js';
import { dedupePackages } from './dedupe.js';
import { markOwnedPackages } from './ownership.js';
import type { Sbom, SbomSource } from './types.js';

export interface BuildSbomOptions {
  catalogers?: readonly Cataloger[];
  limits?: Partial<Limits>;
  /** Use and fill the SBOM cache (default true). */
  cache?: boolean;
  env?: NodeJS.ProcessEnv;
  onLayer?: (summary: LayerSummary, total: number) => void;
  /** Read the image's SBOM and provenance attestations (default true). */
  attestations?: boolean;
}

const noAttestations: AttestedContent = { packages: [], baseImages: [], unknowns: [], digests: [] };

export interface BuiltSbom {
  sbom: Sbom;
  cached: boolean;
}

function sourceOf(image: Image): SbomSource {
  return {
    kind: image.source.kind,
    location: image.source.location,
    ...(image.source.reference ? { reference: image.source.reference } : {}),
    ...(image.manifestDigest ? { manifestDigest: image.manifestDigest } : {}),
    ...(image.indexDigest ? { indexDigest: image.indexDigest } : {}),
    ...(image.configDigest ? { configDigest: image.configDigest } : {}),
    platform: formatPlatform(image.platform),
    layers: image.layers.map((layer) => ({
      index: layer.index,
      digest: layer.digest,
      diffId: layer.diffId,
      ...(layer.history?.created_by ? { createdBy: layer.history.created_by } : {}),
    })),
  };
}

/** Every package in an image: one pass over its layers, the catalogers over the squashed tree. */
export async function buildSbom(image: Image, options: BuildSbomOptions = {}): Promise<BuiltSbom> {
  const versions = options.catalogers
    ? options.catalogers.map((c) => ({ id: c.id, version: c.version }))
    : [...catalogerVersionList];
  const attested = options.attestations === false ? noAttestations : await readAttestations(image);
  // attached documents are inputs like the catalogers: a new attestation or referrer makes a fresh SBOM
  const inputs = [
    ...versions,
    ...attested.digests.map((digest) => ({ id: `attestation ${digest}`, version: 0 })),
  ];
  const key =
    options.cache === false ? undefined : sbomCacheKey(image, inputs, formatPlatform(image.platform));
  if (key) {
    const cached = await readCachedSbom(key, options.env);
    if (cached) return { sbom: cached, cached: true };
  }
  // the catalogers are loaded only now: a cache hit never imports them
  const catalogers = options.catalogers ?? (await import('../catalog/registry.js')).catalogers;
  const tree = await readTree(image, {
    select: selectorFor(catalogers, distroPatterns),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.onLayer ? { onLayer: options.onLayer } : {}),
  });
  try {
    const distro = await detectDistro(tree);
    const run = await runCatalogers(tree, catalogers, {
      ...(distro ? { distro } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    const sbom: Sbom = {
      schema: 'crowsnest-sbom/1',
      createdAt: new Date().toISOString(),
      tool: { name: 'crowsnest', version: VERSION },
      source: {
        ...sourceOf(image),
        ...(attested.baseImages.length ? { baseImages: attested.baseImages } : {}),
      },
      ...(distro ? { distro } : {}),
      packages: markOwnedPackages(
        dedupePackages([...run.packages, ...complementOf(run.packages, attested.packages)]),
      ),
      unknowns: [...run.unknowns, ...attested.unknowns],
      catalogers: versions,
    };
    if (key) await writeCachedSbom(key, sbom, options.env).catch(() => {});
    return { sbom, cached: false };
  } finally {
    await tree.close();
  }
}
