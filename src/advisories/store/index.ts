export { pruneOperationDiffs } from './operations.js';
export { cacheDir, DB_FILE_NAME, defaultDbPath } from './paths.js';
export { openAdvisoryDb } from './reader.js';
export { openUpdateSession, type UpdateSession } from './session.js';
export type * from './types.js';
export {
  applyPayload,
  type OperationMeta,
  type OperationSummary,
  previousRun,
  recordFailure,
  recordUnchanged,
} from './writer.js';
