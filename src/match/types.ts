import type { Advisory, DistroStatus, EpssEntry, KevEntry, ShownSeverity } from '../advisories/model.js';
import type { Distro, Package } from '../sbom/types.js';

/** How a package was looked up in the advisory database. */
export type MatchMethod =
  | 'binary-package' // a distro package by its own name
  | 'source-package' // a distro package by its source package (Debian source, SRPM, Alpine origin)
  | 'language-package' // a language package by its ecosystem-normalised name
  | 'go-stdlib'; // the Go standard library found in a binary

/** Why one package matched one advisory record: enough to answer "why is this reported?". */
export interface MatchEvidence {
  method: MatchMethod;
  /** The database key that was searched. */
  searchedBy: { ecosystem: string; name: string };
  /** The package version that was compared. */
  version: string;
  /** The record that matched and the feed it came from. */
  advisoryId: string;
  feed: string;
  /** The affected range that contains the version, as text (`>=1.0.0, <1.2.3`); or `versions list`. */
  range?: string;
  /** The fix from that range or distro status, when there is one. */
  fixedVersion?: string;
  /** The distro's own statement for this release and source package, kept whole. */
  distroStatus?: DistroStatus;
}

export type FixState = 'fixed' | 'not-fixed' | 'will-not-fix' | 'unknown';

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

export interface VexVerdict {
  status: VexStatus;
  justification?: string;
  impactStatement?: string;
  actionStatement?: string;
  /** The VEX document (file or URL) the statement came from. */
  document: string;
}

/** One vulnerability in one package: what every report renders. */
export interface Finding {
  /** The CVE where one exists, else the advisory's own id (GHSA-..., DSA-...). */
  id: string;
  /** Every other id of the same vulnerability (alias group), sorted. */
  aliases: string[];
  /** `Package.id` of the affected package. */
  packageId: string;
  /** The highest severity of all sources, naming the source. */
  severity: ShownSeverity;
  fix: { state: FixState; versions: string[] };
  /** The distro's status text for display ("no-dsa", "postponed"...), for distro packages. */
  distroStatus?: DistroStatus['status'];
  kev?: Omit<KevEntry, 'cve'>;
  epss?: Omit<EpssEntry, 'cve'>;
  summary?: string;
  published?: string;
  /** Advisory URLs, the primary one first. */
  urls: string[];
  vex?: VexVerdict;
  /** True when VEX says not_affected (or fixed): hidden unless asked for. */
  suppressed: boolean;
  /** Every record that matched, one per (feed, record). */
  matches: MatchEvidence[];
}

/** A package the matcher could not evaluate (unknown version scheme, unparsable version): never silent. */
export interface NotEvaluated {
  packageId: string;
  advisoryId?: string;
  reason: string;
}

export interface MatchResult {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
}

/** The records a matcher needs, so matchers stay testable without a database file. */
export interface AdvisorySource {
  byPackage(ecosystem: string, name: string): Advisory[];
  byAlias(id: string): Advisory[];
  kev(cve: string): KevEntry | undefined;
  epss(cve: string): EpssEntry | undefined;
}

/** One package matched to one advisory record: what the findings step groups. */
export interface Match {
  packageId: string;
  /** The record as the look-up returned it (for its aliases, severity, summary and references). */
  advisory: Advisory;
  evidence: MatchEvidence;
  /** What this record says about a fix: from its range, or from the distro's status. */
  fixState: FixState;
}

/** What a matcher found for one package: matches, and what it could not evaluate (never silent). */
export interface PackageMatches {
  matches: Match[];
  notEvaluated: NotEvaluated[];
}

/** Finds the advisories of one ecosystem's packages. One per ecosystem, built from shared helpers. */
export interface Matcher {
  id: string;
  /** Package types this matcher handles. */
  types: readonly Package['type'][];
  match(pkg: Package, context: MatchContext): PackageMatches;
}

export interface MatchContext {
  db: AdvisorySource;
  /**
   * The image's distribution, for distro packages (matched within its release, `Debian:12`). Without one,
   * a package's purl `distro` qualifier stands in (SBOM files often carry no distribution of their own).
   */
  distro?: Distro;
  /**
   * Verdicts already reached in this scan, per record and compared version (and scope): an image holds the
   * same package many times (a jar in three wars, the Go toolchain in every binary, a lock file beside
   * node_modules), and each record is evaluated once per version.
   */
  verdicts?: VerdictMemo;
}

/** Per-scan memo of record verdicts: record → key (version, scope) → outcome. */
export type VerdictMemo = WeakMap<Advisory, Map<string, unknown>>;
