import { eventsOf, manifestRequestOf, type SkipReason } from './event.js';
import type { PullIngest } from './ingest.js';

export interface WebhookOutcome {
  requests: number;
  skipped: Partial<Record<SkipReason, number>>;
}

/**
 * Feeds registry notification envelopes (the server's registry webhook, the same endpoint as push
 * events) into pull analytics. Answer the registry with a 2xx once `accept` returns: it retries
 * otherwise, and redelivered events are deduped by id. A clock (`start`) classifies sessions when
 * traffic stops.
 */
export class AnalyticsWebhook {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ingest: PullIngest) {}

  /** Takes one envelope body (parsed JSON). Throws E_EVENT_INVALID for a body that is not one. */
  async accept(body: unknown): Promise<WebhookOutcome> {
    const outcome: WebhookOutcome = { requests: 0, skipped: {} };
    for (const event of eventsOf(body)) {
      const result = manifestRequestOf(event);
      if ('request' in result) {
        this.ingest.push(result.request);
        outcome.requests += 1;
      } else {
        outcome.skipped[result.skipped] = (outcome.skipped[result.skipped] ?? 0) + 1;
      }
    }
    if (this.ingest.needsFlush) await this.ingest.flush();
    return outcome;
  }

  /** Classifies and stores on a clock (default every 10 s). */
  start(everyMs = 10_000): void {
    this.timer ??= setInterval(() => void this.ingest.tick().catch(() => {}), everyMs);
    this.timer.unref();
  }

  /** Stops the clock and stores everything held (graceful shutdown). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ingest.finish();
  }
}
