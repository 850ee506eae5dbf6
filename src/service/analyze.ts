import { ecosystemKey, packageKey } from '../advisories/ecosystems.js';
import { openAdvisoryDb } from '../advisories/store/reader.js';
import type { AdvisoryDb } from '../advisories/store/types.js';
import type { Digest } from '../core/digest.js';
import { AppError } from '../core/errors.js';
import { parseManifestDocument } from '../image/manifest.js';
import { isAttestationDescriptor } from '../image/platform.js';
import { parseReference } from '../image/reference.js';
import { openRegistryImage } from '../image/sources/registry.js';
import { formatPlatform } from '../image/types.js';
import { matchSbom } from '../match/match.js';
import type { AdvisorySource } from '../match/types.js';
import { assembleReport, databaseInfo } from '../report/assemble.js';
import type { Report } from '../report/types.js';
import { buildSbom } from '../sbom/build.js';
import type { Sbom } from '../sbom/types.js';
import type { Job, PackageKey, Repository } from '../store/types.js';
import { ANALYZE, analyzeKey } from './job-keys.js';
import { registryAccess } from './registry-access.js';
import type { SecretBox } from './secrets.js';
import type { AnalyzeJobPayload, JobContext, JobHandler, ServiceHooks } from './types.js';

export interface AnalyzeDeps {
  secrets: SecretBox;
  /** The advisory database file (opened per job: `db update` swaps it by rename). */
  advisoryDbPath: string;
  hooks: ServiceHooks;
  env?: NodeJS.ProcessEnv;
}

/**
 * Matches an SBOM while recording every (ecosystem, name) the matchers looked up: exactly the keys an
 * advisory update must name for this image to need re-matching (the reverse index).
 */
export function matchRecordingKeys(sbom: Sbom, db: AdvisoryDb): { report: Report; keys: PackageKey[] } {
  const keys = new Map<string, PackageKey>();
  const recorder: AdvisorySource = {
    byPackage(ecosystem, name) {
      const key = { ecosystem: ecosystemKey(ecosystem), name: packageKey(ecosystem, name) };
      keys.set(`${key.ecosystem}\u0000${key.name}`, key);
      return db.byPackage(ecosystem, name);
    },
    byAlias: (id) => db.byAlias(id),
    kev: (cve) => db.kev(cve),
    epss: (cve) => db.epss(cve),
  };
  const result = matchSbom(sbom, recorder);
  const report = assembleReport(sbom, result, databaseInfo(db));
  return { report, keys: [...keys.values()] };
}

function payloadOf(job: Job): AnalyzeJobPayload & { orgId: string; repositoryId: string } {
  const p = job.payload as Partial<AnalyzeJobPayload>;
  if (!job.orgId || !job.repositoryId || typeof p.digest !== 'string' || typeof p.pushedAt !== 'string') {
    throw new AppError('E_USAGE', 'an analyze job lacks its org, repository or digest', { where: job.id });
  }
  return { ...(p as AnalyzeJobPayload), orgId: job.orgId, repositoryId: job.repositoryId };
}

/** An index is not analysed itself: each runnable platform manifest gets its own job. */
async function fanOut(
  ctx: JobContext,
  job: ReturnType<typeof payloadOf>,
  bytes: Buffer,
  mediaType: string,
  where: string,
) {
  const parsed = parseManifestDocument(bytes, mediaType, where);
  if (parsed.kind !== 'index') return false;
  const children = parsed.index.manifests.filter((m) => !isAttestationDescriptor(m));
  await ctx.store.repositories.recordIndex(
    job.repositoryId,
    job.digest,
    children.map((c) => c.digest),
  );
  for (const child of children) {
    await ctx.store.jobs.enqueue({
      kind: ANALYZE,
      key: analyzeKey(job.orgId, job.repositoryId, child.digest),
      orgId: job.orgId,
      repositoryId: job.repositoryId,
      digest: child.digest,
      payload: { digest: child.digest, indexDigest: job.digest, pushedAt: job.pushedAt },
    });
  }
  return true;
}

async function analyse(
  deps: AnalyzeDeps,
  ctx: JobContext,
  job: ReturnType<typeof payloadOf>,
  repository: Repository,
) {
  const registry = await ctx.store.registries.get(job.orgId, repository.registryId);
  if (!registry) return;
  const { host, client } = registryAccess(registry, deps.secrets);
  const ref = parseReference(`${host}/${repository.name}@${job.digest}`);
  const where = `${ref.original}`;
  const manifest = await client.getManifest(ref);
  if (await fanOut(ctx, job, manifest.bytes, manifest.mediaType, where)) return;
  const image = await openRegistryImage(ref, { client });
  let sbom: Sbom;
  try {
    sbom = (await buildSbom(image, { ...(deps.env ? { env: deps.env } : {}) })).sbom;
  } finally {
    await image.close();
  }
  const db = openAdvisoryDb(deps.advisoryDbPath);
  let matched: ReturnType<typeof matchRecordingKeys>;
  try {
    matched = matchRecordingKeys(sbom, db);
  } finally {
    db.close();
  }
  if (ctx.signal.aborted) return; // the lease went to another worker: it writes the result
  const saved = await ctx.store.images.saveAnalysis({
    orgId: job.orgId,
    repositoryId: job.repositoryId,
    digest: job.digest,
    ...(job.indexDigest ? { indexDigest: job.indexDigest } : {}),
    platform: formatPlatform(image.platform),
    ...(image.config.created ? { createdAt: image.config.created } : {}),
    pushedAt: job.pushedAt,
    mode: repository.mode === 'point-in-time' ? 'point-in-time' : 'continuous',
    at: new Date().toISOString(),
    sbom,
    report: matched.report,
    packageKeys: matched.keys,
  });
  ctx.log.info('image analysed', {
    image: saved.id,
    digest: job.digest as Digest,
    counts: saved.summary.counts,
  });
  await deps.hooks.onImageAnalyzed?.({ orgId: job.orgId, imageId: saved.id, repositoryId: job.repositoryId });
}

/** The `analyze` job: SBOM of the pushed digest through the registry's stored credentials, then match. */
export function analyzeHandler(deps: AnalyzeDeps): JobHandler {
  return async (raw, ctx) => {
    const job = payloadOf(raw);
    const repository = await ctx.store.repositories.get(job.orgId, job.repositoryId);
    // deleted, or analysis turned off since the push: nothing to do
    if (!repository || repository.mode === 'none') return;
    await analyse(deps, ctx, job, repository);
  };
}
