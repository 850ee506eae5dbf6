import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '../../core/errors.js';
import { feedRegistry } from '../feeds/registry.js';
import type { FetchResult } from '../feeds/types.js';
import { type FeedJob, type FeedOutcome, runJobs } from '../update/run.js';
import { type Detection, detectFeeds } from './detect.js';
import { extractArchive } from './extract.js';

export interface ImportOptions {
  dbPath: string;
  /** A folder holding feeds in their upstream layouts, or a zip / tar(.gz/.xz) of one. */
  path: string;
  /** Import only these feeds. */
  only?: readonly string[];
  log?: (message: string) => void;
}

export interface ImportReport {
  outcomes: FeedOutcome[];
  detection: Detection;
}

/** Imports feeds from local files (air-gapped sites), through the same copy-on-write path as updates. */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const input = resolve(options.path);
  if (!existsSync(input)) {
    throw new AppError('E_INPUT_NOT_FOUND', 'nothing to import here', {
      where: input,
      hint: 'pass a folder or an archive of feed files',
    });
  }
  let temp: string | undefined;
  let root = input;
  try {
    if (!statSync(input).isDirectory()) {
      temp = mkdtempSync(join(tmpdir(), 'crowsnest-import-'));
      await extractArchive(input, temp);
      root = temp;
    }
    const detection = detectFeeds(root);
    const jobs = jobsFor(detection, options.only);
    if (jobs.length === 0) {
      throw new AppError('E_INPUT_NOT_FOUND', 'no feed files recognised', {
        where: input,
        hint: "see 'crowsnest db import --help' for the layouts it reads (e.g. Go/all.zip, DSA.list)",
      });
    }
    const outcomes = await runJobs({ dbPath: options.dbPath, log: options.log }, jobs);
    return { outcomes, detection };
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

function jobsFor(detection: Detection, only: readonly string[] | undefined): FeedJob[] {
  const jobs: FeedJob[] = [];
  for (const [id, feed] of feedRegistry) {
    const files = detection.feeds.get(id);
    if (!files || (only && !only.includes(id))) continue;
    jobs.push({
      feed,
      origin: files.join(', '),
      async fetch(ctx): Promise<FetchResult> {
        const fingerprint = await filesFingerprint(files);
        const origin = files.length === 1 ? (files[0] as string) : `${files.length} files`;
        if (ctx.previous.fingerprint === fingerprint) return { kind: 'unchanged', fingerprint, origin };
        return { kind: 'payload', payload: await feed.readLocal(files), fingerprint, origin };
      },
    });
  }
  return jobs;
}

/** Content hash of the files (names and bytes): re-importing the same files is "unchanged". */
async function filesFingerprint(files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.split('/').slice(-3).join('/'));
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}
