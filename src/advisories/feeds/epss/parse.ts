import type { EpssEntry, FeedPayload } from '../../model.js';
import { pushProblem } from '../single.js';

export interface EpssHeader {
  model?: string;
  date?: string;
}

/**
 * Parses EPSS scores: FIRST's `#model_version:…,score_date:…` comment plus `cve,epss,percentile` header,
 * or the headerless `CVE;epss;percentile` files. Bad lines are reported and skipped.
 */
export function parseEpss(
  text: string,
  into: EpssEntry[] = [],
  problems: string[] = [],
  name = 'epss',
): EpssHeader {
  const header: EpssHeader = {};
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      Object.assign(header, parseComment(line));
      continue;
    }
    const [cve = '', score = '', percentile = ''] = line.split(/[;,]/);
    if (/^cve$/i.test(cve)) continue;
    const entry = toEntry(cve, score, percentile, header);
    if (entry) into.push(entry);
    else pushProblem(problems, `${name}:${lineNo}: not a "CVE,score,percentile" line`);
  }
  return header;
}

function parseComment(line: string): EpssHeader {
  const out: EpssHeader = {};
  for (const part of line.slice(1).split(',')) {
    const colon = part.indexOf(':');
    const key = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (key === 'model_version') out.model = value;
    if (key === 'score_date') out.date = value.slice(0, 10);
  }
  return out;
}

function toEntry(cve: string, score: string, percentile: string, header: EpssHeader): EpssEntry | undefined {
  const s = Number(score);
  const p = Number(percentile);
  if (!/^CVE-\d{4}-\d+$/i.test(cve.trim()) || score === '' || percentile === '') return undefined;
  if (!(s >= 0 && s <= 1 && p >= 0 && p <= 1)) return undefined;
  const entry: EpssEntry = { cve: cve.trim().toUpperCase(), score: s, percentile: p };
  if (header.date) entry.date = header.date;
  if (header.model) entry.model = header.model;
  return entry;
}

export function epssPayload(entries: EpssEntry[], problems: string[]): FeedPayload {
  return { advisories: [], epss: entries, complete: true, problems };
}
