// Org-wide lists (repositories with their latest image; packages and vulnerabilities grouped over thousands of
// rows an image) cost milliseconds to hundreds of milliseconds each; they are
// kept per query and reused while the org's version (`store.dashboard.version`) stays the same. Concurrent
// misses share one computation. Every process checks the version in the database, so several `serve`
// processes on one PostgreSQL never serve each other's stale lists.
import type { Store } from '../store/types.js';

interface Entry {
  version: string;
  at: number;
  value: Promise<unknown>;
}

export interface ListCacheOptions {
  /** Entries kept per store (least recently used dropped first). */
  maxEntries?: number;
  /** An entry is recomputed after this long even when the version is unchanged. */
  ttlMs?: number;
  now?: () => number;
}

const caches = new WeakMap<Store, Map<string, Entry>>();

/** The same query string for the same parameters, whatever order they came in. */
function keyOf(orgId: string, kind: string, query: object): string {
  const sorted = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return `${orgId}\u0000${kind}\u0000${JSON.stringify(sorted)}`;
}

export async function cachedList<T>(
  store: Store,
  orgId: string,
  kind: string,
  query: object,
  compute: () => Promise<T>,
  options: ListCacheOptions = {},
): Promise<T> {
  const now = (options.now ?? Date.now)();
  const version = await store.dashboard.version(orgId);
  const cache = caches.get(store) ?? new Map<string, Entry>();
  caches.set(store, cache);
  const key = keyOf(orgId, kind, query);
  const hit = cache.get(key);
  cache.delete(key);
  if (hit && hit.version === version && now - hit.at < (options.ttlMs ?? 60_000)) {
    cache.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { version, at: now, value };
  cache.set(key, entry);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  for (const oldest of cache.keys()) {
    if (cache.size <= (options.maxEntries ?? 500)) break;
    cache.delete(oldest);
  }
  return value;
}
