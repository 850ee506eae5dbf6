import { z } from '@hono/zod-openapi';

// Shapes the API returns and accepts. Request bodies are strict: an unknown field is a 400, not ignored.

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'E_NOT_FOUND' }),
      message: z.string(),
      where: z.string().optional(),
      hint: z.string().optional(),
    }),
  })
  .openapi('Error');

export const RoleSchema = z.enum(['owner', 'editor', 'member']).openapi('Role');
export const ModeSchema = z.enum(['none', 'point-in-time', 'continuous']).openapi('AnalysisMode');
export const SeveritySchema = z.enum(['critical', 'high', 'medium', 'low', 'unspecified']);

export const CountsSchema = z
  .object({
    critical: z.number(),
    high: z.number(),
    medium: z.number(),
    low: z.number(),
    unspecified: z.number(),
  })
  .openapi('SeverityCounts');

export const OrgSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    settings: z.object({ maxEnabledRepositories: z.number().nullable() }),
    createdAt: z.string(),
  })
  .openapi('Org');

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), createdAt: z.string() })
  .openapi('User');

export const TokenSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    userId: z.string(),
    name: z.string(),
    role: RoleSchema,
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().optional(),
    expiresAt: z.string().optional(),
    revokedAt: z.string().optional(),
  })
  .openapi('ApiToken');

export const RegistrySchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    url: z.string(),
    username: z.string().optional(),
    pollIntervalSeconds: z.number().nullable(),
    lastPolledAt: z.string().optional(),
    createdAt: z.string(),
  })
  .openapi('Registry');

export const RepositorySchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    registryId: z.string(),
    name: z.string(),
    mode: ModeSchema,
    lastPushedTag: z.string().optional(),
    lastPushedDigest: z.string().optional(),
    lastPushedAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Repository');

export const ImageSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    repositoryId: z.string(),
    digest: z.string(),
    indexDigest: z.string().optional(),
    tags: z.array(z.string()),
    platform: z.string().optional(),
    createdAt: z.string().optional(),
    pushedAt: z.string(),
    mode: z.enum(['point-in-time', 'continuous']),
    analyzedAt: z.string(),
    evaluatedAt: z.string(),
    summary: z.object({
      counts: CountsSchema,
      packages: z.number(),
      vulnerablePackages: z.number(),
      fixable: z.number(),
    }),
  })
  .openapi('Image');

export const FindingSchema = z
  .object({
    imageId: z.string(),
    vulnerabilityId: z.string(),
    packageId: z.string(),
    packageName: z.string(),
    packageVersion: z.string(),
    packageType: z.string(),
    severity: SeveritySchema,
    cvss: z.number().optional(),
    fixState: z.enum(['fixed', 'not-fixed', 'will-not-fix', 'unknown']),
    fixedVersions: z.array(z.string()),
    kev: z.boolean(),
    suppressed: z.boolean(),
  })
  .openapi('Finding');

export const HistorySchema = z
  .object({
    imageId: z.string(),
    at: z.string(),
    counts: CountsSchema,
    reason: z.enum(['analysis', 're-evaluation']),
    operationId: z.number().optional(),
  })
  .openapi('HistoryPoint');

export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    key: z.string(),
    orgId: z.string().optional(),
    repositoryId: z.string().optional(),
    digest: z.string().optional(),
    payload: z.record(z.string(), z.unknown()),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    attempts: z.number(),
    maxAttempts: z.number(),
    runAfter: z.string(),
    leaseOwner: z.string().optional(),
    leaseUntil: z.string().optional(),
    lastError: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().optional(),
  })
  .openapi('Job');

/** `?limit=&offset=` on every list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
};

export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number() });

export const OrgParam = z.object({
  org: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'org', in: 'path' } }),
});
export const OrgIdParams = OrgParam.extend({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** JSON response helpers for route definitions. */
export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** The error responses every guarded route may give. */
export const errors = {
  400: json(ErrorSchema, 'invalid request'),
  401: json(ErrorSchema, 'not signed in, or a bad token'),
  403: json(ErrorSchema, 'the role is not enough'),
  404: json(ErrorSchema, 'not found (or not visible to this caller)'),
} as const;

export const body = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
