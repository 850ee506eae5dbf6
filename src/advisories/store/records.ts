import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Advisory, Affected, DistroStatus } from '../model.js';
import { type PackageSlice, packageSlices } from './keys.js';

/**
 * How a record is stored, without saying anything twice:
 * - head: every top-level field but the bulky ones, as JSON (what a package look-up shows);
 * - slices: per package, its affected entries and distro statuses, as JSON in the package index row;
 * - rest: details, references, credits and affected entries without a package (deflated when large).
 * A package look-up parses one head and one slice; byId puts all the parts back together.
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

/** Deflates the rest when it is big enough to gain; small ones stay text (zlib costs ~30 µs a call). */
export function packRest(text: string): Buffer | string {
  return text.length > 2048 ? deflateRawSync(text, { level: 1 }) : text;
}

function unpackRest(rest: Buffer | string): string {
  return typeof rest === 'string' ? rest : inflateRawSync(rest).toString('utf8');
}

interface Slice {
  a: Affected[];
  s?: DistroStatus[];
}

/** An advisory as seen from one package: the head plus that package's affected entries and statuses. */
export function projected(head: Omit<Advisory, 'affected'>, slice: string): Advisory {
  const parsed = JSON.parse(slice) as Slice;
  const advisory: Advisory = { ...head, affected: parsed.a };
  if (parsed.s) advisory.distro_statuses = parsed.s;
  return advisory;
}

/** The whole advisory from its head, its deflated rest and all its slices (in stored order). */
export function assemble(head: string, rest: Buffer | string, slices: readonly string[]): Advisory {
  const advisory = JSON.parse(head) as Advisory;
  const extra = JSON.parse(unpackRest(rest)) as Partial<Advisory>;
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
