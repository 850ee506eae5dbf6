/**
 * The store's contracts: one repository interface per aggregate, over SQLite or PostgreSQL alike. Every
 * read that returns org data takes the org id first, so a query can never cross orgs by omission. Times
 * are ISO-8601 UTC strings (`Date#toISOString`), which sort the same as the instants they name.
 */
import type { Report, SeverityCounts, SeverityName } from '../report/types.js';
import type { Sbom } from '../sbom/types.js';

export type { SeverityCounts, SeverityName };

export type Role = 'owner' | 'editor' | 'member';
/** `point-in-time` is A11 (scanned on push, stored frozen, never re-evaluated); `continuous` is A5. */
export type AnalysisMode = 'none' | 'point-in-time' | 'continuous';
export type StoreDialect = 'sqlite' | 'postgres';

/** Offset pagination; every list caps `limit` (default 50, at most 500). */
export interface PageQuery {
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

// ---------------------------------------------------------------- orgs, users, memberships

export interface OrgSettings {
  /** Cap on repositories whose mode is not `none`; null = no cap. */
  maxEnabledRepositories: number | null;
}

export interface Org {
  id: string;
  /** URL name, unique: `/api/orgs/:slug/...`. */
  slug: string;
  name: string;
  settings: OrgSettings;
  createdAt: string;
}

export interface OrgStore {
  create(input: { slug: string; name: string; settings?: Partial<OrgSettings> }): Promise<Org>;
  get(id: string): Promise<Org | undefined>;
  getBySlug(slug: string): Promise<Org | undefined>;
  /** The orgs a user belongs to, with their role in each. */
  listForUser(userId: string): Promise<(Org & { role: Role })[]>;
  updateSettings(id: string, settings: Partial<OrgSettings>): Promise<Org>;
  count(): Promise<number>;
}

export interface User {
  id: string;
  /** Stored lower case; unique. */
  email: string;
  name: string;
  createdAt: string;
}

export interface UserStore {
  create(input: { email: string; name: string; passwordHash: string }): Promise<User>;
  get(id: string): Promise<User | undefined>;
  /** With the password hash, for sign-in only. */
  getByEmail(email: string): Promise<(User & { passwordHash: string }) | undefined>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  count(): Promise<number>;
}

export interface Membership {
  orgId: string;
  userId: string;
  role: Role;
  createdAt: string;
}

export interface MembershipStore {
  /** Adds or changes a member's role. */
  put(orgId: string, userId: string, role: Role): Promise<Membership>;
  get(orgId: string, userId: string): Promise<Membership | undefined>;
  listByOrg(orgId: string): Promise<(Membership & { email: string; name: string })[]>;
  remove(orgId: string, userId: string): Promise<boolean>;
  countOwners(orgId: string): Promise<number>;
}

// ---------------------------------------------------------------- sessions and API tokens

/** A dashboard sign-in. The cookie holds a random secret; only its SHA-256 is stored. */
export interface Session {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface SessionStore {
  create(input: { userId: string; secretHash: string; expiresAt: string }): Promise<Session>;
  /** The live session for a secret's hash (expired ones are not returned). */
  findBySecretHash(secretHash: string, now: string): Promise<Session | undefined>;
  delete(id: string): Promise<void>;
  deleteExpired(now: string): Promise<number>;
}

/** An API token: scoped to one org, acting with `role` (never above its creator's current role). */
export interface ApiToken {
  id: string;
  orgId: string;
  userId: string;
  name: string;
  role: Role;
  /** The first characters of the token, to recognise it in lists (`cn_1a2b3c4d`). */
  prefix: string;
  createdAt: string;
  lastUsedAt?: string;
  expiresAt?: string;
  revokedAt?: string;
}

export interface TokenStore {
  create(input: {
    orgId: string;
    userId: string;
    name: string;
    role: Role;
    secretHash: string;
    prefix: string;
    expiresAt?: string;
  }): Promise<ApiToken>;
  /** The token for a secret's hash, revoked and expired ones included (callers decide and say why). */
  findBySecretHash(secretHash: string): Promise<ApiToken | undefined>;
  listByOrg(orgId: string): Promise<ApiToken[]>;
  /** True when a live token was revoked now. */
  revoke(orgId: string, id: string, at: string): Promise<boolean>;
  touch(id: string, at: string): Promise<void>;
}

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
        'name' | 'username' | 'credentialsSealed' | 'webhookSecretHash' | 'pollIntervalSeconds'
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
  /** Records a tag push; an older push (by `at`) never overwrites a newer one. */
  recordPush(id: string, push: { tag: string; digest: string; at: string }): Promise<void>;
}

// ---------------------------------------------------------------- images and their analyses

export interface ImageSummary {
  counts: SeverityCounts;
  packages: number;
  vulnerablePackages: number;
  fixable: number;
}

export interface ImageRecord {
  id: string;
  orgId: string;
  repositoryId: string;
  /** The platform manifest's digest: one image row per analysed manifest. */
  digest: string;
  /** The index the manifest was reached through, when it was pushed as part of one. */
  indexDigest?: string;
  /** Tags pointing at this manifest or at its index. */
  tags: string[];
  /** `linux/amd64`. */
  platform?: string;
  /** The config's `created`. */
  createdAt?: string;
  pushedAt: string;
  /** Frozen (`point-in-time`, never re-evaluated) or kept current (`continuous`). */
  mode: 'point-in-time' | 'continuous';
  analyzedAt: string;
  /** When the findings were last computed (first analysis or a re-evaluation). */
  evaluatedAt: string;
  summary: ImageSummary;
}

export type ImageSort = 'pushedAt' | '-pushedAt' | 'critical' | '-critical';

export interface ImageQuery extends PageQuery {
  repositoryId?: string;
  tag?: string;
  sort?: ImageSort;
}

/** One finding flattened for queries (vulnerabilities across an org); the full Finding is in the report. */
export interface FindingRow {
  imageId: string;
  vulnerabilityId: string;
  packageId: string;
  packageName: string;
  packageVersion: string;
  packageType: string;
  severity: SeverityName;
  /** Highest CVSS base score of all sources, when one exists. */
  cvss?: number;
  fixState: 'fixed' | 'not-fixed' | 'will-not-fix' | 'unknown';
  fixedVersions: string[];
  kev: boolean;
  suppressed: boolean;
}

/** (ecosystem, name) in the advisory store's own normalisation (`ecosystemKey`, `packageKey`). */
export interface PackageKey {
  ecosystem: string;
  name: string;
}

export interface HistoryPoint {
  imageId: string;
  at: string;
  counts: SeverityCounts;
  /** `analysis` (first scan) or `re-evaluation` (advisory update). */
  reason: 'analysis' | 're-evaluation';
  /** The advisory update operation behind a re-evaluation. */
  operationId?: number;
}

/** Everything one analysis produces, written in one transaction. */
export interface AnalysisWrite {
  orgId: string;
  repositoryId: string;
  digest: string;
  indexDigest?: string;
  tags: string[];
  platform?: string;
  createdAt?: string;
  pushedAt: string;
  mode: 'point-in-time' | 'continuous';
  at: string;
  sbom: Sbom;
  report: Report;
  /** The keys the matcher looked up: the reverse index for re-evaluation. */
  packageKeys: PackageKey[];
}

/** A re-evaluation of a stored SBOM (continuous images only). */
export interface EvaluationWrite {
  imageId: string;
  at: string;
  report: Report;
  packageKeys: PackageKey[];
  operationId?: number;
}

export interface ImageStore {
  /** Creates or replaces the analysis of (repository, digest): idempotent, tags merged. */
  saveAnalysis(write: AnalysisWrite): Promise<ImageRecord>;
  /** Replaces findings and counts, adds a history point. A point-in-time image is refused (E_USAGE). */
  saveEvaluation(write: EvaluationWrite): Promise<ImageRecord>;
  get(orgId: string, id: string): Promise<ImageRecord | undefined>;
  getByDigest(orgId: string, repositoryId: string, digest: string): Promise<ImageRecord | undefined>;
  list(orgId: string, query?: ImageQuery): Promise<Page<ImageRecord>>;
  /** Adds tags to the images of a digest (a manifest or the index it belongs to) already stored. */
  addTags(repositoryId: string, digest: string, tags: string[]): Promise<number>;
  sbom(orgId: string, id: string): Promise<Sbom | undefined>;
  /** The stored report (frozen for point-in-time images; the latest evaluation otherwise). */
  report(orgId: string, id: string): Promise<Report | undefined>;
  findings(
    orgId: string,
    id: string,
    query?: PageQuery & { severity?: SeverityName },
  ): Promise<Page<FindingRow>>;
  history(orgId: string, id: string): Promise<HistoryPoint[]>;
}

export interface PackageIndexStore {
  /** Continuous images (every org) whose SBOM has a package under one of the keys. */
  imagesFor(keys: readonly PackageKey[]): Promise<{ orgId: string; imageId: string }[]>;
  keysOf(imageId: string): Promise<PackageKey[]>;
}

// ---------------------------------------------------------------- the durable job queue

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  /** Handler name: `analyze` here; other modules add theirs (`deliver`, `re-evaluate`...). */
  kind: string;
  /** Unique per kind: a second enqueue of the same key is the same job. `analyze`: `org/repository/digest`. */
  key: string;
  orgId?: string;
  repositoryId?: string;
  digest?: string;
  payload: Record<string, unknown>;
  state: JobState;
  /** Claims so far (a crashed worker's claim counts). */
  attempts: number;
  maxAttempts: number;
  /** Not claimed before this time (backoff). */
  runAfter: string;
  leaseOwner?: string;
  leaseUntil?: string;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

export interface EnqueueInput {
  kind: string;
  key: string;
  orgId?: string;
  repositoryId?: string;
  digest?: string;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
  runAfter?: string;
}

export interface JobStore {
  /**
   * Adds a job unless one with the same (kind, key) exists. An existing `failed` job is queued again
   * (fresh attempts) when `retryFailed`; `queued`, `running` and `done` ones are left as they are.
   */
  enqueue(
    input: EnqueueInput,
    options?: { retryFailed?: boolean; now?: string },
  ): Promise<{ job: Job; created: boolean }>;
  /**
   * Takes up to `limit` due jobs for `worker`: queued ones whose `runAfter` has come, and running ones whose
   * lease has expired (their worker died). Safe across processes: PostgreSQL `FOR UPDATE SKIP LOCKED`,
   * SQLite an immediate transaction. A job out of attempts is marked failed instead of claimed.
   */
  claim(
    worker: string,
    options: { leaseMs: number; limit: number; kinds?: readonly string[]; now?: string },
  ): Promise<Job[]>;
  /** Extends the lease while the job runs; false when the lease was lost (another worker took it). */
  heartbeat(id: string, worker: string, leaseUntil: string): Promise<boolean>;
  /** Marks done; false (and nothing changes) when `worker` no longer holds the lease. */
  complete(id: string, worker: string, now?: string): Promise<boolean>;
  /** Queues a retry at `retryAt`, or fails for good when `retryAt` is undefined or attempts are spent. */
  fail(
    id: string,
    worker: string,
    error: string,
    retryAt: string | undefined,
    now?: string,
  ): Promise<boolean>;
  get(id: string): Promise<Job | undefined>;
  list(query: PageQuery & { orgId?: string; state?: JobState; kind?: string }): Promise<Page<Job>>;
  counts(): Promise<Record<JobState, number>>;
}

// ---------------------------------------------------------------- environments (B4)

export interface EnvironmentEntry {
  orgId: string;
  repositoryId: string;
  /** `production`, `staging`. */
  name: string;
  digest: string;
  recordedAt: string;
  recordedBy?: string;
}

export interface EnvironmentStore {
  /** Sets the digest of `name` for a repository (one digest per environment and repository). */
  record(entry: EnvironmentEntry): Promise<EnvironmentEntry>;
  list(orgId: string, query?: { repositoryId?: string; name?: string }): Promise<EnvironmentEntry[]>;
}

// ---------------------------------------------------------------- notifications (E1, E2)

export interface Notification {
  id: string;
  orgId: string;
  userId: string;
  repositoryId: string;
  imageId?: string;
  /** `vulnerability` for E1; other modules may add kinds. */
  kind: string;
  severity: SeverityName;
  title: string;
  body: Record<string, unknown>;
  createdAt: string;
  readAt?: string;
}

export interface NotificationStore {
  create(items: Omit<Notification, 'id' | 'createdAt' | 'readAt'>[], at: string): Promise<Notification[]>;
  list(
    orgId: string,
    userId: string,
    query?: PageQuery & { unreadOnly?: boolean },
  ): Promise<Page<Notification>>;
  /** Marks the given ids (or all) read; returns how many changed. */
  markRead(orgId: string, userId: string, ids: readonly string[] | 'all', at: string): Promise<number>;
  unreadCount(orgId: string, userId: string): Promise<number>;
}

/** Which repositories a user hears about in an org (E2): all, or a chosen list. */
export interface Subscription {
  orgId: string;
  userId: string;
  scope: 'all' | 'selected';
  repositoryIds: string[];
}

export interface SubscriptionStore {
  /** A user with no stored choice hears about all repositories. */
  get(orgId: string, userId: string): Promise<Subscription>;
  set(subscription: Subscription): Promise<Subscription>;
  /** Members to notify about a repository. */
  subscribersOf(orgId: string, repositoryId: string): Promise<string[]>;
}

/** A team integration: a Slack-compatible webhook, payloads signed with HMAC-SHA256 under its secret. */
export interface Integration {
  id: string;
  orgId: string;
  kind: 'webhook';
  name: string;
  url: string;
  enabled: boolean;
  createdAt: string;
}

export interface IntegrationRecord extends Integration {
  /** Sealed with the store key (the signature needs the plain secret back). */
  secretSealed: string;
}

export interface IntegrationStore {
  create(input: Omit<IntegrationRecord, 'id' | 'createdAt'>): Promise<IntegrationRecord>;
  get(orgId: string, id: string): Promise<IntegrationRecord | undefined>;
  list(orgId: string): Promise<IntegrationRecord[]>;
  update(
    orgId: string,
    id: string,
    patch: Partial<Pick<IntegrationRecord, 'name' | 'url' | 'enabled' | 'secretSealed'>>,
  ): Promise<IntegrationRecord | undefined>;
  delete(orgId: string, id: string): Promise<boolean>;
}

// ---------------------------------------------------------------- the store

export interface Store {
  readonly dialect: StoreDialect;
  readonly orgs: OrgStore;
  readonly users: UserStore;
  readonly memberships: MembershipStore;
  readonly sessions: SessionStore;
  readonly tokens: TokenStore;
  readonly registries: RegistryStore;
  readonly repositories: RepositoryStore;
  readonly images: ImageStore;
  readonly packageIndex: PackageIndexStore;
  readonly jobs: JobStore;
  readonly environments: EnvironmentStore;
  readonly notifications: NotificationStore;
  readonly subscriptions: SubscriptionStore;
  readonly integrations: IntegrationStore;
  /** Runs `fn` with every repository bound to one transaction: all of it is written, or none. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Throws when the database cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://…` for PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string;
  /** Default `<data dir>/crowsnest.db`. */
  sqlitePath?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}
