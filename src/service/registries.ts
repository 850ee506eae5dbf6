import { AppError } from '../core/errors.js';
import type { Registry, RegistryRecord, Store } from '../store/types.js';
import { isPull, parseEnvelope, pushedManifest } from './events.js';
import { ANALYZE, analyzeKey } from './job-keys.js';
import { registryAccess, registryHost } from './registry-access.js';
import { requireRole } from './repositories.js';
import { newSecret, type SecretBox, sameSecret, secretHash } from './secrets.js';
import { recordChangedTags, resolveTags } from './tag-sync.js';
import type {
  EventsOutcome,
  Logger,
  OrgAccess,
  RegistryEnvelope,
  RegistryInput,
  RegistryService,
  RepositoryService,
  ServiceHooks,
} from './types.js';

export interface RegistryServiceDeps {
  store: Store;
  secrets: SecretBox;
  log: Logger;
  hooks: ServiceHooks;
  repositories: RepositoryService;
}

/** The public view: the sealed credentials and the secret's hash stay in the store. */
export function publicRegistry(record: RegistryRecord): Registry {
  const { credentialsSealed: _, webhookSecretHash: __, ...registry } = record;
  return registry;
}

/** `Bearer <secret>` as Distribution's `headers` sends it, or Basic with the secret as password (URL user info). */
export function webhookSecretOf(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme, value] = authorization.trim().split(/\s+/, 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1) || undefined;
  }
  return undefined;
}

/** ISO time of an event; Distribution writes nanoseconds, and a missing or odd time becomes now. */
function eventTime(timestamp: string): string {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? new Date().toISOString() : new Date(ms).toISOString();
}

function sealCredentials(secrets: SecretBox, input: Partial<RegistryInput>): string | undefined {
  if (!input.username && !input.password) return undefined;
  return secrets.seal(JSON.stringify({ username: input.username ?? '', password: input.password ?? '' }));
}

export function registryService(deps: RegistryServiceDeps): RegistryService {
  const { store, secrets, log } = deps;

  async function owned(access: OrgAccess, id: string): Promise<RegistryRecord> {
    const record = await store.registries.get(access.org.id, id);
    if (!record) throw new AppError('E_NOT_FOUND', 'no such registry in this organization');
    return record;
  }

  /** Manifest pushes: tag pointers for every repository, analysis for enabled ones; one transaction. */
  async function applyPushes(
    record: RegistryRecord,
    envelope: RegistryEnvelope,
  ): Promise<{ enqueued: number; ignored: number }> {
    return store.transaction(async (tx) => {
      let enqueued = 0;
      let ignored = 0;
      for (const event of envelope.events) {
        if (isPull(event)) continue;
        const digest = event.target.digest;
        const tag = event.target.tag;
        // an untagged manifest is an index's child or an attestation: the index or tag push covers it
        if (!pushedManifest(event) || !digest || !tag) {
          ignored++;
          continue;
        }
        const at = eventTime(event.timestamp);
        const repository = await tx.repositories.ensure(record.orgId, record.id, event.target.repository);
        await tx.repositories.recordPush(repository.id, { tag, digest, at });
        if (repository.mode === 'none') continue;
        const { created } = await tx.jobs.enqueue(
          {
            kind: ANALYZE,
            key: analyzeKey(record.orgId, repository.id, digest),
            orgId: record.orgId,
            repositoryId: repository.id,
            digest,
            payload: { digest, tag, pushedAt: at },
          },
          { retryFailed: true },
        );
        if (created) enqueued++;
      }
      return { enqueued, ignored };
    });
  }

  async function poll(registryId: string) {
    const record = await store.registries.getById(registryId);
    if (!record) throw new AppError('E_NOT_FOUND', 'no such registry');
    const access = registryAccess(record, secrets);
    const names = await access.client.catalog(access.host);
    let enqueued = 0;
    const at = new Date().toISOString();
    for (const name of names) {
      const repository = await store.repositories.ensure(record.orgId, record.id, name);
      if (repository.mode === 'none') continue;
      const tags = await access.client.listTags(access.host, name);
      const changed = await recordChangedTags(
        store,
        repository,
        await resolveTags(access, repository, tags),
        at,
        true,
      );
      for (const { tag, digest } of changed) {
        const result = await deps.repositories.enqueueAnalysis({
          orgId: record.orgId,
          repositoryId: repository.id,
          digest,
          tag,
          pushedAt: at,
        });
        if (result.created) enqueued++;
      }
    }
    await store.registries.markPolled(record.id, at);
    return { repositories: names.length, enqueued };
  }

  return {
    async create(access, input) {
      requireRole(access, 'editor', 'adding a registry');
      registryHost(input.url);
      const webhookSecret = newSecret('cnw');
      const sealed = sealCredentials(secrets, input);
      const record = await store.registries.create({
        orgId: access.org.id,
        name: input.name,
        url: input.url.replace(/\/+$/, ''),
        webhookSecretHash: secretHash(webhookSecret),
        ...(input.username ? { username: input.username } : {}),
        ...(sealed ? { credentialsSealed: sealed } : {}),
        pollIntervalSeconds: input.pollIntervalSeconds ?? null,
      });
      return { registry: publicRegistry(record), webhookSecret };
    },
    async update(access, id, patch) {
      requireRole(access, 'editor', 'changing a registry');
      await owned(access, id);
      const sealed =
        patch.username !== undefined || patch.password !== undefined
          ? sealCredentials(secrets, patch)
          : undefined;
      if (patch.url !== undefined) registryHost(patch.url);
      const record = await store.registries.update(access.org.id, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.url !== undefined ? { url: patch.url.replace(/\/+$/, '') } : {}),
        ...(patch.username !== undefined ? { username: patch.username } : {}),
        ...(sealed !== undefined ? { credentialsSealed: sealed } : {}),
        ...(patch.pollIntervalSeconds !== undefined
          ? { pollIntervalSeconds: patch.pollIntervalSeconds }
          : {}),
      });
      return publicRegistry(record as RegistryRecord);
    },
    async rotateWebhookSecret(access, id) {
      requireRole(access, 'editor', 'changing a registry');
      await owned(access, id);
      const webhookSecret = newSecret('cnw');
      await store.registries.update(access.org.id, id, { webhookSecretHash: secretHash(webhookSecret) });
      return { webhookSecret };
    },
    async remove(access, id) {
      requireRole(access, 'editor', 'removing a registry');
      await owned(access, id);
      await store.registries.delete(access.org.id, id);
    },
    async receiveEvents(registryId, authorization, body): Promise<EventsOutcome> {
      const record = await store.registries.getById(registryId);
      const secret = webhookSecretOf(authorization);
      // an unknown registry and a wrong secret get the same answer: ids cannot be probed
      if (!record || !secret || !sameSecret(secretHash(secret), record.webhookSecretHash)) {
        throw new AppError('E_AUTH_REQUIRED', 'the webhook secret is missing or wrong', {
          hint: 'send Authorization: Bearer <webhook secret> as shown when the registry was added',
        });
      }
      const envelope = parseEnvelope(
        typeof body === 'function' ? await (body as () => Promise<unknown>)() : body,
      );
      const pulls = envelope.events.filter(isPull);
      const pushes = await applyPushes(record, envelope);
      if (pulls.length && deps.hooks.onPullEvents) {
        try {
          await deps.hooks.onPullEvents({ registryId: record.id, orgId: record.orgId }, { events: pulls });
        } catch (error) {
          // pull analytics must not make the registry resend pushes already applied
          log.error('pull events could not be ingested', { registry: record.id, error });
        }
      }
      return {
        events: envelope.events.length,
        enqueued: pushes.enqueued,
        pulls: pulls.length,
        ignored: pushes.ignored,
      };
    },
    poll,
    async pollDue(now = new Date()) {
      for (const record of await store.registries.listDueForPoll(now.toISOString())) {
        try {
          const outcome = await poll(record.id);
          log.info('registry polled', { registry: record.id, ...outcome });
        } catch (error) {
          log.warn('registry poll failed', { registry: record.id, error });
          await store.registries.markPolled(record.id, now.toISOString());
        }
      }
    },
  };
}
