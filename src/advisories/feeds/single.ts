import type { FeedPayload } from '../model.js';
import { fingerprintOf, type Validators } from './http.js';
import type { FetchContext, FetchResult } from './types.js';

/** State of a feed that is one upstream file: its validators. */
interface SingleFileState {
  validators?: Validators;
}

/** Fetches one file conditionally and parses it; an unchanged file (304 or same hash) is not parsed. */
export async function fetchSingleFile(
  ctx: FetchContext,
  url: string,
  parse: (body: Buffer, url: string) => Promise<FeedPayload> | FeedPayload,
): Promise<FetchResult> {
  const previous = (ctx.previous.state ?? {}) as SingleFileState;
  const res = await ctx.http.get(url, previous.validators);
  if (res.status === 'not-found') throw new Error('unreachable: not-found without allowNotFound');
  if (res.status === 'not-modified') {
    return {
      kind: 'unchanged',
      fingerprint: fingerprintOf([res.validators]),
      state: { validators: res.validators },
      origin: url,
    };
  }
  const payload = await parse(res.body, url);
  return {
    kind: 'payload',
    payload,
    fingerprint: fingerprintOf([res.validators]),
    state: { validators: res.validators },
    origin: url,
  };
}

/** Keeps a feed's problem list readable when a file has thousands of bad lines. */
export function pushProblem(problems: string[], message: string, limit = 50): void {
  if (problems.length < limit) problems.push(message);
  else if (problems.length === limit) problems.push('more problems not listed');
}
