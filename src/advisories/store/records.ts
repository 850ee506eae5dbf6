import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Advisory, Affected, DistroStatus } from '../model.js';
import { type PackageSlice, packageSlices } from './keys.js';

/**
 * How a record is stored, for the two kinds of read:
 * - head: every top-level field but the bulky ones, as JSON (what a package look-up shows);
 * - slices: per package, its affected entries and distro statuses, as JSON; each slice goes into its
 *   package's list (package-lists.ts), which is what a package look-up reads;
 * - body: the rest (details, references, credits, affected entries without a package) and all the
 *   slices again, one JSON per line, deflated when large: what byId reads to put the record together.
 */
const bulky = new Set(['affected', 'distro_statuses', 'details', 'references', 'credits']);

export interface EncodedRecord {
  head: string;
  rest: string;
  slices: (PackageSlice & { json: string })[];
  /** Content hash over all parts: equal hash means nothing changed. */
  hash: string;
}

export function encodeRecord(advisory: Advisory): EncodedRecord {
  const head = headOf(advisory);
  const rest = JSON.stringify({
    details: advisory.details,
    references: advisory.references,
    credits: advisory.credits,
    affected: advisory.affected.some((a) => !a.package)
      ? advisory.affected.filter((a) => !a.package)
      : undefined,
  });
  const slices = packageSlices(advisory).map((slice) => ({ ...slice, json: sliceJson(slice) }));
  const hash = createHash('sha256').update(head).update(rest);
  for (const slice of slices) hash.update(slice.json);
  return { head, rest, slices, hash: hash.digest('hex').slice(0, 32) };
}

export function headOf(advisory: Advisory): string {
  const head: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(advisory)) if (!bulky.has(key)) head[key] = value;
  return JSON.stringify(head);
}

function sliceJson(slice: PackageSlice): string {
  return JSON.stringify(
    slice.statuses.length ? { a: slice.affected, s: slice.statuses } : { a: slice.affected },
  );
}

/** The stored body: the rest and every slice, one JSON text per line (JSON has no raw newline). */
export function packBody(record: Pick<EncodedRecord, 'rest' | 'slices'>): Buffer | string {
  return pack([record.rest, ...record.slices.map((s) => s.json)].join('\n'));
}

/** Deflates text big enough to gain; small ones stay text (zlib costs ~30 µs a call). */
function pack(text: string): Buffer | string {
  return text.length > 2048 ? deflateRawSync(text, { level: 1 }) : text;
}

function unpack(body: Buffer | string): string {
  return typeof body === 'string' ? body : inflateRawSync(body).toString('utf8');
}

/** One package's share of an advisory, as stored. */
export interface Slice {
  a: Affected[];
  s?: DistroStatus[];
}

/** The whole advisory from its head and its body (rest and slices, in stored order). */
export function assemble(head: string, body: Buffer | string): Advisory {
  const [rest = '{}', ...slices] = unpack(body).split('\n');
  const advisory = JSON.parse(head) as Advisory;
  const extra = JSON.parse(rest) as Partial<Advisory>;
  const affected: Affected[] = [];
  const statuses: DistroStatus[] = [];
  for (const json of slices) {
    const slice = JSON.parse(json) as Slice;
    affected.push(...slice.a);
    statuses.push(...(slice.s ?? []));
  }
  affected.push(...(extra.affected ?? []));
  const out: Advisory = { ...advisory, affected };
  if (extra.details !== undefined) out.details = extra.details;
  if (extra.references !== undefined) out.references = extra.references;
  if (extra.credits !== undefined) out.credits = extra.credits;
  if (statuses.length) out.distro_statuses = statuses;
  return out;
}
