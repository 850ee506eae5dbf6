import type { Client } from './client.js';
import type { AgentIds, RepositoryIds } from './enrich/ids.js';
import type { ManifestMethod, ManifestRequest } from './types.js';

/**
 * A manifest request as sessions and enrichment see it: every field always present (one object shape
 * for the hot path) and its client object. Dedupe sets the event id's 64-bit fingerprint and whether
 * the store must check the action it starts against stored rows. A worker thread also resolves the
 * label ids of its texts while it decodes (through per-code caches); otherwise enrichment looks them up.
 */
export class QueuedRequest implements ManifestRequest {
  keyHi = 0;
  keyLo = 0;
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
    public repo: RepositoryIds | null = null,
    public agent: AgentIds | null = null,
    /** Label ids of digest and tag (0: no tag); -1 until resolved. */
    public digestId = -1,
    public tagId = -1,
  ) {}

  static of(request: ManifestRequest, client: Client): QueuedRequest {
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
    );
  }
}
