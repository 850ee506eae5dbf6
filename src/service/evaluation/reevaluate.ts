import { openAdvisoryDb } from '../../advisories/store/reader.js';
import type { AdvisoryDb } from '../../advisories/store/types.js';
import { type DatabaseInfo, databaseInfo } from '../../report/assemble.js';
import type { EvaluationWrite, ImageRecord, Repository, Store } from '../../store/types.js';
import { type Notice, noticeFor, recordNotice } from '../notifications/notice.js';
import type { Logger } from '../types.js';
import { diffFindings } from './changes.js';
import { selectionKeys } from './keys.js';
import { rematchSelected, type Selection, selectionOf } from './rematch.js';

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
  /** Images whose concerned packages were matched again. */
  rematched: number;
  images: number;
  /** Packages matched again, over all images. */
  packages: number;
  /** Images whose findings changed (saved with a history point). */
  changed: number;
  /** Notices recorded (one per image at most). */
  notices: number;
  /** Selected but left alone: gone, frozen, or their repository's analysis turned off. */
  skipped: number;
}

/** A computed re-evaluation waiting to be written. */
interface Pending {
  write: EvaluationWrite;
  notice: Notice | undefined;
}

/** Changed images are written this many to a transaction: one commit for many, short enough for readers. */
const BATCH = 25;

interface Run {
  deps: EvaluationDeps;
  db: AdvisoryDb;
  database: DatabaseInfo;
  operationId: number;
  selection: Selection;
  repositories: Map<string, Repository | undefined>;
  outcome: EvaluationOutcome;
  pending: Pending[];
}

async function repositoryOf(run: Run, image: ImageRecord): Promise<Repository | undefined> {
  if (!run.repositories.has(image.repositoryId)) {
    const found = await run.deps.store.repositories.get(image.orgId, image.repositoryId);
    run.repositories.set(image.repositoryId, found);
  }
  return run.repositories.get(image.repositoryId);
}

/** Writes the pending evaluations and their notices, all in one transaction. */
async function flush(run: Run): Promise<void> {
  const pending = run.pending.splice(0);
  if (!pending.length) return;
  const noticed = await run.deps.store.transaction(async (trx) => {
    let count = 0;
    for (const { write, notice } of pending) {
      await trx.images.saveEvaluation(write);
      if (notice && (await recordNotice(trx, notice, write.at))) count++;
    }
    return count;
  });
  run.outcome.changed += pending.length;
  run.outcome.notices += noticed;
}

/** Re-matches the concerned packages of one stored image; queues a write only when its findings changed. */
async function evaluateImage(run: Run, target: { orgId: string; imageId: string }): Promise<void> {
  const { store } = run.deps;
  const { outcome } = run;
  const image = await store.images.get(target.orgId, target.imageId);
  const repository = image && (await repositoryOf(run, image));
  // A11: a point-in-time analysis is frozen; never touch it, whatever the index says
  const stored =
    image?.mode === 'continuous' && repository?.mode === 'continuous'
      ? await store.images.report(image.orgId, image.id)
      : undefined;
  if (!image || !repository || !stored) {
    outcome.skipped++;
    return;
  }
  outcome.rematched++;
  const rematch = rematchSelected(stored, run.selection, run.db, run.database);
  if (!rematch) return;
  outcome.packages += rematch.packages.length;
  const diff = diffFindings(rematch.before, rematch.after, rematch.packages);
  // nothing new to say: no write, so running an operation twice leaves no trace
  if (!diff.changed) return;
  const { report } = rematch;
  const at = (run.deps.now?.() ?? new Date()).toISOString();
  // what the packages look up depends on the SBOM alone: the index rows stay as they are (no keys given)
  run.pending.push({
    write: { imageId: image.id, at, report, operationId: run.operationId },
    notice: noticeFor(image, repository, diff.newly, run.operationId, report.summary.counts),
  });
  if (run.pending.length >= BATCH) await flush(run);
}

const emptyOutcome = (operationId: number): EvaluationOutcome => ({
  operationId,
  keys: 0,
  selected: 0,
  rematched: 0,
  images: 0,
  packages: 0,
  changed: 0,
  notices: 0,
  skipped: 0,
});

/**
 * `OnAdvisoryUpdate`: re-evaluates the continuous images whose package keys the operation's diff names
 * (through the store's reverse index), re-matching only their concerned packages against the advisory
 * database as it is now. Stops early when `signal` aborts: the job lost its lease, and the next holder starts
 * over (which repeats nothing: unchanged images are not written, notices are keyed).
 */
export async function reevaluateOperation(
  deps: EvaluationDeps,
  operationId: number,
  signal?: AbortSignal,
): Promise<EvaluationOutcome> {
  const db = openAdvisoryDb(deps.advisoryDbPath);
  const outcome = emptyOutcome(operationId);
  try {
    const diff = db.diffOf(operationId);
    if (!diff) {
      deps.log.warn('advisory operation unknown or its diff pruned: nothing re-evaluated', { operationId });
      return outcome;
    }
    const keys = selectionKeys(diff, db);
    const targets = await deps.store.packageIndex.imagesFor(keys);
    Object.assign(outcome, { keys: keys.length, selected: targets.length });
    const selection = selectionOf(keys);
    const run: Run = {
      deps,
      db,
      database: databaseInfo(db),
      operationId,
      selection,
      repositories: new Map(),
      outcome,
      pending: [],
    };
    for (const target of targets) {
      if (signal?.aborted) break;
      await evaluateImage(run, target);
    }
    await flush(run);
    outcome.images = outcome.rematched;
    return outcome;
  } finally {
    db.close();
  }
}
