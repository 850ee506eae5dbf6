import { sql } from 'kysely';
import { AppError } from '../core/errors.js';
import type { Report } from '../report/types.js';
import type { Sbom } from '../sbom/types.js';
import {
  findingRows,
  historyRow,
  insertChunked,
  packageRows,
  summaryColumns,
  toFindingRow,
  toHistoryPoint,
  toImages,
  uniqueKeys,
} from './image-rows.js';
import type { Db, ImagesTable } from './schema.js';
import type {
  AnalysisWrite,
  EvaluationWrite,
  ImageQuery,
  ImageRecord,
  ImageStore,
  PackageKey,
} from './types.js';
import { inTransaction, newId, packDocument, pageBounds, toCount, unpackDocument } from './util.js';

const sortColumns = {
  pushedAt: ['pushed_at', 'asc'],
  '-pushedAt': ['pushed_at', 'desc'],
  critical: ['critical', 'asc'],
  '-critical': ['critical', 'desc'],
} as const;

/** The report is stored without its package list: the SBOM beside it has the packages. */
const reportDocument = (report: Report) => packDocument({ ...report, packages: [] });

async function replaceDetails(trx: Db, imageId: string, report: Report, keys?: readonly PackageKey[]) {
  await trx.deleteFrom('image_findings').where('image_id', '=', imageId).execute();
  await insertChunked(trx, 'image_findings', findingRows(imageId, report));
  if (!keys) return;
  await trx.deleteFrom('package_keys').where('image_id', '=', imageId).execute();
  const keyRows = uniqueKeys(keys).map((k) => ({ image_id: imageId, ecosystem: k.ecosystem, name: k.name }));
  await insertChunked(trx, 'package_keys', keyRows);
}

async function saveAnalysis(trx: Db, write: AnalysisWrite): Promise<ImageRecord> {
  const existing = await trx
    .selectFrom('images')
    .selectAll()
    .where('repository_id', '=', write.repositoryId)
    .where('digest', '=', write.digest)
    .executeTakeFirst();
  const id = existing?.id ?? newId();
  const row: ImagesTable = {
    id,
    org_id: write.orgId,
    repository_id: write.repositoryId,
    digest: write.digest,
    index_digest: write.indexDigest ?? existing?.index_digest ?? null,
    platform: write.platform ?? null,
    image_created_at: write.createdAt ?? null,
    pushed_at: existing && existing.pushed_at < write.pushedAt ? existing.pushed_at : write.pushedAt,
    mode: write.mode,
    analyzed_at: write.at,
    evaluated_at: write.at,
    ...summaryColumns(write.report),
  };
  if (existing) {
    await trx.updateTable('images').set(row).where('id', '=', id).execute();
    await trx.deleteFrom('image_documents').where('image_id', '=', id).execute();
    await trx.deleteFrom('image_packages').where('image_id', '=', id).execute();
    // a repeated analysis (a retry after a crash) replaces its history point instead of adding one
    await trx
      .deleteFrom('image_history')
      .where('image_id', '=', id)
      .where('reason', '=', 'analysis')
      .execute();
  } else {
    await trx.insertInto('images').values(row).execute();
  }
  await trx
    .insertInto('image_documents')
    .values({ image_id: id, sbom: packDocument(write.sbom), report: reportDocument(write.report) })
    .execute();
  await insertChunked(trx, 'image_packages', packageRows(id, write.sbom));
  await replaceDetails(trx, id, write.report, write.packageKeys);
  await trx
    .insertInto('image_history')
    .values(historyRow(id, write.at, write.report, 'analysis'))
    .execute();
  return (await toImages(trx, [row]))[0] as ImageRecord;
}

async function saveEvaluation(trx: Db, write: EvaluationWrite): Promise<ImageRecord> {
  const row = await trx.selectFrom('images').selectAll().where('id', '=', write.imageId).executeTakeFirst();
  if (!row) throw new AppError('E_NOT_FOUND', 'no such image', { where: write.imageId });
  if (row.mode === 'point-in-time') {
    throw new AppError('E_CONFLICT', 'a point-in-time analysis is frozen and never re-evaluated', {
      where: row.digest,
    });
  }
  const updated: ImagesTable = { ...row, evaluated_at: write.at, ...summaryColumns(write.report) };
  await trx.updateTable('images').set(updated).where('id', '=', row.id).execute();
  await trx
    .updateTable('image_documents')
    .set({ report: reportDocument(write.report) })
    .where('image_id', '=', row.id)
    .execute();
  await replaceDetails(trx, row.id, write.report, write.packageKeys);
  await trx
    .insertInto('image_history')
    .values(historyRow(row.id, write.at, write.report, 're-evaluation', write.operationId))
    .execute();
  return (await toImages(trx, [updated]))[0] as ImageRecord;
}

export function imageStore(db: Db): ImageStore {
  const get = async (orgId: string, id: string) => {
    const row = await db
      .selectFrom('images')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (await toImages(db, [row]))[0] : undefined;
  };
  const documents = (orgId: string, id: string) =>
    db
      .selectFrom('image_documents')
      .innerJoin('images', 'images.id', 'image_documents.image_id')
      .select(['image_documents.sbom', 'image_documents.report'])
      .where('images.org_id', '=', orgId)
      .where('images.id', '=', id)
      .executeTakeFirst();
  return {
    saveAnalysis: (write) => inTransaction(db, (trx) => saveAnalysis(trx, write)),
    saveEvaluation: (write) => inTransaction(db, (trx) => saveEvaluation(trx, write)),
    get,
    async getByDigest(orgId, repositoryId, digest) {
      const row = await db
        .selectFrom('images')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('repository_id', '=', repositoryId)
        .where('digest', '=', digest)
        .executeTakeFirst();
      return row ? (await toImages(db, [row]))[0] : undefined;
    },
    async list(orgId, query: ImageQuery = {}) {
      const { limit, offset } = pageBounds(query);
      let base = db.selectFrom('images').where('org_id', '=', orgId);
      if (query.repositoryId) base = base.where('repository_id', '=', query.repositoryId);
      const tag = query.tag;
      if (tag) {
        base = base.where((eb) => {
          const pointed = eb
            .selectFrom('repository_tags')
            .select('repository_tags.digest')
            .whereRef('repository_tags.repository_id', '=', 'images.repository_id')
            .where('repository_tags.tag', '=', tag);
          const listed = eb
            .selectFrom('index_manifests')
            .select('index_manifests.manifest_digest')
            .whereRef('index_manifests.repository_id', '=', 'images.repository_id')
            .where('index_manifests.index_digest', 'in', pointed);
          return eb.or([eb('images.digest', 'in', pointed), eb('images.digest', 'in', listed)]);
        });
      }
      const [column, direction] = sortColumns[query.sort ?? '-pushedAt'];
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy(column, direction).orderBy('id').limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      ]);
      return { items: await toImages(db, rows), total: toCount(total?.n) };
    },
    async sbom(orgId, id) {
      const docs = await documents(orgId, id);
      return docs ? unpackDocument<Sbom>(docs.sbom, `SBOM of image ${id}`) : undefined;
    },
    async report(orgId, id) {
      const docs = await documents(orgId, id);
      if (!docs) return undefined;
      const sbom = unpackDocument<Sbom>(docs.sbom, `SBOM of image ${id}`);
      const report = unpackDocument<Report>(docs.report, `report of image ${id}`);
      return { ...report, packages: sbom.packages };
    },
    async findings(orgId, id, query = {}) {
      const { limit, offset } = pageBounds(query);
      let base = db
        .selectFrom('image_findings')
        .innerJoin('images', 'images.id', 'image_findings.image_id')
        .where('images.org_id', '=', orgId)
        .where('images.id', '=', id);
      if (query.severity) base = base.where('image_findings.severity', '=', query.severity);
      const [rows, total] = await Promise.all([
        base
          .selectAll('image_findings')
          .orderBy('image_findings.severity_rank')
          .orderBy(sql`coalesce(image_findings.cvss, -1)`, 'desc')
          .orderBy('image_findings.package_name')
          .orderBy('image_findings.vulnerability_id')
          .orderBy('image_findings.package_id')
          .limit(limit)
          .offset(offset)
          .execute(),
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      ]);
      return { items: rows.map(toFindingRow), total: toCount(total?.n) };
    },
    async history(orgId, id) {
      const rows = await db
        .selectFrom('image_history')
        .innerJoin('images', 'images.id', 'image_history.image_id')
        .selectAll('image_history')
        .where('images.org_id', '=', orgId)
        .where('images.id', '=', id)
        .orderBy('image_history.at')
        .execute();
      return rows.map(toHistoryPoint);
    },
  };
}
