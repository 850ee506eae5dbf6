// Continuous evaluation (A5): advisory update operations → affected stored images re-matched → notices.
import { installNotifications, type NotificationServices } from '../notifications/index.js';
import type { SecretBox } from '../secrets.js';
import type { OnAdvisoryUpdate, Services, Worker } from '../types.js';
import {
  advisoryUpdateHandler,
  type EvaluationDriver,
  type EvaluationSettings,
  evaluationDriver,
  evaluationSettings,
} from './driver.js';
import { ADVISORY_UPDATE } from './operations.js';
import { reevaluateOperation } from './reevaluate.js';

export interface ContinuousEvaluationOptions {
  services: Services;
  worker: Worker;
  secrets: SecretBox;
  advisoryDbPath: string;
  /** Default: from the environment (`evaluationSettings`). */
  settings?: EvaluationSettings;
  env?: NodeJS.ProcessEnv;
  /** Webhook deliveries (tests): fetch and timeout. */
  delivery?: { fetch?: typeof fetch; timeoutMs?: number };
  /** Replaces the scheduled feed download (tests). */
  runUpdate?: () => Promise<void>;
}

export interface ContinuousEvaluation {
  driver: EvaluationDriver;
  notifications: NotificationServices;
  /** Re-evaluates one operation now, in this process (the job handler does the same). */
  onAdvisoryUpdate: OnAdvisoryUpdate;
}

/**
 * Wires continuous evaluation and notifications into a server: registers the `advisory-update`, `notice` and
 * `deliver` job handlers on the worker, attaches the notification use cases to `services`, and returns the
 * driver (not started: `serve` calls `driver.start()` after the worker, and `driver.stop()` on shutdown).
 */
export function installContinuousEvaluation(options: ContinuousEvaluationOptions): ContinuousEvaluation {
  const { services, worker, advisoryDbPath } = options;
  const log = services.log.child({ component: 'evaluation' });
  worker.handlers.set(ADVISORY_UPDATE, advisoryUpdateHandler({ advisoryDbPath }));
  const notifications = installNotifications(services, worker, {
    secrets: options.secrets,
    ...options.delivery,
  });
  const driver = evaluationDriver({
    store: services.store,
    advisoryDbPath,
    log,
    settings: options.settings ?? evaluationSettings(options.env),
    ...(options.env ? { env: options.env } : {}),
    ...(options.runUpdate ? { runUpdate: options.runUpdate } : {}),
  });
  const onAdvisoryUpdate: OnAdvisoryUpdate = (operationId) =>
    reevaluateOperation({ store: services.store, advisoryDbPath, log }, operationId);
  return { driver, notifications, onAdvisoryUpdate };
}

export { type EvaluationSettings, evaluationSettings } from './driver.js';
export { ADVISORY_UPDATE, CURSOR_SETTING, queueNewOperations } from './operations.js';
export { type EvaluationOutcome, reevaluateOperation } from './reevaluate.js';
