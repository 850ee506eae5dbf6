/** The analysis job kind. */
export const ANALYZE = 'analyze';

/** The job key that makes analysis idempotent per org, repository and digest. */
export const analyzeKey = (orgId: string, repositoryId: string, digest: string): string =>
  `${orgId}/${repositoryId}/${digest}`;
