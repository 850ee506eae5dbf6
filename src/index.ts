// The library's public surface: explicit re-exports only.

export { catalogers } from './catalog/registry.js';
export type { Cataloger } from './catalog/types.js';
export type { Digest } from './core/digest.js';
export { AppError, type ErrorCode, exitCodeFor } from './core/errors.js';
export { defaultLimits, type Limits } from './core/limits.js';
export { VERSION } from './core/version.js';
export type { ContentSelector, FileEntry, FileTree, LayerSummary } from './fs/types.js';
export { type ImageInput, type InputKind, parseInput } from './image/input.js';
export { type InspectReport, inspectImage } from './image/inspect.js';
export { type OpenImageOptions, openImage, readTree } from './image/open.js';
export { type ImageReference, parseReference } from './image/reference.js';
export type { Descriptor, Image, ImageConfig, LayerInfo, Platform } from './image/types.js';
export { type MatchOptions, matchSbom } from './match/match.js';
export type {
  Finding,
  FixState,
  MatchEvidence,
  MatchMethod,
  MatchResult,
  NotEvaluated,
  VexStatus,
  VexVerdict,
} from './match/types.js';
export { compareReports } from './report/compare.js';
export { applyFilters } from './report/filters.js';
export { renderers } from './report/renderers/registry.js';
export { type ScanOptions, type ScanProgress, scan, scanSbom } from './report/scan.js';
export type { Report, SeverityCounts, SeverityName } from './report/types.js';
export { type BuildSbomOptions, buildSbom } from './sbom/build.js';
export { encodeCycloneDx } from './sbom/formats/cyclonedx-encode.js';
export { encodeNative } from './sbom/formats/native.js';
export { decodeSbom, readSbomFile } from './sbom/formats/read-sbom.js';
export { encodeSpdx } from './sbom/formats/spdx-encode.js';
export type { Distro, Location, Package, PackageType, Sbom, Unknown } from './sbom/types.js';
export {
  compareVersions,
  describeRange,
  evaluateAffected,
  type OsvAffected,
  type RangeVerdict,
  type SchemeId,
  schemeFor,
  type VersionScheme,
} from './versioning/index.js';
