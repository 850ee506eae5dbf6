// Images, their analyses and the package index.
import type { Report, SeverityCounts, SeverityName } from '../../report/types.js';
import type { Sbom } from '../../sbom/types.js';
import type { Page, PageQuery } from '../types.js';

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
  /** Tags pointing at this manifest or at its index now (from the repository's tag pointers). */
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
  /** Absent: the reverse-index rows stay (they depend on the SBOM alone, which a re-evaluation keeps). */
  packageKeys?: PackageKey[];
  operationId?: number;
}

export interface ImageStore {
  /** Creates or replaces the analysis of (repository, digest): idempotent (a retry rewrites, never adds). */
  saveAnalysis(write: AnalysisWrite): Promise<ImageRecord>;
  /** Replaces findings and counts, adds a history point. A point-in-time image is refused (E_CONFLICT). */
  saveEvaluation(write: EvaluationWrite): Promise<ImageRecord>;
  get(orgId: string, id: string): Promise<ImageRecord | undefined>;
  getByDigest(orgId: string, repositoryId: string, digest: string): Promise<ImageRecord | undefined>;
  list(orgId: string, query?: ImageQuery): Promise<Page<ImageRecord>>;
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
