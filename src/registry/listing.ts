import { z } from 'zod';
import { type Digest, digestAlgorithm, digestHex } from '../core/digest.js';
import { AppError, isAppError } from '../core/errors.js';
import { parseManifestDocument } from '../image/manifest.js';
import { MediaType } from '../image/media-types.js';
import type { Descriptor } from '../image/types.js';
import { parseNextLink } from './headers.js';

export interface Page {
  bytes: Buffer;
  link: string | null;
}

/** A hostile registry could link forever; no real listing needs more pages. */
const MAX_PAGES = 10_000;

const tagList = z.object({ tags: z.array(z.string()).nullish() });
const catalogList = z.object({ repositories: z.array(z.string()).nullish() });

function parseJson(bytes: Buffer, where: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('E_REGISTRY_RESPONSE', 'the registry answered a listing that is not JSON', { where });
  }
}

/**
 * Fetches `first` and every `rel="next"` page after it. Links leaving `origin` are not followed (the
 * registry's credentials must not go elsewhere). Returns undefined when the first page is absent (404).
 */
export async function paginate<T>(
  first: string,
  origin: string,
  fetchPage: (url: string) => Promise<Page | undefined>,
  extract: (json: unknown, where: string) => T[],
  where: string,
): Promise<T[] | undefined> {
  const items: T[] = [];
  const seen = new Set<string>();
  let url: string | undefined = first;
  for (let count = 0; url && count < MAX_PAGES; count++) {
    seen.add(url);
    const page = await fetchPage(url);
    if (!page) return count === 0 ? undefined : items;
    items.push(...extract(parseJson(page.bytes, where), where));
    const next = parseNextLink(page.link, url);
    url = next && !seen.has(next) && new URL(next).origin === origin ? next : undefined;
  }
  return items;
}

export function tagNames(json: unknown, where: string): string[] {
  const parsed = tagList.safeParse(json);
  if (!parsed.success)
    throw new AppError('E_REGISTRY_RESPONSE', 'the tag list has no "tags" array', { where });
  return parsed.data.tags ?? [];
}

export function catalogNames(json: unknown, where: string): string[] {
  const parsed = catalogList.safeParse(json);
  if (!parsed.success) {
    throw new AppError('E_REGISTRY_RESPONSE', 'the catalog has no "repositories" array', { where });
  }
  return parsed.data.repositories ?? [];
}

/** The referrers API answers an OCI index whose manifests are the referrers. */
export function parseReferrers(where: string): (json: unknown) => Descriptor[] {
  return (json) => {
    const parsed = parseManifestDocument(Buffer.from(JSON.stringify(json)), MediaType.ociIndex, where);
    if (parsed.kind !== 'index') {
      throw new AppError('E_REGISTRY_RESPONSE', 'the referrers answer is not an image index', { where });
    }
    return parsed.index.manifests;
  };
}

/** The OCI 1.1 fallback for registries without the referrers API: an index tagged `<alg>-<hex>`. */
export async function referrersFromTag(
  getManifest: (tag: string) => Promise<{ bytes: Buffer; mediaType: string }>,
  digest: Digest,
  where: string,
): Promise<Descriptor[]> {
  const tag = `${digestAlgorithm(digest)}-${digestHex(digest)}`;
  let manifest: { bytes: Buffer; mediaType: string };
  try {
    manifest = await getManifest(tag);
  } catch (error) {
    if (isAppError(error) && error.code === 'E_MANIFEST_UNKNOWN') return [];
    throw error;
  }
  const parsed = parseManifestDocument(manifest.bytes, manifest.mediaType, `${where} (tag ${tag})`);
  return parsed.kind === 'index' ? parsed.index.manifests : [];
}
