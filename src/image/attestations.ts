import type { Digest } from '../core/digest.js';
import { type ParsedManifest, parseManifestDocument } from './manifest.js';
import type { Attestation, Descriptor } from './types.js';

/*
 * Finds the documents attached to an image, whatever the source (registry, OCI layout or archive):
 * - BuildKit attestation storage: a manifest in the image's index with the annotations
 *   `vnd.docker.reference.type: attestation-manifest` and `vnd.docker.reference.digest: <image manifest>`; each
 *   of its layers is one in-toto statement (`application/vnd.in-toto+json`);
 * - OCI 1.1 referrers: artifact manifests whose `subject` is the image manifest, from the referrers API (or its
 *   `sha256-<hex>` tag fallback) or listed in an OCI layout's index.json.
 * Reading is best effort: what cannot be read is returned with an `error`, never thrown.
 */

const REFERENCE_TYPE = 'vnd.docker.reference.type';
const REFERENCE_DIGEST = 'vnd.docker.reference.digest';
const REF_NAME = 'org.opencontainers.image.ref.name';

/** Layer media types that can hold an SBOM or provenance document. */
const documentTypes: ReadonlySet<string> = new Set([
  'application/vnd.in-toto+json',
  'application/vnd.dsse.envelope.v1+json',
  'application/spdx+json',
  'application/vnd.cyclonedx+json',
  'application/json',
]);

/** Caps against an index or referrers list crafted to make us read without end. */
const MAX_MANIFESTS = 32;
const MAX_DOCUMENTS = 64;

/** How a source reads what the attestations need. */
export interface AttestationReader {
  /** A manifest or index by descriptor (verified, size-capped by the source). */
  manifest(descriptor: Descriptor): Promise<ParsedManifest>;
  /** A blob by descriptor, verified against its digest. */
  blob(descriptor: Descriptor): Promise<Buffer>;
  /** Documents larger than this are reported, not read. */
  maxBytes: number;
}

export function isAttestationFor(descriptor: Descriptor, manifestDigest: Digest): boolean {
  return (
    descriptor.annotations?.[REFERENCE_TYPE] === 'attestation-manifest' &&
    descriptor.annotations?.[REFERENCE_DIGEST] === manifestDigest
  );
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

async function documentsOf(
  reader: AttestationReader,
  via: Attestation['via'],
  carrier: Descriptor,
  subject: Digest,
): Promise<Attestation[]> {
  let parsed: ParsedManifest;
  try {
    parsed = await reader.manifest(carrier);
  } catch (error) {
    return [{ via, manifestDigest: carrier.digest, descriptor: carrier, error: message(error) }];
  }
  if (parsed.kind !== 'manifest') return [];
  const { manifest } = parsed;
  // a referrer names this image as its subject (OCI 1.1); in a layout, that tells it from the other images
  if (via === 'referrer' && manifest.subject?.digest !== subject) return [];
  const artifactType = manifest.artifactType ?? carrier.artifactType;
  const out: Attestation[] = [];
  for (const layer of manifest.layers.filter((l) => documentTypes.has(l.mediaType))) {
    const base = {
      via,
      manifestDigest: carrier.digest,
      descriptor: layer,
      ...(artifactType ? { artifactType } : {}),
    };
    if (layer.size > reader.maxBytes) {
      out.push({ ...base, error: `${layer.size} bytes, over the ${reader.maxBytes}-byte limit` });
      continue;
    }
    try {
      out.push({ ...base, content: await reader.blob(layer) });
    } catch (error) {
      out.push({ ...base, error: message(error) });
    }
  }
  return out;
}

/**
 * The documents attached to the image whose manifest is `manifestDigest`: attestation manifests among
 * `siblings` (the index it was chosen from) and `referrers` (candidates: their subject is checked when they
 * carry one).
 */
export async function findAttestations(
  reader: AttestationReader,
  manifestDigest: Digest,
  siblings: readonly Descriptor[],
  referrers: readonly Descriptor[],
): Promise<Attestation[]> {
  const carriers: [Attestation['via'], Descriptor][] = [
    ...siblings
      .filter((d) => isAttestationFor(d, manifestDigest))
      .map((d) => ['attestation-manifest', d] as const),
    ...referrers.filter((d) => d.digest !== manifestDigest).map((d) => ['referrer', d] as const),
  ].slice(0, MAX_MANIFESTS) as [Attestation['via'], Descriptor][];
  const out: Attestation[] = [];
  for (const [via, carrier] of carriers)
    out.push(...(await documentsOf(reader, via, carrier, manifestDigest)));
  return out.slice(0, MAX_DOCUMENTS);
}

/**
 * Referrer candidates in an OCI layout's index.json: the index of the `sha256-<hex>` tag schema, if present,
 * and every other top-level manifest that is not an image of its own (no ref name) or declares an artifactType.
 */
export async function layoutReferrers(
  reader: AttestationReader,
  top: readonly Descriptor[],
  manifestDigest: Digest,
): Promise<Descriptor[]> {
  const tag = `${manifestDigest.replace(':', '-')}`;
  const out: Descriptor[] = [];
  for (const entry of top) {
    if (entry.annotations?.[REF_NAME] === tag) {
      const parsed = await reader.manifest(entry).catch(() => undefined);
      if (parsed?.kind === 'index') out.push(...parsed.index.manifests);
    } else if (entry.artifactType || !entry.annotations?.[REF_NAME]) {
      if (entry.digest !== manifestDigest && !entry.mediaType.includes('index')) out.push(entry);
    }
  }
  return [...new Map(out.map((d) => [d.digest, d])).values()];
}

/** Parses a manifest document read by a source (shared by the layout and registry readers). */
export function parseAttestationManifest(
  bytes: Buffer,
  descriptor: Descriptor,
  where: string,
): ParsedManifest {
  return parseManifestDocument(bytes, descriptor.mediaType, `${where} ${descriptor.digest}`);
}
