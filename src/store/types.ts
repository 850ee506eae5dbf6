/**
 * The store's contracts: one repository interface per aggregate, over SQLite or PostgreSQL alike. Every
 * read that returns org data takes the org id first, so a query can never cross orgs by omission. Times
 * are ISO-8601 UTC strings (`Date#toISOString`), which sort the same as the instants they name.
 */
import type { SeverityCounts, SeverityName } from '../report/types.js';
import type { MembershipStore, OrgStore, SessionStore, TokenStore, UserStore } from './contracts/accounts.js';
import type { DashboardStore } from './contracts/dashboard.js';
import type { ImageStore, PackageIndexStore } from './contracts/images.js';
import type { JobStore } from './contracts/jobs.js';
import type { RegistryStore, RepositoryStore } from './contracts/registries.js';
import type {
  EnvironmentStore,
  IntegrationStore,
  NotificationStore,
  SettingsStore,
  SubscriptionStore,
} from './contracts/teamwork.js';

export type * from './contracts/accounts.js';
export type * from './contracts/dashboard.js';
export type * from './contracts/images.js';
export type * from './contracts/jobs.js';
export type * from './contracts/registries.js';
export type * from './contracts/teamwork.js';
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
  readonly settings: SettingsStore;
  /** Read models for the dashboard (repositories with their latest image, org-wide packages and vulnerabilities). */
  readonly dashboard: DashboardStore;
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
