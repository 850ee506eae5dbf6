// A pull-analytics worker thread: the shard stages (sessions, enrichment, batches) for the clients the
// ingest routes here. Started by `WorkerShards`; talks only through the messages below.
import { parentPort, workerData } from 'node:worker_threads';
import { AsnTable } from '../enrich/asn.js';
import { DomainPolicy } from '../enrich/domains.js';
import { CountryTable } from '../enrich/geo.js';
import { PeriodSalts, type SaltRecord } from '../privacy/salts.js';
import { settingsDomains } from '../settings.js';
import type { StageCounts } from '../stage.js';
import type { BatchState } from '../store/batch.js';
import { Labels } from '../store/labels.js';
import type { Block } from './block.js';
import { readBlock, StringTable } from './block-reader.js';
import { ShardCore, warm } from './core.js';
import type { WorkerInit } from './workers.js';

export type ToWorker =
  | { type: 'block'; seq: number; block: Block; salts: SaltRecord[] }
  | { type: 'flush'; seq: number }
  | { type: 'forget'; seq: number; weeklyBefore: number; monthlyBefore: number };

export type ToMain =
  | { type: 'ready' }
  | { type: 'batch'; labels: [number, string][]; batch: BatchState }
  | { type: 'ack'; seq: number; counts: StageCounts };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('not a worker thread');
  const init = workerData as WorkerInit;
  const tables = { asn: new AsnTable(), geo: new CountryTable() };
  const domains = new DomainPolicy();
  await domains.prepare(settingsDomains(init.settings));
  warm(tables, domains);
  const salts = new PeriodSalts(init.salts, () => {
    throw new Error('a worker hashes only with salts the ingest made');
  });
  const labels = new Labels();
  const core = new ShardCore(
    {
      settings: init.settings,
      tables,
      domains,
      salts,
      labels,
      batchRows: init.batchRows,
      dedupeHorizonMs: init.dedupeHorizonMs,
    },
    (batch) => {
      const message: ToMain = { type: 'batch', labels: labels.takeNew(), batch: batch.describe() };
      port.postMessage(message, [batch.buffer]);
    },
  );
  const table = new StringTable();
  const handler = { request: core.add.bind(core), release: core.release.bind(core) };
  port.on('message', (message: ToWorker) => {
    if (message.type === 'block') {
      for (const record of message.salts) salts.learn(record);
      readBlock(message.block, table, core.codes, handler);
    } else if (message.type === 'flush') {
      core.flush();
    } else {
      salts.forget(message.weeklyBefore, message.monthlyBefore);
    }
    const ack: ToMain = { type: 'ack', seq: message.seq, counts: core.counts };
    port.postMessage(ack);
  });
  const hello: ToMain = { type: 'ready' };
  port.postMessage(hello);
}

await main();
