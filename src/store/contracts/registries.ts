// Registries and repositories.
import type { AnalysisMode, Page, PageQuery } from '../types.js';

// ---------------------------------------------------------------- registries and repositories

export interface Registry {
  id: string;
  orgId: string;
  name: string;
  /** `http(s)://host[:port]`: the Distribution API root. */
  url: string;
  /** The user of the stored credentials, shown; the password never leaves the store unencrypted. */
  username?: string;
  /** Poll `_catalog` and tags this often (registries that send no webhooks); null = webhooks only. */
  pollIntervalSeconds: number | null;
  lastPolledAt?: string;
  createdAt: string;
}

/** The stored row behind a Registry, with its secrets (encrypted credentials, hashed webhook secret). */
export interface RegistryRecord extends Registry {
  /** AES-256-GCM sealed JSON `{ username, password }` (see src/service/secrets.ts). */
  credentialsSealed?: string;
  webhookSecretHash: string;
}

export interface RegistryStore {
  create(input: {
    orgId: string;
    name: string;
    url: string;
    username?: string;
    credentialsSealed?: string;
    webhookSecretHash: string;
    pollIntervalSeconds?: number | null;
  }): Promise<RegistryRecord>;
  get(orgId: string, id: string): Promise<RegistryRecord | undefined>;
  /** By id alone: only for the webhook receiver, which authenticates by the registry's own secret. */
  getById(id: string): Promise<RegistryRecord | undefined>;
  listByOrg(orgId: string): Promise<RegistryRecord[]>;
  /** Registries whose poll is due at `now`, every org. */
  listDueForPoll(now: string): Promise<RegistryRecord[]>;
  update(
    orgId: string,
    id: string,
    patch: Partial<
      Pick<
        RegistryRecord,
        'name' | 'url' | 'username' | 'credentialsSealed' | 'webhookSecretHash' | 'pollIntervalSeconds'
      >
    >,
  ): Promise<RegistryRecord | undefined>;
  markPolled(id: string, at: string): Promise<void>;
  delete(orgId: string, id: string): Promise<boolean>;
}

export interface Repository {
  id: string;
  orgId: string;
  registryId: string;
  /** The path in the registry: `team/app`. Unique per registry. */
  name: string;
  mode: AnalysisMode;
  /** The tag most recently pushed (E1 notifies about it only), with its digest. */
  lastPushedTag?: string;
  lastPushedDigest?: string;
  lastPushedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface TagPointer {
  tag: string;
  digest: string;
  pushedAt: string;
}

export type RepositorySort = 'name' | '-name' | 'lastPushedAt' | '-lastPushedAt';

export interface RepositoryQuery extends PageQuery {
  registryId?: string;
  mode?: AnalysisMode;
  /** Case-insensitive substring of the name. */
  search?: string;
  sort?: RepositorySort;
}

export interface RepositoryStore {
  /** Returns the repository, creating it (mode `none`) when first seen. */
  ensure(orgId: string, registryId: string, name: string): Promise<Repository>;
  get(orgId: string, id: string): Promise<Repository | undefined>;
  getByName(orgId: string, registryId: string, name: string): Promise<Repository | undefined>;
  list(orgId: string, query?: RepositoryQuery): Promise<Page<Repository>>;
  /**
   * Sets the analysis mode. Turning one on checks the org's cap in the same transaction: over it, nothing
   * changes and it throws AppError E_LIMIT_EXCEEDED.
   */
  setMode(orgId: string, id: string, mode: AnalysisMode, cap: number | null): Promise<Repository>;
  countEnabled(orgId: string): Promise<number>;
  /**
   * Records that `tag` now points at `digest` (a manifest or an index) and, when newest, makes it the
   * repository's last-pushed tag (unless `lastPushed: false`: a tag found by listing, not pushed). An older
   * push (by `at`) never overwrites a newer one.
   */
  recordPush(
    id: string,
    push: { tag: string; digest: string; at: string; lastPushed?: boolean },
  ): Promise<void>;
  /** Records the platform manifests an index lists, so the index's tags reach their images. */
  recordIndex(id: string, indexDigest: string, manifestDigests: readonly string[]): Promise<void>;
  /** Where each tag points now, newest push first. */
  tags(orgId: string, id: string): Promise<TagPointer[]>;
}
