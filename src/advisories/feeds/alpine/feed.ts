import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../core/errors.js';
import type { FeedPayload } from '../../model.js';
import { type ArchiveEntry, readZip } from '../archive.js';
import { fetchFileSet } from '../multi.js';
import type { Feed } from '../types.js';
import { parseSecdb, readSecdbDocument } from './parse.js';

const ID = 'alpine-secdb';
const DEFAULT_RELEASES = 'v3.10,v3.11,v3.12,v3.13,v3.14,v3.15,v3.16,v3.17,v3.18,v3.19,v3.20,v3.21,v3.22,edge';
const secdbFile = /(?:^|\/)(v\d+\.\d+|edge)\/(main|community)\.(ya?ml|json)$/;

export const alpineFeed: Feed = {
  id: ID,
  title: 'Alpine Linux secdb',
  kind: 'advisories',
  defaultUrl: 'https://secdb.alpinelinux.org',
  defaultEnabled: true,
  fetch(ctx) {
    const base = ctx.url.replace(/\/+$/, '');
    const releases = (ctx.options.releases ?? DEFAULT_RELEASES)
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const urls = releases.flatMap((r) => ['main', 'community'].map((repo) => `${base}/${r}/${repo}.json`));
    return fetchFileSet(ctx, urls, (files) =>
      strict(secdbPayload(files.map((f) => ({ name: new URL(f.url).pathname, data: f.body }))), base),
    );
  },
  async readLocal(files) {
    const entries: ArchiveEntry[] = [];
    for (const file of files) {
      const data = await readFile(file);
      if (file.endsWith('.zip')) entries.push(...(await readZip(data, file, (n) => secdbFile.test(n))));
      else entries.push({ name: `${basename(file)}`, data });
    }
    return strict(secdbPayload(entries), files.join(', '));
  },
};

/** Parses secdb files (YAML or JSON) into one payload. */
export function secdbPayload(entries: readonly ArchiveEntry[]): FeedPayload {
  const problems: string[] = [];
  const docs = [];
  for (const entry of entries) {
    const doc = readSecdbDocument(entry.data.toString('utf8'), entry.name, problems);
    if (doc) docs.push({ name: entry.name, doc });
  }
  return parseSecdb(docs, ID, problems);
}

function strict(payload: FeedPayload, where: string): FeedPayload {
  if (payload.advisories.length === 0) {
    throw new AppError('E_FEED', `no Alpine secdb entries found: ${payload.problems[0] ?? 'no files'}`, {
      where,
    });
  }
  return payload;
}
