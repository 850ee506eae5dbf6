// The library's public surface: explicit re-exports only.

export type { Digest } from './core/digest.js';
export { AppError, type ErrorCode, exitCodeFor } from './core/errors.js';
export { defaultLimits, type Limits } from './core/limits.js';
export { VERSION } from './core/version.js';
export type { ContentSelector, FileEntry, FileTree, LayerSummary } from './fs/types.js';
export type { Descriptor, Image, ImageConfig, LayerInfo, Platform } from './image/types.js';
