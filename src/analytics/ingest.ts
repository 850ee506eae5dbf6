import { AsnTable } from './enrich/asn.js';
import { DomainPolicy } from './enrich/domains.js';
import { CountryTable } from './enrich/geo.js';
import { Watermark } from './gate.js';
import { dayOf, monthStartDay, weekStartDay } from './periods.js';
import { DEFAULT_RELEASE_EVERY, gateOptions, type PipelineStats } from './pipeline.js';
import { PeriodSalts } from './privacy/salts.js';
import { type AnalyticsSettings, settingsDomains } from './settings.js';
import { type LookupTables, ShardCore, warm } from './shard/core.js';
import { InlineShards } from './shard/inline.js';
import type { Shards } from './shard/shards.js';
import { type WorkerOptions, WorkerShards } from './shard/workers.js';
import { PullBatch } from './store/batch.js';
import type { AnalyticsStore } from './store/store.js';
import type { ManifestRequest } from './types.js';

export interface IngestStats extends PipelineStats {
  /** Actions written; fewer than `actions` when some were already stored. */
  stored: number;
}

export interface IngestOptions {
  /** Shared lookup tables (they take a second to load; a server keeps one set). Not for workers. */
  tables?: LookupTables;
  /** Only in the ingest's own thread: with it, `workers` is ignored. */
  verifiedEmail?: (actor: string) => string | undefined;
  /** Salts of periods that ended this long ago are deleted at `finish` (default 1 day). */
  saltGraceMs?: number;
  /** The clock, for tests. */
  now?: () => number;
  /** Rows per column batch (default 65,536). */
  batchRows?: number;
  /**
   * Worker threads that dedupe, classify and enrich, clients split between them (a bulk import on
   * several cores): the same actions as one thread. 0 (default): all in this thread.
   */
  workers?: number | WorkerOptions;
}

/** Rows gathered before a write: DuckDB writes whole row groups (122,880 rows) straight to the file. */
const WRITE_ROWS = 245_760;

let sharedTables: LookupTables | undefined;

/**
 * Registry events in, stored actions out. Here: the watermark (what is late, when sessions may be
 * classified) and the salts; then per client, in shards in this thread or split over worker threads:
 * dedupe, ordering, classification, enrichment, pseudonymisation, column batches; the batches are
 * written to DuckDB here. `push` is synchronous; await `flush` when `needsFlush`.
 */
export class PullIngest {
  private received = 0;
  private readonly watermark: Watermark;
  private readonly dedupeHorizonMs: number;
  private readonly ready: PullBatch[] = [];
  private readonly pool: PullBatch[] = [];
  private readyRows = 0;
  private sinceRelease = 0;
  private saltDay = Number.NaN;
  private stored = 0;
  private writing: Promise<void> = Promise.resolve();
  private shards!: Shards;
  /** Time range of the actions stored before this ingest began (null: none). */
  private earlier: { min: number; max: number } | null = null;

  private constructor(
    private readonly store: AnalyticsStore,
    private readonly salts: PeriodSalts,
    private readonly settings: AnalyticsSettings,
    private readonly options: IngestOptions,
  ) {
    const gate = gateOptions({
      windowMs: settings.sessionWindowSeconds * 1000,
      latenessMs: settings.latenessSeconds * 1000,
    });
    this.watermark = new Watermark(gate.latenessMs);
    this.dedupeHorizonMs = gate.dedupeHorizonMs;
  }

  static async open(
    store: AnalyticsStore,
    settings: AnalyticsSettings,
    options: IngestOptions = {},
  ): Promise<PullIngest> {
    const ingest = new PullIngest(store, new PeriodSalts(await store.salts()), settings, options);
    ingest.earlier = await store.pullRange();
    const workers = typeof options.workers === 'number' ? { count: options.workers } : options.workers;
    if (workers && workers.count > 0 && !options.verifiedEmail) {
      const batchRows = options.batchRows ?? 65_536;
      ingest.shards = await WorkerShards.start(
        { settings, salts: ingest.salts.records(), batchRows, dedupeHorizonMs: ingest.dedupeHorizonMs },
        workers,
        store.labels,
        (batch) => ingest.accept(batch),
      );
    } else {
      ingest.shards = new InlineShards(await ingest.inlineCore());
    }
    return ingest;
  }

  private async inlineCore(): Promise<ShardCore> {
    sharedTables ??= { asn: new AsnTable(), geo: new CountryTable() };
    const domains = new DomainPolicy();
    await domains.prepare(settingsDomains(this.settings));
    warm(this.options.tables ?? sharedTables, domains);
    const batchRows = this.options.batchRows ?? 65_536;
    return new ShardCore(
      {
        settings: this.settings,
        tables: this.options.tables ?? sharedTables,
        domains,
        salts: this.salts,
        labels: this.store.labels,
        batchRows,
        dedupeHorizonMs: this.dedupeHorizonMs,
        nextBatch: () => this.pool.pop() ?? new PullBatch(batchRows),
        ...(this.options.verifiedEmail ? { verifiedEmail: this.options.verifiedEmail } : {}),
      },
      (batch) => this.accept(batch),
    );
  }

  get stats(): IngestStats {
    return { received: this.received, ...this.shards.counts, stored: this.stored };
  }

  /** True when work is queued ahead of the database or the workers: await `flush()` then. */
  get needsFlush(): boolean {
    return this.readyRows >= 2 * WRITE_ROWS || this.shards.backlogged;
  }

  push(request: ManifestRequest): void {
    this.received += 1;
    const late = this.watermark.isLate(request.ts);
    this.ensureSalts(request.ts);
    this.shards.push(request, late);
    this.sinceRelease += 1;
    if (this.sinceRelease >= DEFAULT_RELEASE_EVERY) this.release();
  }

  /**
   * Classifies what the clock says can no longer change and drops the salts of closed periods (a server
   * calls this on a timer).
   */
  async tick(): Promise<void> {
    this.release((this.options.now ?? Date.now)() - this.settings.latenessSeconds * 1000);
    await this.flush(true);
    await this.purgeSalts();
  }

  /**
   * Waits for the shards when they are behind (back-pressure) and writes the batches that are ready; with
   * `all`, everything classified so far, partial batches included. Writes never overlap, and they start
   * in the background as soon as enough rows are ready: DuckDB works on its own threads meanwhile. A
   * failed write fails every later flush.
   */
  async flush(all = false): Promise<void> {
    if (all || this.shards.backlogged) await this.shards.settle(all);
    await this.write(all);
  }

  /**
   * Resolves once every request pushed so far has been processed (as far as the watermark allows) and
   * every batch due for writing is written: nothing of this ingest runs in the background after it.
   */
  async settle(): Promise<void> {
    await this.shards.settle(false);
    await this.write(false);
  }

  /** The end of an import: classifies everything held, writes it, and drops the salts of closed periods. */
  async finish(): Promise<IngestStats> {
    this.release(Number.POSITIVE_INFINITY);
    await this.flush(true);
    this.stored += await this.chain(() => this.store.writePulls([], this.salts.takeNew()));
    await this.purgeSalts();
    await this.shards.close();
    return this.stats;
  }

  private release(until = Number.NEGATIVE_INFINITY): void {
    this.sinceRelease = 0;
    this.shards.release(this.watermark.mark(until));
  }

  /** Salts exist before any shard needs them: workers hash with the salts this thread made. */
  private ensureSalts(ts: number): void {
    const day = dayOf(ts);
    if (day === this.saltDay) return;
    this.saltDay = day;
    const made = [
      this.salts.ensure('weekly', weekStartDay(day)),
      this.salts.ensure('monthly', monthStartDay(day)),
    ].filter((record) => record !== undefined);
    if (made.length) this.shards.learnSalts(made);
  }

  /** A batch from a shard: written with others once enough rows are ready. */
  private accept(batch: PullBatch): void {
    this.ready.push(batch);
    this.readyRows += batch.length;
    if (this.readyRows >= WRITE_ROWS) void this.write(false).catch(() => {});
  }

  private write(all: boolean): Promise<void> {
    return this.chain(async () => {
      if (!this.ready.length || (!all && this.readyRows < WRITE_ROWS)) return 0;
      const batches = this.ready.splice(0);
      this.readyRows = 0;
      const stored = await this.store.writePulls(batches, this.salts.takeNew(), (b) => this.cannotRepeat(b));
      if (this.shards instanceof InlineShards) {
        for (const batch of batches) {
          batch.clear();
          this.pool.push(batch);
        }
      }
      return stored;
    }).then((stored) => {
      this.stored += stored;
    });
  }

  /**
   * True when no row of `batch` can repeat a stored action, so it needs no check: dedupe drops repeated
   * event ids and marks every event that could repeat one it no longer remembers (or that came late), so
   * only rows stored before this ingest began could match, and none of those lies in the batch's time
   * range. (One ingest per database at a time, as `serve` and `import` run.)
   */
  private cannotRepeat(batch: PullBatch): boolean {
    const { earlier } = this;
    if (batch.mayRepeat > 0) return false;
    return earlier === null || batch.minTs > earlier.max || batch.maxTs < earlier.min;
  }

  /** Runs `body` after every earlier write; a failed write fails every later one. */
  private chain<T>(body: () => Promise<T>): Promise<T> {
    const next = this.writing.then(body);
    this.writing = next.then(() => undefined);
    this.writing.catch(() => {});
    return next;
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
    this.shards.forgetSalts(weekStartDay(cutoff), monthStartDay(cutoff));
    this.saltDay = Number.NaN;
  }
}
