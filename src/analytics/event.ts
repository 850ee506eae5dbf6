import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { clientIp } from './addr.js';
import type { ManifestRequest } from './types.js';

/** The fields of a CNCF Distribution notification event that pull analytics reads. */
const eventSchema = z.object({
  id: z.string().min(1),
  timestamp: z.string(),
  action: z.string(),
  target: z.object({
    mediaType: z.string().default(''),
    digest: z.string().regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/),
    repository: z.string().min(1),
    url: z.string().optional(),
    tag: z.string().optional(),
  }),
  request: z.object({
    addr: z.string().default(''),
    method: z.string().default(''),
    useragent: z.string().default(''),
  }),
  actor: z.object({ name: z.string().optional() }).optional(),
});

export type SkipReason = 'not-pull' | 'blob' | 'method' | 'invalid';

export type EventOutcome = { request: ManifestRequest } | { skipped: SkipReason; detail?: string };

/**
 * Blob events carry `application/octet-stream` and a `/blobs/` URL; manifests and indexes carry their
 * own media type and a `/manifests/` URL. The URL decides when present (it is always the digest URL).
 */
function isManifest(target: { mediaType: string; url?: string | undefined }): boolean {
  if (target.url) return target.url.includes('/manifests/');
  return target.mediaType !== '' && target.mediaType !== 'application/octet-stream';
}

/** One registry event → a manifest request, or why it is not one. Never throws. */
export function manifestRequestOf(event: unknown): EventOutcome {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) return { skipped: 'invalid', detail: parsed.error.issues[0]?.message ?? 'invalid' };
  const { id, timestamp, action, target, request, actor } = parsed.data;
  if (action !== 'pull') return { skipped: 'not-pull' };
  if (!isManifest(target)) return { skipped: 'blob' };
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return { skipped: 'method' };
  const ts = Date.parse(timestamp);
  if (Number.isNaN(ts)) return { skipped: 'invalid', detail: `bad timestamp ${timestamp}` };
  const addr = clientIp(request.addr);
  if (addr === null) return { skipped: 'invalid', detail: `bad client address ${request.addr}` };
  return {
    request: {
      id,
      ts,
      repository: target.repository,
      method,
      ...(target.tag ? { tag: target.tag } : {}),
      digest: target.digest,
      mediaType: target.mediaType,
      addr,
      ...(actor?.name ? { actor: actor.name } : {}),
      userAgent: request.useragent,
    },
  };
}

/** The events of one notification envelope (`{"events":[…]}`) or of a bare event object. */
export function eventsOf(body: unknown): unknown[] {
  if (body && typeof body === 'object') {
    const events = (body as { events?: unknown }).events;
    if (Array.isArray(events)) return events;
    if ('action' in body) return [body];
  }
  throw new AppError('E_EVENT_INVALID', 'not a registry notification envelope', {
    hint: 'expected {"events":[…]} as CNCF Distribution sends it, or one event object',
  });
}

export interface ParsedLine {
  requests: ManifestRequest[];
  skipped: Partial<Record<SkipReason, number>>;
}

/**
 * One line of a JSON-lines import: an envelope, a bare event, or the `{"body": envelope}` record a
 * capturing sink writes. Bad lines become `invalid` counts, never exceptions.
 */
export function parseEventLine(line: string): ParsedLine {
  const out: ParsedLine = { requests: [], skipped: {} };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    out.skipped.invalid = 1;
    return out;
  }
  if (value && typeof value === 'object' && 'body' in value && !('events' in value)) {
    value = (value as { body: unknown }).body;
  }
  let events: unknown[];
  try {
    events = eventsOf(value);
  } catch {
    out.skipped.invalid = 1;
    return out;
  }
  for (const event of events) {
    const outcome = manifestRequestOf(event);
    if ('request' in outcome) out.requests.push(outcome.request);
    else out.skipped[outcome.skipped] = (out.skipped[outcome.skipped] ?? 0) + 1;
  }
  return out;
}
