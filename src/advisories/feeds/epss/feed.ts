import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../core/errors.js';
import type { EpssEntry, FeedPayload } from '../../model.js';
import { decompress, readHead, tarEntries, tarStream } from '../archive.js';
import { fetchSingleFile } from '../single.js';
import type { Feed } from '../types.js';
import { epssPayload, parseEpss } from './parse.js';

export const epssFeed: Feed = {
  id: 'epss',
  title: 'FIRST EPSS exploit prediction scores',
  kind: 'epss',
  defaultUrl: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz',
  defaultEnabled: true,
  fetch: (ctx) =>
    fetchSingleFile(ctx, ctx.url, async (body, url) => {
      const entries: EpssEntry[] = [];
      const problems: string[] = [];
      parseEpss((await decompress(body, url)).toString('utf8'), entries, problems, url);
      return strict(epssPayload(entries, problems), url);
    }),
  readLocal: readEpssFiles,
};

/** `epss*.csv`, `epss*.csv.gz`, or a tar(.gz/.xz) of CSV files such as the per-year split. */
export async function readEpssFiles(files: readonly string[]): Promise<FeedPayload> {
  const entries: EpssEntry[] = [];
  const problems: string[] = [];
  for (const file of files) {
    if (/\.tar(\.gz|\.xz)?$|\.tgz$/.test(file)) {
      const stream = tarStream(file, await readHead(file));
      for await (const entry of tarEntries(stream, file, (n) => n.endsWith('.csv'))) {
        parseEpss(entry.data.toString('utf8'), entries, problems, `${basename(file)}:${entry.name}`);
      }
    } else {
      const text = (await decompress(await readFile(file), file)).toString('utf8');
      parseEpss(text, entries, problems, basename(file));
    }
  }
  return strict(epssPayload(entries, problems), files.join(', '));
}

/** A download that parsed to nothing must not replace the stored scores. */
function strict(payload: FeedPayload, where: string): FeedPayload {
  if ((payload.epss?.length ?? 0) === 0) {
    throw new AppError('E_FEED', `no EPSS scores found: ${payload.problems[0] ?? 'empty file'}`, { where });
  }
  return payload;
}
