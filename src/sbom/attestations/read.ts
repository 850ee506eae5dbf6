import { packageId } from '../../catalog/helpers.js';
import type { Attestation, Image } from '../../image/types.js';
import type { Package, Unknown } from '../types.js';
import { parseAttachedDocument } from './parse.js';

/** What an image's attestations contribute to its SBOM. */
export interface AttestedContent {
  /** Packages of SBOM attestations, `foundBy: 'attestation'`, layer -1 (no layer evidences them). */
  packages: Package[];
  /** Base image names from provenance attestations. */
  baseImages: string[];
  /** Documents that could not be read or parsed: the scan goes on without them. */
  unknowns: Unknown[];
  /** Digests of every attached document seen: they are inputs of the SBOM (and of its cache key). */
  digests: string[];
}

export const ATTESTATION_FOUND_BY = 'attestation';

const unknown = (path: string, reason: string): Unknown => ({
  path,
  layer: -1,
  cataloger: ATTESTATION_FOUND_BY,
  reason: reason.slice(0, 300),
});

function attested(pkg: Package, document: Attestation, format: string): Package {
  const metadata = {
    ...pkg.metadata,
    attestation: { digest: document.descriptor.digest, via: document.via, format },
  };
  const base = { ...pkg, locations: [], layer: -1, foundBy: ATTESTATION_FOUND_BY, metadata };
  return { ...base, id: packageId(base) };
}

/** Reads and parses every document attached to `image`; never throws. */
export async function readAttestations(image: Image): Promise<AttestedContent> {
  const content: AttestedContent = { packages: [], baseImages: [], unknowns: [], digests: [] };
  if (!image.attestations) return content;
  let documents: Attestation[];
  try {
    documents = await image.attestations();
  } catch (error) {
    content.unknowns.push(unknown('attestations', (error as Error).message ?? String(error)));
    return content;
  }
  const baseImages = new Set<string>();
  for (const document of documents) {
    const where = `attestation ${document.descriptor.digest}`;
    content.digests.push(document.descriptor.digest);
    if (!document.content) {
      content.unknowns.push(unknown(where, document.error ?? 'not read'));
      continue;
    }
    const parsed = parseAttachedDocument(document.content, where);
    if (parsed.kind === 'invalid') content.unknowns.push(unknown(where, parsed.reason));
    if (parsed.kind === 'sbom')
      content.packages.push(...parsed.packages.map((p) => attested(p, document, parsed.format)));
    if (parsed.kind === 'provenance') for (const name of parsed.baseImages) baseImages.add(name);
  }
  content.baseImages = [...baseImages].sort();
  content.digests.sort();
  return content;
}
