import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { AppError } from '../../core/errors.js';
import type { FeedPayload } from '../model.js';
import { type ArchiveEntry, readZip } from './archive.js';
import { fetchSingleFile } from './single.js';
import type { Feed } from './types.js';

export interface RepoArchiveFeedOptions {
  id: string;
  title: string;
  /** The repository's zip archive URL. */
  defaultUrl: string;
  defaultEnabled?: boolean;
  /** Which archive paths hold records. */
  accept: RegExp;
  parse: (entries: readonly ArchiveEntry[], source: string) => FeedPayload;
}

/**
 * A feed published as files in a git repository, fetched as the repository's zip archive (one download,
 * fingerprinted by ETag or hash). Locally it reads that zip, or a checkout folder's files.
 */
export function createRepoArchiveFeed(options: RepoArchiveFeedOptions): Feed {
  const { id, accept, parse } = options;
  const strict = (payload: FeedPayload, where: string) => {
    if (payload.advisories.length > 0) return payload;
    throw new AppError('E_FEED', `no advisories found: ${payload.problems[0] ?? 'no matching files'}`, {
      where,
    });
  };
  return {
    id,
    title: options.title,
    kind: 'advisories',
    defaultUrl: options.defaultUrl,
    defaultEnabled: options.defaultEnabled ?? true,
    fetch: (ctx) =>
      fetchSingleFile(ctx, ctx.url, async (body, url) =>
        strict(parse(await readZip(body, url, (n) => accept.test(n)), id), url),
      ),
    async readLocal(files) {
      const entries: ArchiveEntry[] = [];
      const root = commonRoot(files);
      for (const file of files) {
        const data = await readFile(file);
        if (file.endsWith('.zip')) entries.push(...(await readZip(data, file, (n) => accept.test(n))));
        else entries.push({ name: relative(root, file), data });
      }
      return strict(parse(entries, id), files[0] ?? id);
    },
  };
}

/** The folder all loose files share, so their names keep the repository layout. */
function commonRoot(files: readonly string[]): string {
  const loose = files.filter((f) => !f.endsWith('.zip'));
  if (loose.length === 0) return '/';
  let root = loose[0]?.split('/').slice(0, -1) ?? [];
  for (const file of loose) {
    const parts = file.split('/');
    let i = 0;
    while (i < root.length && root[i] === parts[i]) i++;
    root = root.slice(0, i);
  }
  return root.join('/') || '/';
}
