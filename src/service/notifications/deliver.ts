import { AppError } from '../../core/errors.js';
import { VERSION } from '../../core/version.js';
import type { SecretBox } from '../secrets.js';
import type { JobHandler } from '../types.js';
import type { Notice } from './notice.js';
import { noticeMessage, SIGNATURE_HEADER, signatureHeader, type WebhookMessage } from './webhook.js';

/** The job that POSTs one message to one integration, retried with backoff by the worker. */
export const DELIVER = 'deliver';

/** Attempts per delivery: with the worker's backoff (5 s doubling, at most 15 min) about an hour and a half. */
export const DELIVERY_ATTEMPTS = 10;

export interface DeliverPayload {
  integrationId: string;
  /** `vulnerability` (a notice) or `test`. */
  event: string;
  message: WebhookMessage;
}

export interface DeliveryDeps {
  secrets: SecretBox;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** The `notice` job: one delivery job per enabled integration of the org (their keys make a retry harmless). */
export const noticeHandler: JobHandler = async (job, ctx) => {
  const notice = job.payload as unknown as Notice;
  if (!job.orgId || !notice.change) {
    throw new AppError('E_USAGE', 'a notice job lacks its org or change', { where: job.id });
  }
  const integrations = (await ctx.store.integrations.list(job.orgId)).filter((i) => i.enabled);
  const message = noticeMessage(notice);
  for (const integration of integrations) {
    const payload: DeliverPayload = { integrationId: integration.id, event: 'vulnerability', message };
    await ctx.store.jobs.enqueue({
      kind: DELIVER,
      key: `${job.key}/${integration.id}`,
      orgId: job.orgId,
      ...(job.repositoryId ? { repositoryId: job.repositoryId } : {}),
      payload: payload as unknown as Record<string, unknown>,
      maxAttempts: DELIVERY_ATTEMPTS,
    });
  }
};

function payloadOf(raw: Record<string, unknown>, where: string): DeliverPayload {
  const p = raw as Partial<DeliverPayload>;
  if (typeof p.integrationId !== 'string' || typeof p.message?.text !== 'string') {
    throw new AppError('E_USAGE', 'a delivery job lacks its integration or message', { where });
  }
  return p as DeliverPayload;
}

/**
 * The `deliver` job: signs the body with the integration's secret and POSTs it. A 2xx answer is delivered;
 * anything else (or no answer in time) throws, and the worker retries with backoff. An integration deleted or
 * turned off since is not retried: there is nobody to deliver to.
 */
export function deliverHandler(deps: DeliveryDeps): JobHandler {
  const send = deps.fetch ?? fetch;
  return async (job, ctx) => {
    if (!job.orgId) throw new AppError('E_USAGE', 'a delivery job lacks its org', { where: job.id });
    const payload = payloadOf(job.payload, job.id);
    const integration = await ctx.store.integrations.get(job.orgId, payload.integrationId);
    if (!integration?.enabled) return;
    const body = JSON.stringify(payload.message);
    const timestamp = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
    const secret = deps.secrets.open(integration.secretSealed);
    const response = await send(integration.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': `crowsnest/${VERSION}`,
        [SIGNATURE_HEADER]: signatureHeader(secret, body, timestamp),
        'X-Crowsnest-Event': payload.event,
        'X-Crowsnest-Delivery': job.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(deps.timeoutMs ?? 10_000)]),
    });
    // the body is not needed; reading it frees the connection
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      throw new Error(`the webhook of integration ${integration.name} answered HTTP ${response.status}`);
    }
    ctx.log.info('webhook delivered', { integration: integration.id, status: response.status });
  };
}
