// The versioning layer's public surface.
export { compareVersions, requireScheme } from './compare.js';
export { describeRange } from './describe-range.js';
export { evaluateAffected } from './osv-range.js';
export type { OsvAffected, OsvEvent, OsvRange, OsvRangeType, RangeVerdict } from './osv-types.js';
export { schemeFor, schemeIdFor, schemes } from './registry.js';
export type { SchemeId, VersionScheme } from './types.js';
