import type { Client } from './client.js';
import type { AgentIds, RepositoryIds } from './enrich/ids.js';
import { fingerprint } from './fingerprint.js';
import type { ManifestMethod, ManifestRequest } from './types.js';

const key = new Int32Array(2);

/**
 * A manifest request as sessions and enrichment see it: every field always present (one object shape
 * for the hot path), its client object, and the event id's 64-bit fingerprint (the dedupe and storage
 * key). Dedupe sets whether the store must check the action it starts against stored rows. A request
 * rebuilt in a worker thread has no id text (its fingerprint came instead) and its label ids resolved
 * already (through per-code caches); otherwise enrichment looks them up.
 */
export class QueuedRequest implements ManifestRequest {
  /** The event came late, or may repeat one the dedupe step no longer remembers. */
  mayRepeat = false;

  constructor(
    public id: string,
    public ts: number,
    public repository: string,
    public method: ManifestMethod,
    public tag: string | undefined,
    public digest: string,
    /** Empty when rebuilt in a worker: nothing after the parser reads it. */
    public mediaType: string,
    public addr: string,
    public actor: string | undefined,
    public userAgent: string,
    public client: Client,
    public keyHi: number,
    public keyLo: number,
    public repo: RepositoryIds | null = null,
    public agent: AgentIds | null = null,
    /** Label ids of digest and tag (0: no tag); -1 until resolved. */
    public digestId = -1,
    public tagId = -1,
  ) {}

  static of(request: ManifestRequest, client: Client): QueuedRequest {
    fingerprint(request.id, key);
    return new QueuedRequest(
      request.id,
      request.ts,
      request.repository,
      request.method,
      request.tag,
      request.digest,
      request.mediaType,
      request.addr,
      request.actor,
      request.userAgent,
      client,
      key[0] as number,
      key[1] as number,
    );
  }
}
