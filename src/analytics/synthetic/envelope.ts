import type { ManifestRequest } from '../types.js';

/**
 * A manifest request as the notification envelope CNCF Distribution would post for it (one event per
 * envelope, as observed), for JSON-lines files and the webhook. Timestamps carry nanoseconds like Go's.
 */
export function toEnvelope(request: ManifestRequest, host = 'registry.local:5000'): string {
  const event = {
    id: request.id,
    timestamp: `${new Date(request.ts).toISOString().slice(0, 23)}123456Z`,
    action: 'pull',
    target: {
      mediaType: request.mediaType,
      size: 1024,
      digest: request.digest,
      length: 1024,
      repository: request.repository,
      url: `http://${host}/v2/${request.repository}/manifests/${request.digest}`,
      ...(request.tag === undefined ? {} : { tag: request.tag }),
    },
    request: {
      id: request.id.split('').reverse().join(''),
      addr: request.addr.includes(':') ? `[${request.addr}]:40000` : `${request.addr}:40000`,
      host,
      method: request.method,
      useragent: request.userAgent,
    },
    actor: request.actor === undefined ? {} : { name: request.actor },
    source: { addr: 'registry:5000', instanceID: '00000000-0000-4000-8000-000000000000' },
  };
  return JSON.stringify({ events: [event] });
}
