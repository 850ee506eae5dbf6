import { computeDigest, type Digest, digestAlgorithm, isDigest } from '../core/digest.js';
import { AppError } from '../core/errors.js';
import { schema1MediaTypes } from '../image/media-types.js';
import { describeTarget, type RequestTarget } from './errors.js';

/** A generic Content-Type (application/json, text/plain) defers to the document's own mediaType. */
export function manifestMediaType(header: string | undefined, bytes: Buffer): string {
  if (header?.startsWith('application/vnd.')) return header;
  try {
    const declared = (JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown }).mediaType;
    if (typeof declared === 'string') return declared;
  } catch {
    // the parser reports bad JSON with the image's context
  }
  return header ?? '';
}

/**
 * The manifest's digest: checked against the digest asked for, or (by tag) computed and checked against the
 * registry's Docker-Content-Digest header, so neither a registry nor a proxy can swap content unnoticed.
 */
export function verifyManifestDigest(
  bytes: Buffer,
  mediaType: string,
  requested: Digest | undefined,
  header: string | null,
  target: RequestTarget,
): Digest {
  const advertised = header && isDigest(header.trim()) ? (header.trim() as Digest) : undefined;
  // a signed schema-1 manifest's digest covers its payload without signatures; it is refused later anyway
  if (schema1MediaTypes.includes(mediaType)) return requested ?? advertised ?? computeDigest('sha256', bytes);
  const expected = requested ?? advertised;
  const actual = computeDigest(expected ? digestAlgorithm(expected) : 'sha256', bytes);
  if (expected && actual !== expected) {
    const source = requested ? 'the requested digest' : "the registry's Docker-Content-Digest";
    throw new AppError('E_DIGEST_MISMATCH', `manifest content does not match ${source} (got ${actual})`, {
      where: `${describeTarget(target)} (expected ${expected})`,
      hint: 'the registry or a proxy altered the manifest; do not trust this image',
    });
  }
  return actual;
}
