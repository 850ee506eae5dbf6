/**
 * The tables as Kysely sees them. Portable column types only: text (ids, ISO times, JSON), integer
 * (counts, 0/1 flags), double precision, and binary (compressed documents). Each module maps rows to the
 * contract types in ./types.ts.
 */
import type { Kysely, Transaction } from 'kysely';

export interface OrgsTable {
  id: string;
  slug: string;
  name: string;
  max_enabled_repositories: number | null;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

export interface MembershipsTable {
  org_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  secret_hash: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  org_id: string;
  user_id: string;
  name: string;
  role: string;
  prefix: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface RegistriesTable {
  id: string;
  org_id: string;
  name: string;
  url: string;
  username: string | null;
  credentials_sealed: string | null;
  webhook_secret_hash: string;
  poll_interval_seconds: number | null;
  last_polled_at: string | null;
  created_at: string;
}

export interface RepositoriesTable {
  id: string;
  org_id: string;
  registry_id: string;
  name: string;
  mode: string;
  last_pushed_tag: string | null;
  last_pushed_digest: string | null;
  last_pushed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Where each tag of a repository points now (the manifest or index digest last pushed under it). */
export interface RepositoryTagsTable {
  repository_id: string;
  tag: string;
  digest: string;
  pushed_at: string;
}

/** Which platform manifests an index lists (tags on the index reach its images through this). */
export interface IndexManifestsTable {
  repository_id: string;
  index_digest: string;
  manifest_digest: string;
}

export interface ImagesTable {
  id: string;
  org_id: string;
  repository_id: string;
  digest: string;
  index_digest: string | null;
  platform: string | null;
  image_created_at: string | null;
  pushed_at: string;
  mode: string;
  analyzed_at: string;
  evaluated_at: string;
  critical: number;
  high: number;
  medium: number;
  low: number;
  unspecified: number;
  packages: number;
  vulnerable_packages: number;
  fixable: number;
}

/** Gzipped JSON documents, kept apart from `images` so lists never read them. */
export interface ImageDocumentsTable {
  image_id: string;
  sbom: Buffer;
  /** The report without its package list (the SBOM has it). */
  report: Buffer;
}

export interface ImageFindingsTable {
  image_id: string;
  vulnerability_id: string;
  package_id: string;
  package_name: string;
  package_version: string;
  package_type: string;
  severity: string;
  /** 0 critical … 4 unspecified, for sorting. */
  severity_rank: number;
  cvss: number | null;
  fix_state: string;
  /** JSON array. */
  fixed_versions: string;
  kev: number;
  suppressed: number;
}

export interface ImagePackagesTable {
  image_id: string;
  package_id: string;
  type: string;
  name: string;
  version: string;
  purl: string;
  layer: number;
}

export interface PackageKeysTable {
  image_id: string;
  ecosystem: string;
  name: string;
}

export interface ImageHistoryTable {
  image_id: string;
  at: string;
  critical: number;
  high: number;
  medium: number;
  low: number;
  unspecified: number;
  reason: string;
  operation_id: number | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  key: string;
  org_id: string | null;
  repository_id: string | null;
  digest: string | null;
  /** JSON object. */
  payload: string;
  state: string;
  attempts: number;
  max_attempts: number;
  run_after: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface EnvironmentsTable {
  org_id: string;
  repository_id: string;
  name: string;
  digest: string;
  recorded_at: string;
  recorded_by: string | null;
}

export interface NotificationsTable {
  id: string;
  org_id: string;
  user_id: string;
  repository_id: string;
  image_id: string | null;
  kind: string;
  severity: string;
  title: string;
  /** JSON object. */
  body: string;
  created_at: string;
  read_at: string | null;
}

export interface SubscriptionsTable {
  org_id: string;
  user_id: string;
  scope: string;
  /** JSON array of repository ids. */
  repository_ids: string;
}

export interface IntegrationsTable {
  id: string;
  org_id: string;
  kind: string;
  name: string;
  url: string;
  enabled: number;
  secret_sealed: string;
  created_at: string;
}

/** Server-wide key/value settings (the setup token's hash, ...). */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  orgs: OrgsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  registries: RegistriesTable;
  repositories: RepositoriesTable;
  repository_tags: RepositoryTagsTable;
  index_manifests: IndexManifestsTable;
  images: ImagesTable;
  image_documents: ImageDocumentsTable;
  image_findings: ImageFindingsTable;
  image_packages: ImagePackagesTable;
  package_keys: PackageKeysTable;
  image_history: ImageHistoryTable;
  jobs: JobsTable;
  environments: EnvironmentsTable;
  notifications: NotificationsTable;
  subscriptions: SubscriptionsTable;
  integrations: IntegrationsTable;
  settings: SettingsTable;
}

/** A database handle or an open transaction: every module's queries run on either. */
export type Db = Kysely<Database> | Transaction<Database>;
