import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { indexMediaTypes, manifestMediaTypes } from '../image/media-types.js';
import type { RegistryEnvelope, RegistryEvent } from './types.js';

const descriptor = z.looseObject({
  mediaType: z.string().optional(),
  digest: z.string().optional(),
  size: z.number().optional(),
});

// Distribution adds fields over time: read what is needed, keep the rest as sent
const event = z.looseObject({
  id: z.string(),
  timestamp: z.string(),
  action: z.string(),
  target: z.looseObject({
    mediaType: z.string().optional(),
    digest: z.string().optional(),
    repository: z.string().min(1),
    tag: z.string().optional(),
    size: z.number().optional(),
    url: z.string().optional(),
    references: z.array(descriptor).optional(),
    fromRepository: z.string().optional(),
  }),
  request: z
    .looseObject({
      id: z.string().optional(),
      addr: z.string().optional(),
      host: z.string().optional(),
      method: z.string().optional(),
      useragent: z.string().optional(),
    })
    .optional(),
  actor: z.looseObject({ name: z.string().optional() }).optional(),
  source: z.looseObject({ addr: z.string().optional(), instanceID: z.string().optional() }).optional(),
});

const envelope = z.looseObject({ events: z.array(event).max(10_000) });

/** Reads a Distribution notification envelope; anything else is E_EVENT_INVALID naming the first problem. */
export function parseEnvelope(body: unknown): RegistryEnvelope {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'E_EVENT_INVALID',
      `not a registry notification envelope: ${issue?.message ?? 'unreadable'}`,
      {
        where: issue?.path.join('.') || 'body',
        hint: 'point the registry’s notifications endpoint at this URL with Content-Type application/json',
      },
    );
  }
  return parsed.data as RegistryEnvelope;
}

export type ManifestKind = 'manifest' | 'index';

/** A push of an image manifest or index (blob pushes and schema 1 are not images to analyse). */
export function pushedManifest(e: RegistryEvent): ManifestKind | undefined {
  if (e.action !== 'push' || !e.target.digest) return undefined;
  const type = e.target.mediaType ?? '';
  if (manifestMediaTypes.includes(type)) return 'manifest';
  if (indexMediaTypes.includes(type)) return 'index';
  return undefined;
}

export const isPull = (e: RegistryEvent): boolean => e.action === 'pull';
