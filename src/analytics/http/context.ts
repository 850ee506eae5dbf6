import type { AnalyticsSettings } from '../settings.js';
import type { AnalyticsStore } from '../store/store.js';

/** What a bearer token may read: every namespace, or a list (an org's namespaces). */
export interface Access {
  namespaces: '*' | string[];
}

export interface AnalyticsHttpOptions {
  store: AnalyticsStore;
  settings: AnalyticsSettings;
  /** Bearer token → access; null for an unknown token (401). The server backs this with its API tokens. */
  authorize: (token: string) => Access | null | Promise<Access | null>;
  /** Secret that signs export download links. */
  signingSecret: string;
  /** Where the server mounts these routes (default `/api/analytics`). */
  basePath?: string;
  now?: () => number;
  /** How long a signed export link stays valid (default 15 minutes). */
  linkTtlMs?: number;
}

export interface RouteContext {
  url: URL;
  access: Access;
  options: AnalyticsHttpOptions;
  base: string;
  now: number;
}

export const canRead = (access: Access, namespace: string): boolean =>
  access.namespaces === '*' || access.namespaces.includes(namespace);
