import type { Digest } from '../core/digest.js';

/** Package types, named as package URL types (plus `github-action`, purl type `github`). */
export type PackageType =
  | 'deb'
  | 'apk'
  | 'rpm'
  | 'alpm'
  | 'npm'
  | 'pypi'
  | 'maven'
  | 'golang'
  | 'gem'
  | 'composer'
  | 'nuget'
  | 'cargo'
  | 'github-action';

/** A file that shows a package is there. */
export interface Location {
  /** Absolute path in the image (for a file inside an archive: `/app/x.war!/WEB-INF/lib/y.jar`). */
  path: string;
  /** Index of the layer that wrote this file (0 for directories, which have no layers). */
  layer: number;
}

export interface SourcePackage {
  name: string;
  version?: string;
}

/** One package found in an image. The one package model every stage uses. */
export interface Package {
  /** Stable within an SBOM: derived from type, name, version and first location. */
  id: string;
  type: PackageType;
  name: string;
  version: string;
  purl: string;
  /** SPDX license ids or expressions where known, the declared text otherwise. */
  licenses: string[];
  /** Evidence files; the first is the primary one. */
  locations: Location[];
  /** Index of the layer that introduced this package (this name at this version); 0 for directories. */
  layer: number;
  /** The source package (Debian source, RPM source RPM, Alpine origin), when the ecosystem has one. */
  source?: SourcePackage;
  /** The cataloger that found it (its id). */
  foundBy: string;
  /** Ecosystem specifics: arch, epoch, Maven groupId, Go main module, RPM modularity label, ... */
  metadata?: Record<string, unknown>;
}

/** A file a cataloger could not read: the scan goes on, and the SBOM says what it could not see. */
export interface Unknown {
  path: string;
  layer: number;
  cataloger: string;
  reason: string;
}

export interface Distro {
  /** os-release ID: debian, ubuntu, alpine, rhel, almalinux, rocky, fedora, amzn, sles, opensuse-leap, arch, wolfi... */
  id: string;
  versionId?: string;
  /** VERSION_CODENAME (bookworm, jammy). */
  codename?: string;
  name?: string;
  prettyName?: string;
  idLike?: string[];
  /** True when the image has no package manager database but distro files (distroless). */
  distroless?: boolean;
}

export interface SbomSource {
  kind: string;
  location: string;
  reference?: string;
  manifestDigest?: Digest;
  indexDigest?: Digest;
  configDigest?: Digest;
  platform?: string;
  layers: { index: number; digest: Digest; diffId: Digest; createdBy?: string }[];
  /** Base image names from provenance attestations, when the image carries them. */
  baseImages?: string[];
}

/** crowsnest's native SBOM: everything the other formats carry, and read back losslessly. */
export interface Sbom {
  schema: 'crowsnest-sbom/1';
  createdAt: string;
  tool: { name: 'crowsnest'; version: string };
  source: SbomSource;
  distro?: Distro;
  packages: Package[];
  unknowns: Unknown[];
  catalogers: { id: string; version: number }[];
}
