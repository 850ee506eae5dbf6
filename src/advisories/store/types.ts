import type { Advisory, EpssEntry, KevEntry } from '../model.js';

export type OperationStatus = 'updated' | 'unchanged' | 'failed';

/** One run of one feed, as recorded in the database. */
export interface UpdateOperation {
  id: number;
  source: string;
  started: string;
  finished: string;
  /** ETag, Last-Modified or content hash that identifies what was read. */
  fingerprint?: string;
  status: OperationStatus;
  /** Where the data came from: a URL or a local path. */
  origin?: string;
  error?: string;
  added: number;
  changed: number;
  withdrawn: number;
  removed: number;
  problems: number;
}

export type ChangeKind = 'added' | 'changed' | 'withdrawn' | 'removed' | 'kev-added' | 'kev-removed';

export interface AdvisoryChange {
  change: ChangeKind;
  source: string;
  /** Advisory id, or the CVE for KEV changes. */
  id: string;
}

/** What one operation changed: the next stages re-evaluate stored images from `packages`. */
export interface UpdateDiff {
  operation: UpdateOperation;
  changes: AdvisoryChange[];
  /** Normalised (ecosystem, name) keys of every package named by an old or new version of a changed record. */
  packages: { ecosystem: string; name: string }[];
}

export interface SourceStatus {
  source: string;
  records: number;
  fingerprint?: string;
  lastAttempt?: string;
  lastSuccess?: string;
  lastChange?: string;
  lastError?: string;
}

export interface DbStatus {
  path: string;
  schemaVersion: number;
  sizeBytes: number;
  advisories: number;
  packages: number;
  kev: number;
  epss: number;
  sources: SourceStatus[];
  /** Newest successful run of any source. */
  lastUpdate?: string;
}

export interface ByPackageOptions {
  includeWithdrawn?: boolean;
}

export interface PackageHit {
  ecosystem: string;
  name: string;
  advisories: number;
}

/** The read side the matcher uses. Every method is synchronous and backed by prepared statements. */
export interface AdvisoryDb {
  readonly path: string;
  byPackage(ecosystem: string, name: string, options?: ByPackageOptions): Advisory[];
  byId(id: string): Advisory | undefined;
  /** Every record in the id's alias group, both ways: CVE → DSA/GHSA/USN..., DSA → its CVEs. */
  byAlias(id: string): Advisory[];
  kev(cve: string): KevEntry | undefined;
  epss(cve: string): EpssEntry | undefined;
  /** Packages with this name in any ecosystem (or one ecosystem), for search. */
  findPackages(name: string, ecosystem?: string): PackageHit[];
  status(): DbStatus;
  listUpdateOperations(limit?: number): UpdateOperation[];
  diffOf(operationId: number): UpdateDiff | undefined;
  close(): void;
}
