// The library's public surface: explicit re-exports only.
export { AppError, type ErrorCode, exitCodeFor } from './core/errors.js';
export type { Digest } from './core/digest.js';
export { type Limits, defaultLimits } from './core/limits.js';
export { VERSION } from './core/version.js';

export type { Image, ImageConfig, LayerInfo, Platform, Descriptor } from './image/types.js';
export { parseInput, type ImageInput, type InputKind } from './image/input.js';
export { openImage, readTree, type OpenImageOptions } from './image/open.js';
export { parseReference, type ImageReference } from './image/reference.js';
export { inspectImage, type InspectReport } from './image/inspect.js';
export type { FileEntry, FileTree, LayerSummary, ContentSelector } from './fs/types.js';

export type { Package, PackageType, Sbom, Distro, Location, Unknown } from './sbom/types.js';
export { buildSbom, type BuildSbomOptions } from './sbom/build.js';
export { encodeCycloneDx } from './sbom/formats/cyclonedx-encode.js';
export { encodeSpdx } from './sbom/formats/spdx-encode.js';
export { encodeNative } from './sbom/formats/native.js';
export { readSbomFile, decodeSbom } from './sbom/formats/read-sbom.js';
export type { Cataloger } from './catalog/types.js';
export { catalogers } from './catalog/registry.js';

export {
  compareVersions,
  describeRange,
  evaluateAffected,
  schemeFor,
  type OsvAffected,
  type RangeVerdict,
  type SchemeId,
  type VersionScheme,
} from './versioning/index.js';
