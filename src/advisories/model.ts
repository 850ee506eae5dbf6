/**
 * The advisory model: OSV-shaped (field names follow the OSV schema, so OSV records are stored as they come)
 * plus crowsnest's own fields: the feed that produced a record, distro statuses kept whole, and scores
 * computed once at import time.
 */

/** OSV severity types, plus the qualitative ratings distros publish (Ubuntu priority, Debian urgency...). */
export type SeverityType =
  | 'CVSS_V2'
  | 'CVSS_V3'
  | 'CVSS_V4'
  | 'Ubuntu'
  | 'Debian'
  | 'GHSA'
  | 'NSWG'
  | (string & {});

export interface Severity {
  type: SeverityType;
  /** A CVSS vector, a bare CVSS base score ("7.5", for feeds that publish only the number), or a rating. */
  score: string;
  /** Who assigned it: a database ("nvd", "GHSA", "rubysec") or the feed id. */
  source?: string;
}

export type Rating = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown';

/** The score shown for an advisory: the highest of all its sources, naming the one it came from. */
export interface ShownSeverity {
  rating: Rating;
  /** CVSS base score, absent when only a qualitative rating exists. */
  score?: number;
  type: SeverityType;
  vector?: string;
  source: string;
}

export interface RangeEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface AffectedRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT' | (string & {});
  repo?: string;
  events: RangeEvent[];
  database_specific?: Record<string, unknown>;
}

export interface AffectedPackage {
  ecosystem: string;
  name: string;
  purl?: string;
}

export interface Affected {
  package: AffectedPackage;
  ranges?: AffectedRange[];
  versions?: string[];
  severity?: Severity[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface Reference {
  type: string;
  url: string;
}

/**
 * What a distro says about one source package in one release. Kept whole rather than flattened into
 * ranges, because "no fix yet" and "will not be fixed" lead to different advice.
 */
export type DistroStatusKind =
  | 'fixed'
  | 'unfixed'
  | 'will-not-fix'
  | 'no-dsa'
  | 'postponed'
  | 'ignored'
  | 'not-affected'
  | 'end-of-life'
  | 'undetermined';

export interface DistroStatus {
  /** OSV ecosystem with release, e.g. "Debian:12", "Ubuntu:20.04:LTS", "Alpine:v3.18". */
  ecosystem: string;
  /** The distro's own release name, e.g. "bookworm". */
  release?: string;
  /** Source package name. */
  package: string;
  status: DistroStatusKind;
  /** Fixed version for `fixed`; the version the distro names for other statuses when it gives one. */
  version?: string;
  /** The distro's reason or comment, verbatim ("Minor issue", "reached end-of-life"). */
  note?: string;
  /** The distro's urgency or priority for this release, verbatim. */
  urgency?: string;
}

export interface Advisory {
  schema_version?: string;
  id: string;
  /** RFC 3339. For feeds without dates, the store sets it to when it first saw this content. */
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases: string[];
  /** OSV 1.7 `upstream`: the records this one is derived from (UBUNTU-CVE-x → CVE-x). */
  upstream?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: Severity[];
  affected: Affected[];
  references?: Reference[];
  credits?: { name: string; contact?: string[]; type?: string }[];
  database_specific?: Record<string, unknown>;
  /** crowsnest: the feed id that produced this record. */
  source: string;
  /** crowsnest: distro statuses per (release, source package), when the feed publishes them. */
  distro_statuses?: DistroStatus[];
  /** crowsnest: the highest of all severities, computed at import. */
  shown_severity?: ShownSeverity;
}

export interface KevEntry {
  cve: string;
  dateAdded: string;
  dueDate?: string;
  /** "Known" or "Unknown" as CISA publishes it. */
  ransomwareUse?: string;
  vendor?: string;
  product?: string;
  name?: string;
}

export interface EpssEntry {
  cve: string;
  score: number;
  percentile: number;
  /** Score date (YYYY-MM-DD) when the feed states it. */
  date?: string;
  model?: string;
}

/** What one feed delivers. `complete` means it is the whole upstream set, so absent records were removed. */
export interface FeedPayload {
  advisories: Advisory[];
  kev?: KevEntry[];
  epss?: EpssEntry[];
  complete: boolean;
  /** Records skipped with the reason, so one bad record never stops a feed. */
  problems: string[];
}

export function emptyPayload(complete = true): FeedPayload {
  return { advisories: [], complete, problems: [] };
}
