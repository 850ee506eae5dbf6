import type { Advisory } from '../model.js';
import {
  compact,
  dictionaryFor,
  type Expansions,
  expand,
  expansions,
  type ListDictionary,
} from './slice-codec.js';

/**
 * A package list: every advisory naming one (ecosystem, package), in one text value, so a look-up is one
 * indexed row read however many advisories the package has (Ubuntu's `linux` has ~1,700).
 *
 * Line 1 is a JSON header: `d`, the list's two fragments for slice-codec.ts; `s`, the sources named;
 * `e`, five values per entry — advisories rowid, slice position within that advisory, withdrawn flag,
 * id, index into `s`. Line n+1 is entry n's slice, compacted. JSON text has no raw newline, so the lines
 * split cleanly. Entries are sorted the way `byPackage` returns them.
 */

/** 0: no `withdrawn` field; 1: the field is present but empty; 2: withdrawn. */
export type WithdrawnFlag = 0 | 1 | 2;

export interface ListEntry {
  adv: number;
  /** Position of this slice among the advisory's slices: whole-distro look-ups merge slices in this order. */
  ord: number;
  withdrawn: WithdrawnFlag;
  id: string;
  source: string;
  /** `{"a": affected[], "s"?: distro_statuses[]}` for this package, plain JSON. */
  slice: string;
}

interface Header {
  d: ListDictionary;
  s: string[];
  e: (number | string)[];
}

export const ENTRY_FIELDS = 5;

export function withdrawnFlag(advisory: Pick<Advisory, 'withdrawn'>): WithdrawnFlag {
  if (advisory.withdrawn === undefined) return 0;
  return advisory.withdrawn ? 2 : 1;
}

/** The order `byPackage` has always used: id, then source, comparing UTF-16 code units. */
export function byIdThenSource(a: { id: string; source: string }, b: { id: string; source: string }): number {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return 0;
}

/** Encodes entries already sorted with `byIdThenSource`. */
export function encodeList(entries: readonly ListEntry[]): string {
  const dictionary = dictionaryFor(entries.map((e) => e.slice));
  const header: Header = { d: dictionary, s: [], e: [] };
  const sources = new Map<string, number>();
  const lines = [''];
  for (const entry of entries) {
    let source = sources.get(entry.source);
    if (source === undefined) {
      source = header.s.push(entry.source) - 1;
      sources.set(entry.source, source);
    }
    header.e.push(entry.adv, entry.ord, entry.withdrawn, entry.id, source);
    lines.push(compact(entry.slice, dictionary));
  }
  lines[0] = JSON.stringify(header);
  return lines.join('\n');
}

/** A list as read: entry i's values start at `entries[i * ENTRY_FIELDS]`, its slice is `lines[i + 1]`. */
export interface ListParts {
  entries: (number | string)[];
  sources: string[];
  lines: string[];
  /** Expands the compacted slices (slice-codec.ts). */
  table: Expansions;
}

export function splitList(text: string): ListParts {
  const lines = text.split('\n');
  const header = JSON.parse(lines[0] as string) as Header;
  return { entries: header.e, sources: header.s, lines, table: expansions(header.d) };
}

/** Entry `index` with its slice expanded. */
export function entryAt(parts: ListParts, index: number): ListEntry {
  const e = parts.entries;
  const at = index * ENTRY_FIELDS;
  return {
    adv: e[at] as number,
    ord: e[at + 1] as number,
    withdrawn: e[at + 2] as WithdrawnFlag,
    id: e[at + 3] as string,
    source: parts.sources[e[at + 4] as number] as string,
    slice: expand(parts.lines[index + 1] as string, parts.table),
  };
}

export function decodeList(text: string): ListEntry[] {
  const parts = splitList(text);
  const out: ListEntry[] = [];
  for (let i = 0; i < parts.entries.length / ENTRY_FIELDS; i++) out.push(entryAt(parts, i));
  return out;
}
