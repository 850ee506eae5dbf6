// The advisories module's public surface: the model, the read API the matcher uses, and the update paths.

export { ecosystemKey, osvEcosystem, packageKey } from './ecosystems.js';
export { feedRegistry } from './feeds/registry.js';
export type { Feed, FetchContext, FetchResult } from './feeds/types.js';
export { runImport } from './import/run.js';
export type * from './model.js';
export { searchAdvisories } from './search.js';
export { highestSeverity, ratingOf, scoreVector } from './severity.js';
export { cacheDir, defaultDbPath, openAdvisoryDb } from './store/index.js';
export type {
  AdvisoryChange,
  AdvisoryDb,
  DbStatus,
  SourceStatus,
  UpdateDiff,
  UpdateOperation,
} from './store/types.js';
export { type FeedOutcome, runUpdate } from './update/run.js';
