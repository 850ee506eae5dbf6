/**
 * The data that flows through pull analytics, one stage after another:
 * ManifestRequest (from a registry event) → ClassifiedAction (sessions) → PullRow (enriched, texts as label ids, no IP) → store.
 */

export type ManifestMethod = 'GET' | 'HEAD';

/** One manifest request a registry reported. The only stage that still holds the client's address. */
export interface ManifestRequest {
  /** The registry's event id (dedupe key). */
  id: string;
  /** Event time, milliseconds since the epoch (UTC). */
  ts: number;
  /** Full repository name, e.g. `acme/app`. */
  repository: string;
  method: ManifestMethod;
  /** Present only when the client addressed the manifest by tag. */
  tag?: string;
  /** The digest the registry resolved (for a tag: the digest it answered with). */
  digest: string;
  mediaType: string;
  /** Client IP address without port. */
  addr: string;
  /** Authenticated subject, when the registry had one. */
  actor?: string;
  userAgent: string;
}

export type ActionKind = 'version_check' | 'pull_by_tag' | 'pull_by_digest';

/** Stable small codes stored in the `kind` column; reports test `kind = 1` for version checks. */
export const actionKindCodes: Record<ActionKind, number> = {
  version_check: 1,
  pull_by_tag: 2,
  pull_by_digest: 3,
};

/** One classified action: the requests of one client session folded into the seed's categories. */
export interface ClassifiedAction {
  kind: ActionKind;
  /** The request that started the action; its digest is the action's digest (the index for multi-arch). */
  first: ManifestRequest;
  /** How many manifest requests were folded into this action. */
  requests: number;
  /** True when the starting request arrived after its session could have been closed. */
  late: boolean;
}

export type IpType = 'business' | 'isp' | 'hosting' | 'education';
export type UseCase = 'Local Dev' | 'CI/CD' | 'Prod' | 'Unknown';

/** What enrichment knows about a client network; derived from the IP, which is then dropped. */
export interface NetworkInfo {
  country: string | null;
  asn: number | null;
  organization: string | null;
  /** `aws`, `gcp`, `azure`, … or `no csp`. */
  csp: string;
  ipType: IpType | null;
}
