// Environments, notifications, subscriptions, integrations, server settings.
import type { Page, PageQuery, SeverityName } from '../types.js';

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

// ---------------------------------------------------------------- server settings

/** Server-wide key/value settings (not org data): the setup token's hash, feature switches. */
export interface SettingsStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
}
