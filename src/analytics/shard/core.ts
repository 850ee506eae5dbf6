import { ClientRegistry } from '../client.js';
import type { AsnTable } from '../enrich/asn.js';
import type { DomainPolicy } from '../enrich/domains.js';
import { ActionEnricher } from '../enrich/enricher.js';
import type { CountryTable } from '../enrich/geo.js';
import { NetworkResolver } from '../enrich/network.js';
import { IdentityHasher } from '../privacy/identity.js';
import type { PeriodSalts } from '../privacy/salts.js';
import type { QueuedRequest } from '../request.js';
import type { AnalyticsSettings } from '../settings.js';
import { SessionStage, type StageCounts } from '../stage.js';
import { PullBatch } from '../store/batch.js';
import type { Labels } from '../store/labels.js';
import { CodeCaches } from './codes.js';

export interface LookupTables {
  asn: AsnTable;
  geo: CountryTable;
}

/** Loads the lookup tables and domain lists now rather than on the first request. */
export function warm(tables: LookupTables, domains: DomainPolicy): void {
  tables.asn.lookup('192.0.2.1');
  tables.asn.lookup('2001:db8::1');
  tables.geo.lookup('192.0.2.1');
  domains.classify('example.com');
}

export interface ShardParts {
  settings: AnalyticsSettings;
  tables: LookupTables;
  domains: DomainPolicy;
  salts: PeriodSalts;
  labels: Labels;
  verifiedEmail?: (actor: string) => string | undefined;
  /** Rows per batch handed over. */
  batchRows: number;
  /** How long event ids are remembered for dedupe. */
  dedupeHorizonMs: number;
  /** A batch to fill next (a pool's, or new). */
  nextBatch?: () => PullBatch;
}

/**
 * Everything after the watermark for the clients routed here: dedupe, sessions (watermark order,
 * classification), enrichment, pseudonymisation and column batches. Runs in the ingest's own thread or in a worker; a
 * full batch goes to `onBatch`, which owns it from then on.
 */
export class ShardCore {
  readonly clients = new ClientRegistry();
  /** Client and label ids per dictionary code, for requests decoded in a worker. */
  readonly codes: CodeCaches;
  private readonly stage: SessionStage;
  private readonly enricher: ActionEnricher;
  private readonly nextBatch: () => PullBatch;
  private batch: PullBatch;

  constructor(
    parts: ShardParts,
    private readonly onBatch: (batch: PullBatch) => void,
  ) {
    this.nextBatch = parts.nextBatch ?? (() => new PullBatch(parts.batchRows));
    this.batch = this.nextBatch();
    this.enricher = new ActionEnricher({
      network: new NetworkResolver(parts.tables.asn, parts.tables.geo, parts.settings),
      domains: parts.domains,
      hasher: new IdentityHasher(parts.salts),
      settings: parts.settings,
      labels: parts.labels,
      ...(parts.verifiedEmail ? { verifiedEmail: parts.verifiedEmail } : {}),
    });
    this.codes = new CodeCaches(this.clients, this.enricher);
    const windowMs = parts.settings.sessionWindowSeconds * 1000;
    this.stage = new SessionStage(windowMs, parts.dedupeHorizonMs, (action) => {
      this.batch.add(this.enricher.fill(action));
      if (this.batch.full) this.handOver();
    });
  }

  /** Duplicates dropped, late requests and actions classified so far. */
  get counts(): StageCounts {
    return this.stage.counts;
  }

  /** A request, late or not as the watermark decided. */
  add(request: QueuedRequest, late: boolean): void {
    this.stage.add(request, late);
  }

  release(mark: number): void {
    this.stage.release(mark);
  }

  /** Hands over the partial batch too (a clock tick, the end of an import). */
  flush(): void {
    if (this.batch.length) this.handOver();
  }

  private handOver(): void {
    const full = this.batch;
    this.batch = this.nextBatch();
    this.onBatch(full);
  }
}
