// Read models for the dashboard: repositories with their latest image, packages and vulnerabilities across
// an org, and the images behind each. Every query is scoped by org id like the rest of the store.
import type { AnalysisMode, Page, PageQuery, SeverityCounts, SeverityName } from '../types.js';
import type { ImageRecord } from './images.js';
import type { Repository } from './registries.js';

/** The image the repository's last-pushed tag points at now (one platform of an index: linux/amd64 first). */
export interface LatestImage {
  tag: string;
  /** What the tag points at: a manifest or an index. */
  digest: string;
  pushedAt: string;
  /** Every analysed platform of that tag (`linux/amd64`, `linux/arm64`). */
  platforms: string[];
  /** The representative analysed image, when one is stored. */
  imageId?: string;
  platform?: string;
  counts?: SeverityCounts;
  analyzedAt?: string;
}

export interface RepositoryOverview extends Repository {
  /** Analysed images stored for the repository (every tag and digest). */
  analyzedImages: number;
  latest?: LatestImage;
}

/** `severity` sorts by the latest image's counts (critical, then high, medium, low); `-severity` worst first. */
export type RepositoryOverviewSort =
  | 'name'
  | '-name'
  | 'lastPushedAt'
  | '-lastPushedAt'
  | 'severity'
  | '-severity';

export interface RepositoryOverviewQuery extends PageQuery {
  /** Case-insensitive substring of the repository name. */
  search?: string;
  registryId?: string;
  mode?: AnalysisMode;
  /** Only repositories whose latest image has at least one finding of this severity. */
  severity?: SeverityName;
  sort?: RepositoryOverviewSort;
}

/** One package (type, name, version) and how many of the org's analysed images hold it. */
export interface PackageUsage {
  type: string;
  name: string;
  version: string;
  purl: string;
  images: number;
}

export type PackageUsageSort = 'name' | '-name' | 'images' | '-images' | 'type' | '-type';

export interface PackageUsageQuery extends PageQuery {
  /** Case-insensitive substring of the name. */
  search?: string;
  type?: string;
  /** Exact name (with `type`, the package's versions across the org). */
  name?: string;
  repositoryId?: string;
  sort?: PackageUsageSort;
}

/** One vulnerability across an org's analysed images (suppressed findings left out unless asked for). */
export interface VulnerabilityUsage {
  id: string;
  /** The worst severity any finding of it has. */
  severity: SeverityName;
  /** Highest CVSS base score of its findings. */
  cvss?: number;
  /** Some affected package has a fixed version. */
  fixAvailable: boolean;
  kev: boolean;
  images: number;
  packages: number;
}

export type VulnerabilityUsageSort =
  | 'severity'
  | '-severity'
  | 'cvss'
  | '-cvss'
  | 'images'
  | '-images'
  | 'id'
  | '-id';

export interface VulnerabilityUsageQuery extends PageQuery {
  /** Case-insensitive substring of the id or of an affected package's name. */
  search?: string;
  severity?: SeverityName;
  fixAvailable?: boolean;
  kev?: boolean;
  repositoryId?: string;
  includeSuppressed?: boolean;
  sort?: VulnerabilityUsageSort;
}

/** An image one vulnerability affects, with the package it was found in. */
export interface AffectedImage {
  orgId: string;
  imageId: string;
  repositoryId: string;
  repositoryName: string;
  digest: string;
  platform?: string;
  vulnerabilityId: string;
  packageName: string;
  packageVersion: string;
  severity: SeverityName;
  fixState: 'fixed' | 'not-fixed' | 'will-not-fix' | 'unknown';
  fixedVersions: string[];
}

export interface DashboardStore {
  /**
   * A fingerprint of what the dashboard lists show: the org's images (how many, when last analysed or
   * re-evaluated, their counts), repositories (how many, last change, last push), tag pointers and index
   * links. It changes when an analysis or re-evaluation is saved, a repository is added, changed or pushed
   * to, or data is removed, so lists can be reused while it stays the same.
   */
  version(orgId: string): Promise<string>;
  repositories(orgId: string, query?: RepositoryOverviewQuery): Promise<Page<RepositoryOverview>>;
  packages(orgId: string, query?: PackageUsageQuery): Promise<Page<PackageUsage>>;
  /** The org's images holding a package (any version when `version` is absent), newest push first. */
  imagesWithPackage(
    orgId: string,
    pkg: { type: string; name: string; version?: string },
    query?: PageQuery,
  ): Promise<Page<ImageRecord>>;
  /** The analysed images at a digest: the manifest itself, or every platform image an index lists. */
  imagesAt(orgId: string, repositoryId: string, digest: string): Promise<ImageRecord[]>;
  vulnerabilities(orgId: string, query?: VulnerabilityUsageQuery): Promise<Page<VulnerabilityUsage>>;
  /**
   * Findings of any of `ids` (a vulnerability and its aliases) in the given orgs' images, one row per image and
   * package, worst first.
   */
  affectedImages(
    orgIds: readonly string[],
    ids: readonly string[],
    query?: PageQuery,
  ): Promise<Page<AffectedImage>>;
}
