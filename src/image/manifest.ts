import { z } from 'zod';
import { type Digest, isDigest } from '../core/digest.js';
import { AppError } from '../core/errors.js';
import { indexMediaTypes, manifestMediaTypes, schema1MediaTypes } from './media-types.js';
import type { Descriptor, ImageConfig } from './types.js';

const digest = z.string().refine(isDigest, 'not a sha256/sha512 digest') as unknown as z.ZodType<Digest>;
const platform = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
  'os.version': z.string().optional(),
});
const descriptor = z.object({
  mediaType: z.string(),
  digest,
  size: z.number().int().nonnegative(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: platform.optional(),
  urls: z.array(z.string()).optional(),
  artifactType: z.string().optional(),
});
const manifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: descriptor,
  layers: z.array(descriptor),
  annotations: z.record(z.string(), z.string()).optional(),
  subject: descriptor.optional(),
  artifactType: z.string().optional(),
});
const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptor),
  annotations: z.record(z.string(), z.string()).optional(),
});
const configSchema = z
  .object({
    architecture: z.string(),
    os: z.string(),
    variant: z.string().optional(),
    'os.version': z.string().optional(),
    created: z.string().optional(),
    author: z.string().optional(),
    config: z
      .object({
        User: z.string().optional(),
        Env: z.array(z.string()).nullish(),
        Entrypoint: z.array(z.string()).nullish(),
        Cmd: z.array(z.string()).nullish(),
        WorkingDir: z.string().optional(),
        Labels: z.record(z.string(), z.string()).nullish(),
        ExposedPorts: z.record(z.string(), z.unknown()).nullish(),
        StopSignal: z.string().optional(),
      })
      .passthrough()
      .nullish(),
    rootfs: z.object({ type: z.string(), diff_ids: z.array(digest) }),
    history: z
      .array(
        z.object({
          created: z.string().optional(),
          created_by: z.string().optional(),
          author: z.string().optional(),
          comment: z.string().optional(),
          empty_layer: z.boolean().optional(),
        }),
      )
      .nullish(),
  })
  .passthrough();

export interface ImageManifest {
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
  subject?: Descriptor;
  artifactType?: string;
}

export interface ImageIndex {
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export type ParsedManifest =
  | { kind: 'manifest'; manifest: ImageManifest }
  | { kind: 'index'; index: ImageIndex };

function parseJson(bytes: Buffer, what: string, where: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new AppError('E_MANIFEST_INVALID', `${what} is not valid JSON: ${(error as Error).message}`, {
      where,
      hint: 'the image is damaged; re-export or re-push it',
    });
  }
}

function schema1Error(where: string): AppError {
  return new AppError('E_MANIFEST_UNSUPPORTED', 'Docker schema 1 manifests are not supported', {
    where,
    hint: 'schema 1 was deprecated in 2017; re-push the image with a current client (e.g. skopeo copy --format v2s2)',
  });
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses a manifest or an index. `declaredType` is what the transport said (Content-Type, descriptor); the
 * document's own mediaType field wins when present.
 */
export function parseManifestDocument(
  bytes: Buffer,
  declaredType: string | undefined,
  where: string,
): ParsedManifest {
  const json = parseJson(bytes, 'manifest', where) as Record<string, unknown> | null;
  if (json === null || typeof json !== 'object') {
    throw new AppError('E_MANIFEST_INVALID', 'manifest is not a JSON object', { where });
  }
  const mediaType = typeof json.mediaType === 'string' ? json.mediaType : declaredType;
  if (json.schemaVersion === 1 || (mediaType && schema1MediaTypes.includes(mediaType)))
    throw schema1Error(where);
  if ((mediaType && indexMediaTypes.includes(mediaType)) || Array.isArray(json.manifests)) {
    const parsed = indexSchema.safeParse(json);
    if (!parsed.success) {
      throw new AppError('E_MANIFEST_INVALID', `image index is malformed: ${issues(parsed.error)}`, {
        where,
      });
    }
    return { kind: 'index', index: { ...parsed.data, mediaType: mediaType ?? indexMediaTypes[0]! } };
  }
  if (mediaType && !manifestMediaTypes.includes(mediaType) && !json.config) {
    throw new AppError('E_MANIFEST_UNSUPPORTED', `unsupported manifest media type "${mediaType}"`, {
      where,
      hint: 'crowsnest reads OCI and Docker schema 2 manifests and indexes',
    });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('E_MANIFEST_INVALID', `image manifest is malformed: ${issues(parsed.error)}`, {
      where,
    });
  }
  return { kind: 'manifest', manifest: { ...parsed.data, mediaType: mediaType ?? manifestMediaTypes[0]! } };
}

export function parseImageConfig(bytes: Buffer, where: string): ImageConfig {
  const json = parseJson(bytes, 'image config', where);
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('E_CONFIG_INVALID', `image config is malformed: ${issues(parsed.error)}`, {
      where,
      hint: 'the image config must have os, architecture and rootfs.diff_ids',
    });
  }
  return parsed.data as ImageConfig;
}

/** Checks that the manifest's layers and the config's diff_ids line up, so every layer has a diff_id. */
export function checkLayersMatchConfig(manifest: ImageManifest, config: ImageConfig, where: string): void {
  if (manifest.layers.length !== config.rootfs.diff_ids.length) {
    throw new AppError(
      'E_CONFIG_INVALID',
      `manifest lists ${manifest.layers.length} layers but the config has ${config.rootfs.diff_ids.length} diff_ids`,
      { where, hint: 'the image is inconsistent; rebuild it' },
    );
  }
}
