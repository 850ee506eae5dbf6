// The C API bindings (installed with, and pinned by, @duckdb/node-api): the only public way to copy a
// whole typed-array column into a data chunk vector.

import {
  BIGINT,
  BOOLEAN,
  DATE,
  type DuckDBAppender,
  DuckDBDataChunk,
  INTEGER,
  SMALLINT,
  TIMESTAMP,
} from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { type ActionRow, actionKindCodes } from '../types.js';
import type { Labels } from './labels.js';

/** The text attributes stored as label ids, in `pull_actions` column order. */
const labelFields = [
  'namespace',
  'repository',
  'method',
  'tag',
  'digest',
  'country',
  'csp',
  'ipType',
  'tool',
  'toolVersion',
  'domain',
  'company',
  'useCase',
] as const satisfies readonly (keyof ActionRow)[];

const types = [
  BIGINT,
  TIMESTAMP,
  DATE,
  DATE,
  SMALLINT,
  ...labelFields.map(() => INTEGER),
  BOOLEAN,
  BIGINT,
  BIGINT,
];
const TWO32 = 4_294_967_296;

/**
 * Rows of `pull_actions` held column by column in typed arrays, so a flush copies whole columns into
 * DuckDB data chunks (no per-value calls into the database). 64-bit columns are pairs of int32
 * (little-endian: low word first).
 */
export class PullBatch {
  length = 0;
  minTs = Number.POSITIVE_INFINITY;
  maxTs = Number.NEGATIVE_INFINITY;
  private readonly key: Int32Array;
  private readonly ts: Int32Array;
  private readonly week: Int32Array;
  private readonly month: Int32Array;
  private readonly kind: Int16Array;
  private readonly ids: Int32Array[];
  private readonly auth: Uint8Array;
  private readonly userWeek: Int32Array;
  private readonly userMonth: Int32Array;
  private readonly lastValues: (string | null | undefined)[] = labelFields.map(() => undefined);
  private readonly lastIds = new Int32Array(labelFields.length);

  constructor(readonly capacity = 65_536) {
    this.key = new Int32Array(capacity * 2);
    this.ts = new Int32Array(capacity * 2);
    this.week = new Int32Array(capacity);
    this.month = new Int32Array(capacity);
    this.kind = new Int16Array(capacity);
    this.ids = labelFields.map(() => new Int32Array(capacity));
    this.auth = new Uint8Array(capacity);
    this.userWeek = new Int32Array(capacity * 2);
    this.userMonth = new Int32Array(capacity * 2);
  }

  get full(): boolean {
    return this.length >= this.capacity;
  }

  add(row: ActionRow, labels: Labels): void {
    const i = this.length;
    this.key[2 * i] = row.keyLo;
    this.key[2 * i + 1] = row.keyHi;
    const micros = row.ts * 1000;
    const hi = Math.floor(micros / TWO32);
    this.ts[2 * i] = micros - hi * TWO32;
    this.ts[2 * i + 1] = hi;
    this.week[i] = row.weekDay;
    this.month[i] = row.monthDay;
    this.kind[i] = actionKindCodes[row.kind];
    for (let f = 0; f < labelFields.length; f += 1) {
      const value = row[labelFields[f] as (typeof labelFields)[number]];
      // Neighbouring rows often share a value (same country, tool, repository): skip the lookup then.
      if (value !== this.lastValues[f]) {
        this.lastValues[f] = value;
        this.lastIds[f] = labels.id(value);
      }
      (this.ids[f] as Int32Array)[i] = this.lastIds[f] as number;
    }
    this.auth[i] = row.authenticated ? 1 : 0;
    this.userWeek[2 * i] = row.userWeekLo;
    this.userWeek[2 * i + 1] = row.userWeekHi;
    this.userMonth[2 * i] = row.userMonthLo;
    this.userMonth[2 * i + 1] = row.userMonthHi;
    if (row.ts < this.minTs) this.minTs = row.ts;
    if (row.ts > this.maxTs) this.maxTs = row.ts;
    this.length = i + 1;
  }

  clear(): void {
    this.length = 0;
    this.minTs = Number.POSITIVE_INFINITY;
    this.maxTs = Number.NEGATIVE_INFINITY;
  }

  /** Appends every held row through `appender`, one data chunk per vector size. */
  appendTo(appender: DuckDBAppender): void {
    const step = duckdb.vector_size();
    for (let offset = 0; offset < this.length; offset += step) {
      const count = Math.min(step, this.length - offset);
      const chunk = DuckDBDataChunk.create(types, count);
      const columns: [ArrayBufferView, number][] = [
        [this.key, 8],
        [this.ts, 8],
        [this.week, 4],
        [this.month, 4],
        [this.kind, 2],
        ...this.ids.map((ids) => [ids, 4] as [ArrayBufferView, number]),
        [this.auth, 1],
        [this.userWeek, 8],
        [this.userMonth, 8],
      ];
      columns.forEach(([source, width], column) => {
        const vector = duckdb.data_chunk_get_vector(chunk.chunk, column);
        const start = source.byteOffset + offset * width;
        duckdb.copy_data_to_vector(vector, 0, source.buffer as ArrayBuffer, start, count * width);
      });
      appender.appendDataChunk(chunk);
    }
  }
}
