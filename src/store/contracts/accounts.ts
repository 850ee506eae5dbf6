// Orgs, users, memberships, sessions and API tokens.
import type { Role } from '../types.js';

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
