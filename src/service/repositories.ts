import { AppError } from '../core/errors.js';
import type { AnalysisMode, Repository, Store } from '../store/types.js';
import { ANALYZE, analyzeKey } from './job-keys.js';
import { registryAccess } from './registry-access.js';
import type { SecretBox } from './secrets.js';
import { newestFirst, recordChangedTags, resolveTags, type TagTarget } from './tag-sync.js';
import type { Logger, OrgAccess, RepositoryService } from './types.js';
import { roleRank } from './types.js';

export interface RepositoryServiceDeps {
  store: Store;
  secrets: SecretBox;
  log: Logger;
  /** How many of the newest tags enabling analyses at once (default 5). */
  latestTags?: number;
}

export function requireRole(access: OrgAccess, role: 'editor' | 'owner', what: string): void {
  if (roleRank[access.role] < roleRank[role]) {
    throw new AppError('E_FORBIDDEN', `${what} needs the ${role} role (you are ${access.role})`);
  }
}

export function repositoryService(deps: RepositoryServiceDeps): RepositoryService {
  const { store } = deps;
  const latest = deps.latestTags ?? 5;

  const enqueueAnalysis: RepositoryService['enqueueAnalysis'] = (input) =>
    store.jobs.enqueue(
      {
        kind: ANALYZE,
        key: analyzeKey(input.orgId, input.repositoryId, input.digest),
        orgId: input.orgId,
        repositoryId: input.repositoryId,
        digest: input.digest,
        payload: {
          digest: input.digest,
          pushedAt: input.pushedAt,
          ...(input.tag ? { tag: input.tag } : {}),
          ...(input.indexDigest ? { indexDigest: input.indexDigest } : {}),
        },
      },
      { retryFailed: true },
    );

  /** The newest tags: the pushes crowsnest saw, else the registry's tag list, newest-looking first. */
  async function latestTargets(repository: Repository): Promise<TagTarget[]> {
    const known = await store.repositories.tags(repository.orgId, repository.id);
    if (known.length) return known.slice(0, latest).map(({ tag, digest }) => ({ tag, digest }));
    const registry = await store.registries.get(repository.orgId, repository.registryId);
    if (!registry) return [];
    const access = registryAccess(registry, deps.secrets);
    const tags = await access.client.listTags(access.host, repository.name);
    const targets = await resolveTags(access, repository, newestFirst(tags).slice(0, latest));
    await recordChangedTags(store, repository, targets, new Date().toISOString(), false);
    return targets;
  }

  async function analyseLatest(repository: Repository): Promise<number> {
    let targets: TagTarget[];
    try {
      targets = await latestTargets(repository);
    } catch (error) {
      // the registry may be down: analysis still starts with the next push or poll
      deps.log.warn('could not list the latest tags', { repository: repository.id, error });
      return 0;
    }
    let enqueued = 0;
    const pushedAt = new Date().toISOString();
    for (const { tag, digest } of targets) {
      const { created } = await enqueueAnalysis({
        orgId: repository.orgId,
        repositoryId: repository.id,
        digest,
        tag,
        pushedAt,
      });
      if (created) enqueued++;
    }
    return enqueued;
  }

  return {
    async setMode(access, repositoryId, mode: AnalysisMode) {
      requireRole(access, 'editor', 'changing a repository’s analysis');
      const before = await store.repositories.get(access.org.id, repositoryId);
      if (!before) throw new AppError('E_NOT_FOUND', 'no such repository in this organization');
      const org = await store.orgs.get(access.org.id);
      const cap = org?.settings.maxEnabledRepositories ?? null;
      const repository = await store.repositories.setMode(access.org.id, repositoryId, mode, cap);
      const enqueued = before.mode === 'none' && mode !== 'none' ? await analyseLatest(repository) : 0;
      return { repository, enqueued };
    },
    enqueueAnalysis,
  };
}
