import { fingerprint } from '../fingerprint.js';
import type { ManifestRequest } from '../types.js';
import { AddressDictionary, Dictionary } from './dictionary.js';

/** What a block record is: a request (late or not, as the watermark decided), or the watermark moving. */
export const ACCEPTED = 0;
export const LATE = 1;
export const RELEASE = 2;

/** Strings a shard's dictionaries may hold before they start over (bounds a long import's memory). */
const MAX_STRINGS = 1 << 20;

/** The texts of a request, one dictionary (and code column) each. */
export const FIELDS = 6;
export const [REPOSITORY, TAG, DIGEST, ADDR, ACTOR, AGENT] = [0, 1, 2, 3, 4, 5] as const;

/** Bytes per record: ts (f64), the id's fingerprint and six string codes (i32), op and method (u8). */
const RECORD_BYTES = 8 + 4 * 8 + 2;

/**
 * A block as it crosses to a worker: the records' buffer (transferred) and the strings first used in
 * it. Event ids travel as their 64-bit fingerprints (all dedupe and storage need), not as texts.
 */
export interface Block {
  buffer: ArrayBuffer;
  capacity: number;
  length: number;
  /** The dictionaries started over: drop every string before appending `strings`. */
  reset: boolean;
  /** New strings per field (repository, tag, digest, addr, actor, agent), in code order. */
  strings: string[][];
}

type Six = [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];

export interface Columns {
  ts: Float64Array;
  keyHi: Int32Array;
  keyLo: Int32Array;
  /** Codes of repository, tag, digest, addr, actor, userAgent (-1: no tag, no actor). */
  codes: Six;
  op: Uint8Array;
  method: Uint8Array;
}

export function columns(buffer: ArrayBuffer, capacity: number): Columns {
  const ints = Array.from({ length: 8 }, (_, i) => new Int32Array(buffer, capacity * (8 + 4 * i), capacity));
  const bytes = capacity * (8 + 4 * 8);
  return {
    ts: new Float64Array(buffer, 0, capacity),
    keyHi: ints[0] as Int32Array,
    keyLo: ints[1] as Int32Array,
    codes: ints.slice(2) as Six,
    op: new Uint8Array(buffer, bytes, capacity),
    method: new Uint8Array(buffer, bytes + capacity, capacity),
  };
}

const dictionaries = () =>
  Array.from({ length: FIELDS }, (_, field) => (field === ADDR ? new AddressDictionary() : new Dictionary()));

/**
 * Records for one shard, column by column, texts as codes of per-field dictionaries the worker rebuilds
 * from the strings each block carries: a request crosses threads as a few numbers, and each text once.
 */
export class BlockWriter {
  length = 0;
  private dictionaries = dictionaries();
  private readonly key = new Int32Array(2);
  private reset = false;
  private cols: Columns;
  private buffer: ArrayBuffer;

  constructor(
    readonly capacity = 8192,
    private readonly maxStrings = MAX_STRINGS,
  ) {
    this.buffer = new ArrayBuffer(capacity * RECORD_BYTES);
    this.cols = columns(this.buffer, capacity);
  }

  get full(): boolean {
    return this.length >= this.capacity;
  }

  request(request: ManifestRequest, late: boolean): void {
    const i = this.length;
    const { cols } = this;
    const { codes } = cols;
    const d = this.dictionaries as [Dictionary, Dictionary, Dictionary, Dictionary, Dictionary, Dictionary];
    cols.op[i] = late ? LATE : ACCEPTED;
    cols.ts[i] = request.ts;
    fingerprint(request.id, this.key);
    cols.keyHi[i] = this.key[0] as number;
    cols.keyLo[i] = this.key[1] as number;
    codes[REPOSITORY][i] = d[REPOSITORY].code(request.repository);
    codes[TAG][i] = request.tag === undefined ? -1 : d[TAG].code(request.tag);
    codes[DIGEST][i] = d[DIGEST].code(request.digest);
    codes[ADDR][i] = d[ADDR].code(request.addr);
    codes[ACTOR][i] = request.actor === undefined ? -1 : d[ACTOR].code(request.actor);
    codes[AGENT][i] = d[AGENT].code(request.userAgent);
    cols.method[i] = request.method === 'HEAD' ? 1 : 0;
    this.length = i + 1;
  }

  release(mark: number): void {
    this.cols.op[this.length] = RELEASE;
    this.cols.ts[this.length] = mark;
    this.length += 1;
  }

  /** The block so far, for transfer; the writer continues with a fresh buffer. */
  take(): Block {
    const block: Block = {
      buffer: this.buffer,
      capacity: this.capacity,
      length: this.length,
      reset: this.reset,
      strings: this.dictionaries.map((dictionary) => dictionary.fresh),
    };
    this.buffer = new ArrayBuffer(this.capacity * RECORD_BYTES);
    this.cols = columns(this.buffer, this.capacity);
    this.length = 0;
    this.reset = this.dictionaries.reduce((sum, d) => sum + d.size, 0) >= this.maxStrings;
    if (this.reset) this.dictionaries = dictionaries();
    else for (const dictionary of this.dictionaries) dictionary.fresh = [];
    return block;
  }
}
