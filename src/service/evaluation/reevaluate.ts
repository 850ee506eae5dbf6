import { openAdvisoryDb } from '../../advisories/store/reader.js';
import type { AdvisoryDb } from '../../advisories/store/types.js';
import type { FindingRow, ImageRecord, Repository, Store } from '../../store/types.js';
import { matchRecordingKeys } from '../analyze.js';
import { noticeFor, recordNotice } from '../notifications/notice.js';
import type { Logger } from '../types.js';
import { diffFindings } from './changes.js';
import { selectionKeys } from './keys.js';

export interface EvaluationDeps {
  store: Store;
  /** The advisory database (opened per operation: `db update` swaps the file by rename). */
  advisoryDbPath: string;
  log: Logger;
  now?: () => Date;
}

/** What re-evaluating one update operation did. `images` (the `OnAdvisoryUpdate` contract) = `rematched`. */
export interface EvaluationOutcome {
  operationId: number;
  /** Package keys the operation's diff (and its records' alias groups) named. */
  keys: number;
  /** Continuous images the reverse index returned. */
  selected: number;
  /** Images whose SBOM was matched again. */
  rematched: number;
  images: number;
  /** Images whose findings changed (saved with a history point). */
  changed: number;
  /** Notices recorded (one per image at most). */
  notices: number;
  /** Selected but left alone: gone, frozen, or their repository's analysis turned off. */
  skipped: number;
}

type Verdict = 'changed' | 'unchanged' | 'skipped';

interface Run {
  deps: EvaluationDeps;
  db: AdvisoryDb;
  operationId: number;
  repositories: Map<string, Repository | undefined>;
  notices: number;
}

/** Every stored finding of an image (the store pages them). */
async function storedFindings(store: Store, image: ImageRecord): Promise<FindingRow[]> {
  const rows: FindingRow[] = [];
  for (;;) {
    const page = await store.images.findings(image.orgId, image.id, { limit: 500, offset: rows.length });
    rows.push(...page.items);
    if (page.items.length === 0 || rows.length >= page.total) return rows;
  }
}

async function repositoryOf(run: Run, image: ImageRecord): Promise<Repository | undefined> {
  if (!run.repositories.has(image.repositoryId)) {
    const found = await run.deps.store.repositories.get(image.orgId, image.repositoryId);
    run.repositories.set(image.repositoryId, found);
  }
  return run.repositories.get(image.repositoryId);
}

/** Re-matches one stored SBOM; saves and notifies only when its findings changed. */
async function evaluateImage(run: Run, target: { orgId: string; imageId: string }): Promise<Verdict> {
  const { store } = run.deps;
  const image = await store.images.get(target.orgId, target.imageId);
  // A11: a point-in-time analysis is frozen; never touch it, whatever the index says
  if (image?.mode !== 'continuous') return 'skipped';
  const repository = await repositoryOf(run, image);
  if (repository?.mode !== 'continuous') return 'skipped';
  const sbom = await store.images.sbom(image.orgId, image.id);
  if (!sbom) return 'skipped';
  const before = await storedFindings(store, image);
  const { report, keys } = matchRecordingKeys(sbom, run.db);
  const diff = diffFindings(before, report);
  // nothing new to say: no write, so running an operation twice leaves no trace
  if (!diff.changed) return 'unchanged';
  const at = (run.deps.now?.() ?? new Date()).toISOString();
  const notice = noticeFor(image, repository, diff.newly, run.operationId, report.summary.counts);
  const noticed = await store.transaction(async (trx) => {
    await trx.images.saveEvaluation({
      imageId: image.id,
      at,
      report,
      packageKeys: keys,
      operationId: run.operationId,
    });
    return notice ? recordNotice(trx, notice, at) : false;
  });
  if (noticed) run.notices++;
  return 'changed';
}

/**
 * `OnAdvisoryUpdate`: re-matches the continuous images whose package keys the operation's diff names (through
 * the store's reverse index), against the advisory database as it is now. Stops early (and says so) when
 * `signal` aborts: the job that runs it lost its lease, and the next holder starts over.
 */
export async function reevaluateOperation(
  deps: EvaluationDeps,
  operationId: number,
  signal?: AbortSignal,
): Promise<EvaluationOutcome> {
  const db = openAdvisoryDb(deps.advisoryDbPath);
  const outcome: EvaluationOutcome = {
    operationId,
    keys: 0,
    selected: 0,
    rematched: 0,
    images: 0,
    changed: 0,
    notices: 0,
    skipped: 0,
  };
  try {
    const diff = db.diffOf(operationId);
    if (!diff) {
      deps.log.warn('advisory operation unknown or its diff pruned: nothing re-evaluated', { operationId });
      return outcome;
    }
    const keys = selectionKeys(diff, db);
    const targets = await deps.store.packageIndex.imagesFor(keys);
    Object.assign(outcome, { keys: keys.length, selected: targets.length });
    const run: Run = { deps, db, operationId, repositories: new Map(), notices: 0 };
    for (const target of targets) {
      if (signal?.aborted) break;
      const verdict = await evaluateImage(run, target);
      if (verdict === 'skipped') outcome.skipped++;
      else outcome.rematched++;
      if (verdict === 'changed') outcome.changed++;
    }
    outcome.images = outcome.rematched;
    outcome.notices = run.notices;
    return outcome;
  } finally {
    db.close();
  }
}
