import { AppError } from '../../core/errors.js';
import type { IntegrationRecord, Job, Store } from '../../store/types.js';
import { newSecret, type SecretBox } from '../secrets.js';
import { type OrgAccess, roleRank } from '../types.js';
import { DELIVER, DELIVERY_ATTEMPTS, type DeliverPayload } from './deliver.js';
import { testMessage } from './webhook.js';

/**
 * An integration as the API shows it. Slack-style webhook URLs are credentials themselves, so the URL is
 * write-only: only its origin and the start of its path are shown.
 */
export interface IntegrationView {
  id: string;
  kind: 'webhook';
  name: string;
  urlHint: string;
  enabled: boolean;
  createdAt: string;
}

export interface IntegrationInput {
  name: string;
  url: string;
  enabled?: boolean;
  /** The signing secret; generated (and returned once) when absent. */
  secret?: string;
}

export interface IntegrationPatch {
  name?: string;
  url?: string;
  enabled?: boolean;
  /** A new signing secret, returned once. */
  rotateSecret?: boolean;
}

export interface IntegrationService {
  list(access: OrgAccess): Promise<IntegrationView[]>;
  create(
    access: OrgAccess,
    input: IntegrationInput,
  ): Promise<{ integration: IntegrationView; secret: string }>;
  update(
    access: OrgAccess,
    id: string,
    patch: IntegrationPatch,
  ): Promise<{ integration: IntegrationView; secret?: string }>;
  remove(access: OrgAccess, id: string): Promise<void>;
  /** Queues a signed test message (delivered by the worker, like any other). */
  sendTest(access: OrgAccess, id: string): Promise<Job>;
}

export function urlHint(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.length > 9 ? `${parsed.pathname.slice(0, 9)}…` : parsed.pathname;
    return `${parsed.protocol}//${parsed.host}${path}`;
  } catch {
    return '…';
  }
}

export function toView(record: IntegrationRecord): IntegrationView {
  const { id, kind, name, url, enabled, createdAt } = record;
  return { id, kind, name, urlHint: urlHint(url), enabled, createdAt };
}

/** http(s) only; the worker POSTs to it. */
function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('E_REQUEST_INVALID', 'the webhook URL is not a URL', { where: 'url' });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('E_REQUEST_INVALID', 'the webhook URL must be http or https', { where: 'url' });
  }
  return parsed.toString();
}

function requireEditor(access: OrgAccess): void {
  if (roleRank[access.role] < roleRank.editor) {
    throw new AppError('E_FORBIDDEN', `integrations need the editor role in ${access.org.slug}`);
  }
}

/** Team integrations (E2, B1): editors and owners manage them; secrets are sealed with the server key. */
export function integrationService(store: Store, secrets: SecretBox): IntegrationService {
  const found = async (access: OrgAccess, id: string) => {
    const record = await store.integrations.get(access.org.id, id);
    if (!record) throw new AppError('E_NOT_FOUND', 'no such integration in this organization');
    return record;
  };
  return {
    async list(access) {
      return (await store.integrations.list(access.org.id)).map(toView);
    },
    async create(access, input) {
      requireEditor(access);
      const secret = input.secret ?? newSecret('cnh');
      const record = await store.integrations.create({
        orgId: access.org.id,
        kind: 'webhook',
        name: input.name,
        url: checkedUrl(input.url),
        enabled: input.enabled ?? true,
        secretSealed: secrets.seal(secret),
      });
      return { integration: toView(record), secret };
    },
    async update(access, id, patch) {
      requireEditor(access);
      await found(access, id);
      const secret = patch.rotateSecret ? newSecret('cnh') : undefined;
      const record = await store.integrations.update(access.org.id, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.url !== undefined ? { url: checkedUrl(patch.url) } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(secret ? { secretSealed: secrets.seal(secret) } : {}),
      });
      if (!record) throw new AppError('E_NOT_FOUND', 'no such integration in this organization');
      return { integration: toView(record), ...(secret ? { secret } : {}) };
    },
    async remove(access, id) {
      requireEditor(access);
      if (!(await store.integrations.delete(access.org.id, id)))
        throw new AppError('E_NOT_FOUND', 'no such integration in this organization');
    },
    async sendTest(access, id) {
      requireEditor(access);
      const record = await found(access, id);
      const payload: DeliverPayload = { integrationId: id, event: 'test', message: testMessage(record.name) };
      const { job } = await store.jobs.enqueue({
        kind: DELIVER,
        // every test is its own delivery
        key: `test/${id}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
        orgId: access.org.id,
        payload: payload as unknown as Record<string, unknown>,
        maxAttempts: DELIVERY_ATTEMPTS,
      });
      return job;
    },
  };
}
