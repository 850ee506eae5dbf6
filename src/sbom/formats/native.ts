import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { Sbom } from '../types.js';

const location = z.object({ path: z.string(), layer: z.number().int() });
const pkg = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  version: z.string(),
  purl: z.string(),
  licenses: z.array(z.string()),
  locations: z.array(location),
  layer: z.number().int(),
  source: z.object({ name: z.string(), version: z.string().optional() }).optional(),
  foundBy: z.string(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
const sbomSchema = z.object({
  schema: z.literal('crowsnest-sbom/1'),
  createdAt: z.string(),
  tool: z.object({ name: z.literal('crowsnest'), version: z.string() }),
  source: z
    .object({
      kind: z.string(),
      location: z.string(),
      layers: z.array(
        z.object({
          index: z.number(),
          digest: z.string(),
          diffId: z.string(),
          createdBy: z.string().optional(),
        }),
      ),
    })
    .passthrough(),
  distro: z.object({ id: z.string() }).passthrough().optional(),
  packages: z.array(pkg),
  unknowns: z.array(
    z.object({ path: z.string(), layer: z.number(), cataloger: z.string(), reason: z.string() }),
  ),
  catalogers: z.array(z.object({ id: z.string(), version: z.number() })),
});

export function encodeNative(sbom: Sbom): string {
  return `${JSON.stringify(sbom, null, 2)}\n`;
}

export function isNativeSbom(json: unknown): boolean {
  return (
    typeof json === 'object' && json !== null && (json as { schema?: unknown }).schema === 'crowsnest-sbom/1'
  );
}

/** Reads a native SBOM back exactly as it was written. */
export function decodeNative(json: unknown, where: string): Sbom {
  const parsed = sbomSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'E_SBOM_INVALID',
      `not a valid crowsnest SBOM: ${issue?.path.join('.')}: ${issue?.message}`,
      {
        where,
      },
    );
  }
  return json as Sbom;
}
