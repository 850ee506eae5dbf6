import { AsnTable } from './enrich/asn.js';
import { DomainPolicy } from './enrich/domains.js';
import { ActionEnricher } from './enrich/enricher.js';
import { CountryTable } from './enrich/geo.js';
import { NetworkResolver } from './enrich/network.js';
import { dayOf, monthStartDay, weekStartDay } from './periods.js';
import { ActionPipeline, type PipelineStats } from './pipeline.js';
import { IdentityHasher } from './privacy/identity.js';
import { PeriodSalts } from './privacy/salts.js';
import type { AnalyticsSettings } from './settings.js';
import { PullBatch } from './store/batch.js';
import type { AnalyticsStore } from './store/store.js';
import type { ClassifiedAction, ManifestRequest } from './types.js';

export interface IngestStats extends PipelineStats {
  /** Actions written; fewer than `actions` when some were already stored. */
  stored: number;
}

export interface IngestOptions {
  /** Shared lookup tables (they take a second to load; a server keeps one set). */
  tables?: { asn: AsnTable; geo: CountryTable };
  verifiedEmail?: (actor: string) => string | undefined;
  /** Salts of periods that ended this long ago are deleted at `finish` (default 1 day). */
  saltGraceMs?: number;
  /** The clock, for tests. */
  now?: () => number;
  batchRows?: number;
}

let sharedTables: { asn: AsnTable; geo: CountryTable } | undefined;

/** Every settings domain, so the university list is consulted before the hot path needs it. */
function settingsDomains(settings: AnalyticsSettings): string[] {
  return [
    ...Object.values(settings.users),
    ...Object.values(settings.organizations),
    ...settings.networks.flatMap((n) => (n.domain ? [n.domain] : [])),
    ...Object.values(settings.publishers).flatMap((p) => p.trackedDomains),
  ];
}

/**
 * Registry events in, stored actions out: dedupe and order (watermark), classify (sessions), enrich,
 * pseudonymise, and write in column batches. `push` is synchronous; call `flush` when `needsFlush`.
 */
export class PullIngest {
  private readonly pipeline: ActionPipeline;
  private readonly ready: PullBatch[] = [];
  private readonly pool: PullBatch[] = [];
  private batch: PullBatch;
  private stored = 0;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: AnalyticsStore,
    private readonly salts: PeriodSalts,
    private readonly enricher: ActionEnricher,
    settings: AnalyticsSettings,
    private readonly options: IngestOptions,
  ) {
    this.batch = new PullBatch(options.batchRows);
    this.pipeline = new ActionPipeline(
      { windowMs: settings.sessionWindowSeconds * 1000, latenessMs: settings.latenessSeconds * 1000 },
      (action) => this.accept(action),
    );
  }

  static async open(
    store: AnalyticsStore,
    settings: AnalyticsSettings,
    options: IngestOptions = {},
  ): Promise<PullIngest> {
    sharedTables ??= { asn: new AsnTable(), geo: new CountryTable() };
    const tables = options.tables ?? sharedTables;
    const domains = new DomainPolicy();
    await domains.prepare(settingsDomains(settings));
    const salts = new PeriodSalts(await store.salts());
    const enricher = new ActionEnricher({
      network: new NetworkResolver(tables.asn, tables.geo, settings),
      domains,
      hasher: new IdentityHasher(salts),
      settings,
      ...(options.verifiedEmail ? { verifiedEmail: options.verifiedEmail } : {}),
    });
    return new PullIngest(store, salts, enricher, settings, options);
  }

  get stats(): IngestStats {
    return { ...this.pipeline.stats, stored: this.stored };
  }

  /** True when full batches are waiting for the database: await `flush()` then (back-pressure). */
  get needsFlush(): boolean {
    return this.ready.length > 1;
  }

  push(request: ManifestRequest): void {
    this.pipeline.push(request);
  }

  /**
   * Classifies what the clock says can no longer change and drops the salts of closed periods (a server
   * calls this on a timer).
   */
  async tick(): Promise<void> {
    this.pipeline.advance((this.options.now ?? Date.now)());
    await this.flush(true);
    await this.purgeSalts();
  }

  /**
   * Writes the batches that are full (or, with `all`, the partial one too). Writes never overlap, and a
   * full batch starts writing at once in the background: DuckDB works on its own threads while the
   * next events are classified. A failed write fails every later flush.
   */
  flush(all = false): Promise<void> {
    this.writing = this.writing.then(() => this.write(all));
    this.writing.catch(() => {});
    return this.writing;
  }

  private async write(all: boolean): Promise<void> {
    if (all && this.batch.length) {
      this.ready.push(this.batch);
      this.batch = this.pool.pop() ?? new PullBatch(this.options.batchRows);
    }
    while (this.ready.length) {
      const batch = this.ready.shift() as PullBatch;
      this.stored += await this.store.writePulls(batch, this.salts.takeNew());
      batch.clear();
      this.pool.push(batch);
    }
  }

  /** The end of an import: classifies everything held, writes it, and drops the salts of closed periods. */
  async finish(): Promise<IngestStats> {
    this.pipeline.finish();
    await this.flush(true);
    await this.store.writePulls(new PullBatch(1), this.salts.takeNew());
    await this.purgeSalts();
    return this.stats;
  }

  /**
   * Salts of periods that ended more than the grace ago are deleted, in the store and in memory: from
   * then on their hashes cannot be linked to anyone. An event that still arrives for such a period gets
   * a fresh salt, so it may count its client once more in that period's uniques.
   */
  private async purgeSalts(): Promise<void> {
    const cutoff = dayOf((this.options.now ?? Date.now)() - (this.options.saltGraceMs ?? 86_400_000));
    await this.store.purgeSalts(weekStartDay(cutoff), monthStartDay(cutoff));
    this.salts.forget(weekStartDay(cutoff), monthStartDay(cutoff));
  }

  private accept(action: ClassifiedAction): void {
    this.batch.add(this.enricher.row(action), this.store.labels);
    if (this.batch.full) {
      this.ready.push(this.batch);
      this.batch = this.pool.pop() ?? new PullBatch(this.options.batchRows);
      void this.flush();
    }
  }
}
