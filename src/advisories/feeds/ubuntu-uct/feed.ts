import type { Readable } from 'node:stream';
import { AppError } from '../../../core/errors.js';
import type { Advisory, FeedPayload } from '../../model.js';
import { readHead, tarEntries, tarStream } from '../archive.js';
import { fetchSingleFile, pushProblem } from '../single.js';
import type { Feed } from '../types.js';
import { parseUctRecord, uctPath } from './parse.js';

const ID = 'ubuntu-uct';

export const ubuntuUctFeed: Feed = {
  id: ID,
  title: 'Ubuntu CVE Tracker (per-release statuses, text records)',
  kind: 'advisories',
  // a tarball of the tracker repository; the OSV export (osv-ubuntu) is the maintained alternative
  defaultUrl: 'https://git.launchpad.net/ubuntu-cve-tracker/snapshot/ubuntu-cve-tracker-master.tar.gz',
  defaultEnabled: false,
  fetch: (ctx) => fetchSingleFile(ctx, ctx.url, (body, url) => readUctTar(tarStream(body, body), url)),
  async readLocal(files) {
    const parts: FeedPayload[] = [];
    for (const file of files) parts.push(await readUctTar(tarStream(file, await readHead(file)), file));
    return {
      advisories: parts.flatMap((p) => p.advisories),
      complete: true,
      problems: parts.flatMap((p) => p.problems),
    };
  },
};

/** Reads UCT records from a tar(.gz/.xz) of the tracker's active/, retired/ and ignored/ folders. */
async function readUctTar(stream: Readable, where: string): Promise<FeedPayload> {
  const byId = new Map<string, Advisory>();
  const problems: string[] = [];
  for await (const entry of tarEntries(stream, where, (n) => uctPath.test(n))) {
    const advisory = parseUctRecord(entry.data.toString('utf8'), ID);
    if (!advisory) pushProblem(problems, `${entry.name}: no Candidate line`);
    // a CVE can sit in two folders while it moves; the last one read wins
    else byId.set(advisory.id, advisory);
  }
  if (byId.size === 0) throw new AppError('E_FEED', 'no Ubuntu CVE tracker records found', { where });
  return { advisories: [...byId.values()], complete: true, problems };
}
