import { readFile } from 'node:fs/promises';
import { AppError } from '../../../core/errors.js';
import type { FeedPayload } from '../../model.js';
import { fetchSingleFile } from '../single.js';
import type { Feed } from '../types.js';
import { parseKev } from './parse.js';

export const kevFeed: Feed = {
  id: 'cisa-kev',
  title: 'CISA Known Exploited Vulnerabilities',
  kind: 'kev',
  defaultUrl: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
  defaultEnabled: true,
  fetch: (ctx) => fetchSingleFile(ctx, ctx.url, (body, url) => strict(parseKev(body.toString('utf8')), url)),
  async readLocal(files) {
    const [file] = files;
    if (!file) return { advisories: [], kev: [], complete: true, problems: [] };
    return strict(parseKev(await readFile(file, 'utf8')), file);
  },
};

/** An empty catalog from a broken download must not wipe the stored one. */
function strict(payload: FeedPayload, where: string): FeedPayload {
  if ((payload.kev?.length ?? 0) === 0) {
    throw new AppError('E_FEED', `no KEV entries found: ${payload.problems[0] ?? 'empty catalog'}`, {
      where,
    });
  }
  return payload;
}
