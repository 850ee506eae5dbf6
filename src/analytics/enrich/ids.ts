/** What enrichment derives from a request's texts, as label ids of the shard's label dictionary. */

/** What a client address contributes to a row. */
export interface NetworkIds {
  country: number;
  csp: number;
  ipType: number;
  /** The domain plan's answer for pulls that are not signed in with a company email. */
  domain: number;
  company: number;
  cloud: boolean;
}

export interface AgentIds {
  tool: number;
  version: number;
  /** INFERRED_USE_CASE off and on cloud hosts (the seed's reclassification). */
  useCase: number;
  cloudUseCase: number;
}

export interface RepositoryIds {
  repository: number;
  namespace: number;
}
