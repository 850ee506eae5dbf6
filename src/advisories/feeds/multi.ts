import type { FeedPayload } from '../model.js';
import { fingerprintOf, type Validators } from './http.js';
import type { FetchContext, FetchResult } from './types.js';

interface MultiFileState {
  validators?: Record<string, Validators>;
}

export interface Downloaded {
  url: string;
  body: Buffer;
}

/**
 * Fetches a feed made of several files. When every file is unchanged the feed is unchanged; when any
 * changed, the unchanged ones are fetched again so the parser sees the whole set (a complete snapshot).
 * Optional files (404) are left out.
 */
export async function fetchFileSet(
  ctx: FetchContext,
  urls: readonly string[],
  parse: (files: Downloaded[]) => Promise<FeedPayload> | FeedPayload,
): Promise<FetchResult> {
  const previous = ((ctx.previous.state ?? {}) as MultiFileState).validators ?? {};
  const validators: Record<string, Validators> = {};
  const bodies = new Map<string, Buffer>();
  const unchanged: string[] = [];
  for (const url of urls) {
    const res = await ctx.http.get(url, previous[url], { allowNotFound: true });
    if (res.status === 'not-found') continue;
    validators[url] = res.validators;
    if (res.status === 'ok') bodies.set(url, res.body);
    else unchanged.push(url);
  }
  const origin = urls[0] ?? ctx.url;
  const fingerprint = fingerprintOf(Object.values(validators));
  const sameSet = Object.keys(previous).length === Object.keys(validators).length;
  if (bodies.size === 0 && sameSet) return { kind: 'unchanged', fingerprint, state: { validators }, origin };
  for (const url of unchanged) {
    const res = await ctx.http.get(url);
    if (res.status === 'ok') bodies.set(url, res.body);
  }
  const files = urls.filter((u) => bodies.has(u)).map((url) => ({ url, body: bodies.get(url) as Buffer }));
  return { kind: 'payload', payload: await parse(files), fingerprint, state: { validators }, origin };
}
