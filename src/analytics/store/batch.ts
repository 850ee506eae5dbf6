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

/** The text attributes stored as label ids, in `pull_actions` column order. */
export const labelFields = [
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
] as const;

export type LabelField = (typeof labelFields)[number];

/** Index of each label field in `PullRow.labels` and in the batch's label columns (`labelFields` order). */
export const L = {
  namespace: 0,
  repository: 1,
  method: 2,
  tag: 3,
  digest: 4,
  country: 5,
  csp: 6,
  ipType: 7,
  tool: 8,
  toolVersion: 9,
  domain: 10,
  company: 11,
  useCase: 12,
} as const satisfies Record<LabelField, number>;

/** One `pull_actions` row as numbers (texts already label ids): filled in place, copied by `add`. */
export class PullRow {
  keyHi = 0;
  keyLo = 0;
  ts = 0;
  weekDay = 0;
  monthDay = 0;
  /** 1 version_check, 2 pull_by_tag, 3 pull_by_digest. */
  kind = 0;
  readonly labels = new Int32Array(labelFields.length);
  authenticated = false;
  userWeekHi = 0;
  userWeekLo = 0;
  userMonthHi = 0;
  userMonthLo = 0;
  /** The action may repeat a stored one (its first event came late, or older than the ids deduped). */
  mayRepeat = false;
}

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
/** Bytes per row over all columns. */
const ROW_BYTES = 8 * 4 + 4 * (2 + labelFields.length) + 2 + 1;

/**
 * Rows of `pull_actions` held column by column in typed arrays over one ArrayBuffer, so a flush copies
 * whole columns into DuckDB data chunks (no per-value calls into the database) and a worker thread can
 * hand a batch over without copying. 64-bit columns are pairs of int32 (little-endian: low word first).
 */
export class PullBatch {
  length = 0;
  minTs = Number.POSITIVE_INFINITY;
  maxTs = Number.NEGATIVE_INFINITY;
  /** Rows that may repeat stored ones (see `PullRow.mayRepeat`): the store checks those batches. */
  mayRepeat = 0;
  readonly buffer: ArrayBuffer;
  private readonly key: Int32Array;
  private readonly ts: Int32Array;
  private readonly userWeek: Int32Array;
  private readonly userMonth: Int32Array;
  private readonly week: Int32Array;
  private readonly month: Int32Array;
  /** Label id columns, in `labelFields` order. */
  readonly ids: Int32Array[];
  private readonly kind: Int16Array;
  private readonly auth: Uint8Array;

  constructor(
    readonly capacity = 65_536,
    buffer?: ArrayBuffer,
  ) {
    this.buffer = buffer ?? new ArrayBuffer(capacity * ROW_BYTES);
    let at = 0;
    const take = <T>(make: (b: ArrayBuffer, offset: number, length: number) => T, width: number, n = 1) => {
      const view = make(this.buffer, at, capacity * n);
      at += capacity * width;
      return view;
    };
    const int32 = (b: ArrayBuffer, o: number, n: number) => new Int32Array(b, o, n);
    this.key = take(int32, 8, 2);
    this.ts = take(int32, 8, 2);
    this.userWeek = take(int32, 8, 2);
    this.userMonth = take(int32, 8, 2);
    this.week = take(int32, 4);
    this.month = take(int32, 4);
    this.ids = labelFields.map(() => take(int32, 4));
    this.kind = take((b, o, n) => new Int16Array(b, o, n), 2);
    this.auth = take((b, o, n) => new Uint8Array(b, o, n), 1);
  }

  /** A batch over a buffer another thread filled (see `describe`). */
  static from(state: BatchState): PullBatch {
    const batch = new PullBatch(state.capacity, state.buffer);
    batch.length = state.length;
    batch.minTs = state.minTs;
    batch.maxTs = state.maxTs;
    batch.mayRepeat = state.mayRepeat;
    return batch;
  }

  /** What another thread needs to rebuild this batch (the buffer is then transferred). */
  describe(): BatchState {
    const { capacity, buffer, length, minTs, maxTs, mayRepeat } = this;
    return { capacity, buffer, length, minTs, maxTs, mayRepeat };
  }

  get full(): boolean {
    return this.length >= this.capacity;
  }

  add(row: PullRow): void {
    const i = this.length;
    this.key[2 * i] = row.keyLo;
    this.key[2 * i + 1] = row.keyHi;
    const micros = row.ts * 1000;
    const hi = Math.floor(micros / TWO32);
    this.ts[2 * i] = micros - hi * TWO32;
    this.ts[2 * i + 1] = hi;
    this.week[i] = row.weekDay;
    this.month[i] = row.monthDay;
    this.kind[i] = row.kind;
    const { labels } = row;
    for (let f = 0; f < labels.length; f += 1) (this.ids[f] as Int32Array)[i] = labels[f] as number;
    this.auth[i] = row.authenticated ? 1 : 0;
    this.userWeek[2 * i] = row.userWeekLo;
    this.userWeek[2 * i + 1] = row.userWeekHi;
    this.userMonth[2 * i] = row.userMonthLo;
    this.userMonth[2 * i + 1] = row.userMonthHi;
    if (row.ts < this.minTs) this.minTs = row.ts;
    if (row.ts > this.maxTs) this.maxTs = row.ts;
    if (row.mayRepeat) this.mayRepeat += 1;
    this.length = i + 1;
  }

  /** Rewrites every label id through `map` (ids another thread's label table gave → the store's). */
  remapLabels(map: Int32Array): void {
    for (const column of this.ids) {
      for (let i = 0; i < this.length; i += 1) column[i] = map[column[i] as number] as number;
    }
  }

  clear(): void {
    this.length = 0;
    this.minTs = Number.POSITIVE_INFINITY;
    this.maxTs = Number.NEGATIVE_INFINITY;
    this.mayRepeat = 0;
  }

  /** Appends every held row through `appender`, one data chunk per vector size. */
  appendTo(appender: DuckDBAppender): void {
    const step = duckdb.vector_size();
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
    for (let offset = 0; offset < this.length; offset += step) {
      const count = Math.min(step, this.length - offset);
      const chunk = DuckDBDataChunk.create(types, count);
      columns.forEach(([source, width], column) => {
        const vector = duckdb.data_chunk_get_vector(chunk.chunk, column);
        const start = source.byteOffset + offset * width;
        duckdb.copy_data_to_vector(vector, 0, source.buffer as ArrayBuffer, start, count * width);
      });
      appender.appendDataChunk(chunk);
    }
  }
}

/** A batch as it crosses threads: its buffer (transferred) and counters. */
export interface BatchState {
  capacity: number;
  buffer: ArrayBuffer;
  length: number;
  minTs: number;
  maxTs: number;
  mayRepeat: number;
}
