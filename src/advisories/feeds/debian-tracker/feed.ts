import { readFile } from 'node:fs/promises';
import { AppError } from '../../../core/errors.js';
import type { FeedPayload } from '../../model.js';
import { decompress } from '../archive.js';
import { fetchSingleFile } from '../single.js';
import type { Feed } from '../types.js';
import { parseDebianTracker } from './parse.js';

const ID = 'debian-tracker';

export const debianTrackerFeed: Feed = {
  id: ID,
  title: 'Debian security tracker (per-release statuses)',
  kind: 'advisories',
  defaultUrl: 'https://security-tracker.debian.org/tracker/data/json',
  defaultEnabled: true,
  fetch: (ctx) =>
    fetchSingleFile(ctx, ctx.url, async (body, url) =>
      strict(parseDebianTracker((await decompress(body, url)).toString('utf8'), ID), url),
    ),
  async readLocal(files) {
    const payloads: FeedPayload[] = [];
    for (const file of files) {
      payloads.push(
        strict(parseDebianTracker((await decompress(await readFile(file), file)).toString('utf8'), ID), file),
      );
    }
    return {
      advisories: payloads.flatMap((p) => p.advisories),
      complete: true,
      problems: payloads.flatMap((p) => p.problems),
    };
  },
};

/** A dump that parsed to nothing (an HTML error page, say) must not empty the stored data. */
function strict(payload: FeedPayload, where: string): FeedPayload {
  if (payload.advisories.length === 0) {
    throw new AppError('E_FEED', `no Debian tracker records found: ${payload.problems[0] ?? 'empty dump'}`, {
      where,
    });
  }
  return payload;
}
