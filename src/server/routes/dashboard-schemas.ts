import { z } from '@hono/zod-openapi';
import {
  CountsSchema,
  ImageSchema,
  ModeSchema,
  pageQuery,
  RepositorySchema,
  SeveritySchema,
} from '../schemas.js';

// Shapes of the dashboard API. Queries are strict: an unknown parameter is a 400, so a typo never silently
// widens a list.

/** `true` / `false` in a query string (kept as text: the handler reads it). */
export const Flag = z.enum(['true', 'false']);

/** The flags that were given, as booleans (absent ones stay absent). */
export function flags<K extends string>(
  given: Record<K, 'true' | 'false' | undefined>,
): Partial<Record<K, boolean>> {
  const out: Partial<Record<K, boolean>> = {};
  for (const [key, value] of Object.entries(given) as [K, 'true' | 'false' | undefined][])
    if (value !== undefined) out[key] = value === 'true';
  return out;
}

const Search = z.string().min(1).max(200);

export const RepositoryOverviewQuery = z.strictObject({
  ...pageQuery,
  search: Search.optional(),
  registryId: z.string().max(100).optional(),
  mode: ModeSchema.optional(),
  severity: SeveritySchema.optional(),
  sort: z.enum(['name', '-name', 'lastPushedAt', '-lastPushedAt', 'severity', '-severity']).optional(),
});

export const RepositoryImagesQuery = z.strictObject({
  ...pageQuery,
  tag: z.string().max(128).optional(),
  sort: z.enum(['pushedAt', '-pushedAt', 'critical', '-critical']).optional(),
});

export const PackagesQuery = z.strictObject({
  ...pageQuery,
  search: Search.optional(),
  type: z.string().max(40).optional(),
  name: z.string().max(300).optional(),
  repositoryId: z.string().max(100).optional(),
  sort: z.enum(['name', '-name', 'images', '-images', 'type', '-type']).optional(),
});

export const PackageImagesQuery = z.strictObject({
  ...pageQuery,
  type: z.string().min(1).max(40),
  name: z.string().min(1).max(300),
  version: z.string().min(1).max(300).optional(),
});

export const VulnerabilitiesQuery = z.strictObject({
  ...pageQuery,
  search: Search.optional(),
  severity: SeveritySchema.optional(),
  fixAvailable: Flag.optional(),
  kev: Flag.optional(),
  repositoryId: z.string().max(100).optional(),
  includeSuppressed: Flag.optional(),
  sort: z.enum(['severity', '-severity', 'cvss', '-cvss', 'images', '-images', 'id', '-id']).optional(),
});

export const ImagePackagesQuery = z.strictObject({
  ...pageQuery,
  search: Search.optional(),
  type: z.string().max(40).optional(),
  layer: z.coerce.number().int().min(0).max(10_000).optional(),
  sort: z.enum(['name', '-name', 'layer', '-layer', 'type', '-type']).optional(),
});

export const ImageVulnerabilitiesQuery = z.strictObject({
  ...pageQuery,
  search: Search.optional(),
  severity: SeveritySchema.optional(),
  fixAvailable: Flag.optional(),
  kev: Flag.optional(),
  includeSuppressed: Flag.optional(),
  sort: z.enum(['severity', '-severity', 'cvss', '-cvss', 'epss', '-epss', 'package', '-package']).optional(),
});

export const SbomQuery = z.strictObject({ format: z.enum(['native', 'cyclonedx', 'spdx']).optional() });

export const RepositoryOverviewSchema = RepositorySchema.extend({
  analyzedImages: z.number(),
  latest: z
    .object({
      tag: z.string(),
      digest: z.string(),
      pushedAt: z.string(),
      platforms: z.array(z.string()),
      imageId: z.string().optional(),
      platform: z.string().optional(),
      counts: CountsSchema.optional(),
      analyzedAt: z.string().optional(),
    })
    .optional()
    .openapi({ description: 'the last-pushed tag and its image (linux/amd64 first when it is an index)' }),
  policy: z
    .object({ status: z.literal('none') })
    .openapi({ description: 'policy evaluation: none yet (placeholder)' }),
}).openapi('RepositoryOverview');

const PackageBrief = z.object({ id: z.string(), type: z.string(), name: z.string(), version: z.string() });

export const ImageDetailsSchema = z
  .object({
    image: ImageSchema,
    repository: z.object({ id: z.string(), name: z.string() }),
    os: z.string().optional(),
    layers: z.array(
      z.object({
        index: z.number(),
        digest: z.string(),
        diffId: z.string(),
        createdBy: z.string().optional(),
        packages: z.array(PackageBrief).openapi({ description: 'packages this layer introduced' }),
      }),
    ),
    database: z.object({ path: z.string(), lastUpdate: z.string().optional(), sources: z.array(z.string()) }),
  })
  .openapi('ImageDetails');

export const ImagePackageSchema = PackageBrief.extend({
  purl: z.string(),
  licenses: z.array(z.string()),
  layer: z.number(),
  locations: z.array(z.object({ path: z.string(), layer: z.number() })),
  foundBy: z.string(),
}).openapi('ImagePackage');

export const ImageVulnerabilitySchema = z
  .object({
    id: z.string(),
    aliases: z.array(z.string()),
    severity: SeveritySchema,
    cvss: z.number().optional(),
    package: PackageBrief.extend({ layer: z.number() }),
    fixState: z.enum(['fixed', 'not-fixed', 'will-not-fix', 'unknown']),
    fixedVersions: z.array(z.string()),
    kev: z
      .object({ dateAdded: z.string(), dueDate: z.string().optional(), ransomwareUse: z.string().optional() })
      .loose()
      .optional(),
    epss: z.object({ score: z.number(), percentile: z.number(), date: z.string().optional() }).optional(),
    summary: z.string().optional(),
    urls: z.array(z.string()),
    suppressed: z.boolean(),
  })
  .openapi('ImageVulnerability');

export const PackageUsageSchema = z
  .object({ type: z.string(), name: z.string(), version: z.string(), purl: z.string(), images: z.number() })
  .openapi('PackageUsage');

export const VulnerabilityUsageSchema = z
  .object({
    id: z.string(),
    severity: SeveritySchema,
    cvss: z.number().optional(),
    fixAvailable: z.boolean(),
    kev: z.boolean(),
    images: z.number(),
    packages: z.number(),
  })
  .openapi('VulnerabilityUsage');

export const AffectedImageSchema = z
  .object({
    orgId: z.string(),
    imageId: z.string(),
    repositoryId: z.string(),
    repositoryName: z.string(),
    digest: z.string(),
    platform: z.string().optional(),
    vulnerabilityId: z.string(),
    packageName: z.string(),
    packageVersion: z.string(),
    severity: SeveritySchema,
    fixState: z.enum(['fixed', 'not-fixed', 'will-not-fix', 'unknown']),
    fixedVersions: z.array(z.string()),
  })
  .openapi('AffectedImage');
