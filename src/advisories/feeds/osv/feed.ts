import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FeedPayload } from '../../model.js';
import type { ArchiveEntry } from '../archive.js';
import { fingerprintOf, type Validators } from '../http.js';
import type { Feed, FetchContext, FetchResult } from '../types.js';
import { addOsvEntry, newestModified, parseModifiedIds, parseOsvEntries, parseOsvZip } from './parse.js';

/** The OSV export bucket; `<base>/<ECOSYSTEM>/all.zip`, `modified_id.csv` and `<ID>.json` live under it. */
export const OSV_BUCKET = 'https://osv-vulnerabilities.storage.googleapis.com';

interface OsvState {
  zip?: Validators;
  csv?: Validators;
  /** Newest `modified` stored: the incremental cut-off. */
  newest?: string;
  lastFull?: string;
}

export interface OsvFeedOptions {
  id: string;
  /** The bucket directory, which is the OSV ecosystem name. */
  ecosystem: string;
  title: string;
  defaultEnabled: boolean;
}

const DAY = 86_400_000;

/** One OSV ecosystem export as a feed: incremental through modified_id.csv, a full all.zip weekly. */
export function createOsvFeed(options: OsvFeedOptions): Feed {
  const { id, ecosystem } = options;
  return {
    id,
    title: options.title,
    kind: 'advisories',
    defaultUrl: OSV_BUCKET,
    defaultEnabled: options.defaultEnabled,
    async fetch(ctx) {
      const state = (ctx.previous.state ?? {}) as OsvState;
      const fullEvery = Number(ctx.options.fulldays ?? 7) * DAY;
      const fullDue =
        !state.newest || !state.lastFull || ctx.now.getTime() - Date.parse(state.lastFull) > fullEvery;
      if (!fullDue) {
        const incremental = await fetchIncremental(ctx, id, ecosystem, state);
        if (incremental) return incremental;
      }
      return fetchFull(ctx, id, ecosystem, state);
    },
    async readLocal(files) {
      return readOsvFiles(files, id);
    },
  };
}

function dirUrl(ctx: FetchContext, ecosystem: string): string {
  return `${ctx.url.replace(/\/+$/, '')}/${encodeURIComponent(ecosystem)}`;
}

async function fetchFull(
  ctx: FetchContext,
  id: string,
  ecosystem: string,
  state: OsvState,
): Promise<FetchResult> {
  const url = `${dirUrl(ctx, ecosystem)}/all.zip`;
  const res = await ctx.http.get(url, state.zip);
  const now = ctx.now.toISOString();
  if (res.status !== 'ok') {
    const validators = res.status === 'not-modified' ? res.validators : state.zip;
    const next: OsvState = { ...state, zip: validators, lastFull: now };
    return { kind: 'unchanged', fingerprint: fingerprintOf([validators ?? {}]), state: next, origin: url };
  }
  const payload = await parseOsvZip(res.body, url, id);
  const next: OsvState = { zip: res.validators, lastFull: now };
  const newest = newestModified(payload.advisories);
  if (newest) next.newest = newest;
  return { kind: 'payload', payload, fingerprint: fingerprintOf([res.validators]), state: next, origin: url };
}

/** Fetches only records modified since the last run; undefined when a full download is the better choice. */
async function fetchIncremental(
  ctx: FetchContext,
  id: string,
  ecosystem: string,
  state: OsvState,
): Promise<FetchResult | undefined> {
  const base = dirUrl(ctx, ecosystem);
  const url = `${base}/modified_id.csv`;
  const res = await ctx.http.get(url, state.csv, { allowNotFound: true });
  if (res.status === 'not-found') return undefined;
  if (res.status === 'not-modified') {
    return {
      kind: 'unchanged',
      fingerprint: fingerprintOf([res.validators]),
      state: { ...state, csv: res.validators },
      origin: url,
    };
  }
  const cutoff = Date.parse(state.newest ?? '');
  const newer = parseModifiedIds(res.body.toString('utf8')).filter((r) => Date.parse(r.modified) > cutoff);
  const next: OsvState = { ...state, csv: res.validators };
  const fingerprint = fingerprintOf([res.validators]);
  if (newer.length === 0) return { kind: 'unchanged', fingerprint, state: next, origin: url };
  if (newer.length > Number(ctx.options.incrementallimit ?? 500)) return undefined;
  const entries: ArchiveEntry[] = [];
  for (const record of newer) {
    const recordUrl = `${base}/${encodeURIComponent(record.id)}.json`;
    const got = await ctx.http.get(recordUrl, undefined, { allowNotFound: true });
    if (got.status === 'ok') entries.push({ name: `${record.id}.json`, data: got.body });
  }
  const payload = parseOsvEntries(entries, id, false);
  const newest = newestModified(payload.advisories);
  if (newest && Date.parse(newest) > cutoff) next.newest = newest;
  ctx.log(`${id}: ${entries.length} records changed since ${state.newest}`);
  return { kind: 'payload', payload, fingerprint, state: next, origin: url };
}

/** `<ECOSYSTEM>/all.zip` files, or single OSV JSON files, from a local folder. */
export async function readOsvFiles(files: readonly string[], source: string): Promise<FeedPayload> {
  const payload: FeedPayload = { advisories: [], complete: false, problems: [] };
  for (const file of files) {
    const data = await readFile(file);
    if (file.endsWith('.zip')) {
      const part = await parseOsvZip(data, file, source);
      payload.advisories.push(...part.advisories);
      payload.problems.push(...part.problems);
      payload.complete = true;
    } else {
      addOsvEntry(payload, { name: basename(file), data }, source);
    }
  }
  return payload;
}
