import { createHash } from 'node:crypto';
import type { SeverityCounts } from '../../report/types.js';
import type { ImageRecord, Repository, Store } from '../../store/types.js';
import type { FindingChange } from '../evaluation/changes.js';

/** The job that fans a notice out to the org's integrations; its unique key makes each notice happen once. */
export const NOTICE = 'notice';

/** What one advisory update newly did to one image (E1): its most severe change, and how many more. */
export interface Notice {
  orgId: string;
  repositoryId: string;
  /** The repository's path in its registry (`team/app`). */
  repository: string;
  imageId: string;
  digest: string;
  /** The last-pushed tag the image is the target of. */
  tag: string;
  platform?: string;
  operationId: number;
  change: FindingChange;
  /** Findings new to the image / with a raised severity in this update, the shown one included. */
  newFindings: number;
  raisedFindings: number;
  counts: SeverityCounts;
}

/**
 * E1: only the image the repository's last-pushed tag points to (directly, or through an index listing it) is
 * worth telling people about; older tags change silently (their history still records it). The image's tags
 * are the ones pointing at it now, through any index: a manifest first analysed under another tag keeps the
 * index it was first seen in (or none) as `indexDigest`.
 */
export function isLastPushed(image: ImageRecord, repository: Repository): boolean {
  const { lastPushedDigest: pushed, lastPushedTag: tag } = repository;
  if (!pushed || !tag) return false;
  return image.digest === pushed || image.indexDigest === pushed || image.tags.includes(tag);
}

/** The notice for an image's changes, or undefined when nobody is to hear about them. */
export function noticeFor(
  image: ImageRecord,
  repository: Repository,
  changes: readonly FindingChange[],
  operationId: number,
  counts: SeverityCounts,
): Notice | undefined {
  const [change] = changes;
  if (!change || !isLastPushed(image, repository)) return undefined;
  return {
    orgId: image.orgId,
    repositoryId: repository.id,
    repository: repository.name,
    imageId: image.id,
    digest: image.digest,
    tag: repository.lastPushedTag as string,
    ...(image.platform ? { platform: image.platform } : {}),
    operationId,
    change,
    newFindings: changes.filter((c) => c.kind === 'new').length,
    raisedFindings: changes.filter((c) => c.kind === 'raised').length,
    counts,
  };
}

/**
 * One change is told once per image, whichever update operation (or concurrent worker) finds it first: the key
 * names the image, the package, the vulnerability and the severity reached, not the operation.
 */
export function noticeKey(notice: Notice): string {
  const { change } = notice;
  const what = [notice.imageId, change.packageId, change.vulnerabilityId, change.severity].join('\u0000');
  return `${notice.imageId}/${createHash('sha256').update(what).digest('hex').slice(0, 32)}`;
}

export function noticeTitle(notice: Notice): string {
  const { change } = notice;
  const where = `${notice.repository}:${notice.tag}`;
  return change.kind === 'raised'
    ? `${change.vulnerabilityId} is now ${change.severity} in ${where} (${change.packageName} ${change.packageVersion})`
    : `${change.vulnerabilityId} (${change.severity}) now affects ${where} (${change.packageName} ${change.packageVersion})`;
}

/**
 * Records a notice inside the caller's transaction (the evaluation's own): the in-app notifications for every
 * subscriber, and the durable job that delivers it to integrations. False when it had been recorded before.
 */
export async function recordNotice(store: Store, notice: Notice, at: string): Promise<boolean> {
  const { created } = await store.jobs.enqueue({
    kind: NOTICE,
    key: noticeKey(notice),
    orgId: notice.orgId,
    repositoryId: notice.repositoryId,
    digest: notice.digest,
    payload: notice as unknown as Record<string, unknown>,
  });
  if (!created) return false;
  const users = await store.subscriptions.subscribersOf(notice.orgId, notice.repositoryId);
  const title = noticeTitle(notice);
  await store.notifications.create(
    users.map((userId) => ({
      orgId: notice.orgId,
      userId,
      repositoryId: notice.repositoryId,
      imageId: notice.imageId,
      kind: 'vulnerability',
      severity: notice.change.severity,
      title,
      body: notice as unknown as Record<string, unknown>,
    })),
    at,
  );
  return true;
}
