import { AppError } from '../core/errors.js';
import { parseReference } from '../image/reference.js';
import type { Repository, Store } from '../store/types.js';
import type { RegistryAccess } from './registry-access.js';

/** The newest-looking tags first: `latest`, then by descending natural order (2.10 before 2.9). */
export function newestFirst(tags: readonly string[]): string[] {
  const collator = new Intl.Collator('en', { numeric: true });
  return [...tags].sort((a, b) => (a === 'latest' ? -1 : b === 'latest' ? 1 : collator.compare(b, a)));
}

export interface TagTarget {
  tag: string;
  digest: string;
}

/** Where each tag points now (one manifest request per tag); unreadable tags are skipped. */
export async function resolveTags(
  access: RegistryAccess,
  repository: Repository,
  tags: readonly string[],
): Promise<TagTarget[]> {
  const out: TagTarget[] = [];
  for (const tag of tags) {
    try {
      const manifest = await access.client.getManifest(
        parseReference(`${access.host}/${repository.name}:${tag}`),
      );
      out.push({ tag, digest: manifest.digest });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'E_MANIFEST_UNKNOWN') throw error;
    }
  }
  return out;
}

/**
 * Tags whose pointer is new or moved since the store last saw them, recorded as pointers. `lastPushed`
 * marks them as pushes (polling sees a push) or only as found (listing on enable).
 */
export async function recordChangedTags(
  store: Store,
  repository: Repository,
  targets: readonly TagTarget[],
  at: string,
  lastPushed: boolean,
): Promise<TagTarget[]> {
  const known = new Map(
    (await store.repositories.tags(repository.orgId, repository.id)).map((t) => [t.tag, t.digest]),
  );
  const changed = targets.filter((t) => known.get(t.tag) !== t.digest);
  for (const t of changed) await store.repositories.recordPush(repository.id, { ...t, at, lastPushed });
  return changed;
}
