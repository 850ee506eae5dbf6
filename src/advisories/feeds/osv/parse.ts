import { z } from 'zod';
import type { Advisory, FeedPayload } from '../../model.js';
import { type ArchiveEntry, forEachZipEntry } from '../archive.js';

const severity = z.looseObject({ type: z.string(), score: z.string() });
const event = z.looseObject({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});
const affected = z.looseObject({
  package: z.looseObject({ ecosystem: z.string(), name: z.string(), purl: z.string().optional() }).optional(),
  ranges: z
    .array(z.looseObject({ type: z.string(), repo: z.string().optional(), events: z.array(event) }))
    .optional(),
  versions: z.array(z.string()).nullish(),
  severity: z.array(severity).nullish(),
});

/** The OSV schema where crowsnest relies on it; every other field is kept as it comes. */
const osvRecord = z.looseObject({
  id: z.string().min(1),
  // required by OSV, but a record without it is still worth keeping: the store dates it
  modified: z.string().default(''),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).nullish(),
  upstream: z.array(z.string()).nullish(),
  related: z.array(z.string()).nullish(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severity).nullish(),
  affected: z.array(affected).nullish(),
  references: z.array(z.looseObject({ type: z.string(), url: z.string() })).nullish(),
});

/** Parses one OSV JSON record. Returns a problem string instead of throwing on bad input. */
export function parseOsvRecord(text: string, source: string, name = 'record'): Advisory | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `${name}: not JSON (${(error as Error).message})`;
  }
  const parsed = osvRecord.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${name}: not an OSV record (${issue?.path.join('.') || 'root'}: ${issue?.message})`;
  }
  const record = parsed.data;
  const advisory = {
    ...record,
    aliases: record.aliases ?? [],
    affected: record.affected ?? [],
    source,
  } as Advisory;
  for (const key of ['upstream', 'related', 'severity', 'references'] as const) {
    if (advisory[key] === null) delete advisory[key];
  }
  for (const affected of advisory.affected) {
    if (affected.versions === null) delete affected.versions;
    if (affected.severity === null) delete affected.severity;
  }
  return advisory;
}

/** Parses the JSON files of an OSV export (all.zip entries or single downloads). */
export function parseOsvEntries(
  entries: readonly ArchiveEntry[],
  source: string,
  complete = true,
): FeedPayload {
  const payload: FeedPayload = { advisories: [], complete, problems: [] };
  for (const entry of entries) addOsvEntry(payload, entry, source);
  return payload;
}

/** Parses one export entry into the payload (a record, or a problem). */
export function addOsvEntry(payload: FeedPayload, entry: ArchiveEntry, source: string): void {
  if (!entry.name.endsWith('.json')) return;
  const result = parseOsvRecord(entry.data.toString('utf8'), source, entry.name);
  if (typeof result === 'string') payload.problems.push(result);
  else payload.advisories.push(result);
}

/** Parses an OSV all.zip entry by entry, never holding all the inflated JSON at once. */
export async function parseOsvZip(zip: Buffer, where: string, source: string): Promise<FeedPayload> {
  const payload: FeedPayload = { advisories: [], complete: true, problems: [] };
  await forEachZipEntry(
    zip,
    where,
    (name) => name.endsWith('.json'),
    (entry) => addOsvEntry(payload, entry, source),
  );
  return payload;
}

export interface ModifiedId {
  modified: string;
  id: string;
}

/**
 * Parses OSV's `modified_id.csv` ("<RFC 3339 time>,<id>" per line, newest first; the bucket-wide file
 * writes "<ecosystem>/<id>"). Malformed lines are skipped.
 */
export function parseModifiedIds(text: string): ModifiedId[] {
  const out: ModifiedId[] = [];
  for (const line of text.split(/\r?\n/)) {
    const comma = line.indexOf(',');
    if (comma < 1) continue;
    const modified = line.slice(0, comma).trim();
    const id = line
      .slice(comma + 1)
      .trim()
      .replace(/^.*\//, '');
    if (id && !Number.isNaN(Date.parse(modified))) out.push({ modified, id });
  }
  return out;
}

/** The newest `modified` of a set of records, compared as instants. */
export function newestModified(advisories: readonly Advisory[]): string | undefined {
  let best: string | undefined;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const a of advisories) {
    const time = Date.parse(a.modified);
    if (time > bestTime) {
      bestTime = time;
      best = a.modified;
    }
  }
  return best;
}
