import { readFile } from 'node:fs/promises';
import { AppError } from '../../../core/errors.js';
import type { FeedPayload } from '../../model.js';
import { fetchSingleFile } from '../single.js';
import type { Feed } from '../types.js';
import { parseAdvisoryList } from './parse.js';

const TRACKER_DATA = 'https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data';

/** The DSA or DLA list of the Debian security tracker repository as a feed. */
function createListFeed(id: string, list: 'DSA' | 'DLA', title: string): Feed {
  return {
    id,
    title,
    kind: 'advisories',
    defaultUrl: `${TRACKER_DATA}/${list}/list`,
    defaultEnabled: true,
    fetch: (ctx) =>
      fetchSingleFile(ctx, ctx.url, (body, url) => strict(parseAdvisoryList(body.toString('utf8'), id), url)),
    async readLocal(files) {
      const parts: FeedPayload[] = [];
      for (const file of files) parts.push(strict(parseAdvisoryList(await readFile(file, 'utf8'), id), file));
      return {
        advisories: parts.flatMap((p) => p.advisories),
        complete: true,
        problems: parts.flatMap((p) => p.problems),
      };
    },
  };
}

function strict(payload: FeedPayload, where: string): FeedPayload {
  if (payload.advisories.length === 0) {
    throw new AppError('E_FEED', `no advisories found in the list: ${payload.problems[0] ?? 'empty file'}`, {
      where,
    });
  }
  return payload;
}

export const debianDsaFeed = createListFeed('debian-dsa', 'DSA', 'Debian Security Advisories (DSA list)');
export const debianDlaFeed = createListFeed('debian-dla', 'DLA', 'Debian LTS Advisories (DLA list)');
