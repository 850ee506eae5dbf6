import { existsSync } from 'node:fs';
import { openAdvisoryDb } from '../../advisories/store/reader.js';
import type { AdvisoryDb, UpdateOperation } from '../../advisories/store/types.js';
import type { Store } from '../../store/types.js';
import type { Logger } from '../types.js';

/** The job that re-evaluates one advisory update operation (`reevaluateOperation`). */
export const ADVISORY_UPDATE = 'advisory-update';

/** Server setting: the last operation handed to re-evaluation, `{ id, finished }`. */
export const CURSOR_SETTING = 'evaluation.cursor';

interface Cursor {
  id: number;
  /** Tells this database's operation `id` from another database's (a replaced file restarts at 1). */
  finished: string;
}

export interface QueueOutcome {
  /** Jobs queued now (operations already queued, by any process, are not counted). */
  queued: number;
  cursor?: Cursor;
}

function readCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Cursor>;
    if (Number.isInteger(value.id) && typeof value.finished === 'string')
      return { id: value.id as number, finished: value.finished };
  } catch {
    // an unreadable cursor is treated as none: the next check starts from the newest operation
  }
  return undefined;
}

/** True when the operation changed any record or KEV entry (EPSS refreshes and unchanged runs change nothing). */
function changedSomething(db: AdvisoryDb, op: UpdateOperation): boolean {
  if (op.status !== 'updated') return false;
  if (op.added + op.changed + op.withdrawn + op.removed > 0) return true;
  return (db.diffOf(op.id)?.changes.length ?? 0) > 0;
}

/** The operations after the cursor, oldest first; all of them when the database file was replaced. */
function pending(ops: UpdateOperation[], cursor: Cursor, log: Logger): UpdateOperation[] {
  const known = ops.find((op) => op.id === cursor.id);
  const replaced = (known && known.finished !== cursor.finished) || (ops[0]?.id ?? 0) < cursor.id;
  if (replaced) log.warn('the advisory database was replaced: re-evaluating every operation it holds');
  return ops.filter((op) => replaced || op.id > cursor.id).reverse();
}

/**
 * The driver's step: reads the advisory database's operation log and queues one durable re-evaluation job
 * per new operation that changed something, moving the cursor in the store after each, so a restart neither
 * skips nor repeats one (job keys make a repeat a no-op, across processes too). The first run only sets the
 * cursor: what is stored was matched against the database as it is.
 */
export async function queueNewOperations(deps: {
  store: Store;
  advisoryDbPath: string;
  log: Logger;
}): Promise<QueueOutcome> {
  if (!existsSync(deps.advisoryDbPath)) return { queued: 0 };
  const db = openAdvisoryDb(deps.advisoryDbPath);
  try {
    const ops = db.listUpdateOperations(10_000);
    const newest = ops[0];
    if (!newest) return { queued: 0 };
    const cursor = readCursor(await deps.store.settings.get(CURSOR_SETTING));
    const save = (op: UpdateOperation) =>
      deps.store.settings.set(CURSOR_SETTING, JSON.stringify({ id: op.id, finished: op.finished }));
    if (!cursor) {
      await save(newest);
      deps.log.info('continuous evaluation follows the advisory database from here', {
        operation: newest.id,
      });
      return { queued: 0, cursor: { id: newest.id, finished: newest.finished } };
    }
    let queued = 0;
    for (const op of pending(ops, cursor, deps.log)) {
      if (changedSomething(db, op)) {
        const { created } = await deps.store.jobs.enqueue({
          kind: ADVISORY_UPDATE,
          key: `${op.id}/${op.finished}`,
          payload: { operationId: op.id, source: op.source },
          maxAttempts: 10,
        });
        if (created) queued++;
      }
      await save(op);
    }
    if (queued) deps.log.info('advisory updates queued for re-evaluation', { queued });
    return { queued, cursor: { id: newest.id, finished: newest.finished } };
  } finally {
    db.close();
  }
}
