import { debianEcosystem } from '../../ecosystems.js';
import type { Advisory, DistroStatus, FeedPayload } from '../../model.js';
import { affectedOf } from '../debian-tracker/parse.js';
import { pushProblem } from '../single.js';

const months: Record<string, string> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

const headerLine = /^\[(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})\] ((?:DSA|DLA|DTSA)-\d+(?:-\d+)?)\s*(.*)$/;
const cveLine = /^\s+\{([^}]*)\}\s*$/;
const packageLine = /^\s+\[([a-z-]+)\] - (\S+)\s+(\S+)(?:\s+\((.*)\))?\s*$/;

/**
 * Parses the tracker's DSA / DLA list (data/DSA/list, data/DLA/list): one advisory per DSA, with the CVEs
 * it fixes as `related` and the fixed version per release and source package.
 */
export function parseAdvisoryList(text: string, source: string): FeedPayload {
  const payload: FeedPayload = { advisories: [], complete: true, problems: [] };
  let current: Advisory | undefined;
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (!line.trim()) continue;
    const header = headerLine.exec(line);
    if (header) {
      current = startAdvisory(header, source);
      payload.advisories.push(current);
      continue;
    }
    if (!current) {
      pushProblem(payload.problems, `line ${lineNo}: text before the first advisory`);
      continue;
    }
    if (!addDetail(current, line))
      pushProblem(payload.problems, `line ${lineNo}: not understood: ${line.trim()}`);
  }
  return payload;
}

function startAdvisory(m: RegExpExecArray, source: string): Advisory {
  const [, day = '', month = '', year = '', id = '', rest = ''] = m;
  const published = `${year}-${months[month] ?? '01'}-${day.padStart(2, '0')}T00:00:00Z`;
  const split = /\s+--?\s+/.exec(rest);
  const advisory: Advisory = {
    id,
    modified: published,
    published,
    aliases: [],
    related: [],
    affected: [],
    distro_statuses: [],
    source,
    references: [{ type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/${id}` }],
  };
  const summary = split
    ? `${rest.slice(0, split.index)}: ${rest.slice(split.index + split[0].length)}`
    : rest;
  if (summary) advisory.summary = summary.trim();
  return advisory;
}

function addDetail(advisory: Advisory, line: string): boolean {
  const cves = cveLine.exec(line);
  if (cves) {
    advisory.related?.push(...(cves[1] ?? '').split(/\s+/).filter(Boolean));
    return true;
  }
  if (/^\s+NOTE:/.test(line)) return true;
  const pkg = packageLine.exec(line);
  if (!pkg) return false;
  const [, release = '', name = '', version = '', note] = pkg;
  const status: DistroStatus = {
    ecosystem: debianEcosystem(release),
    release,
    package: name,
    status: 'fixed',
  };
  if (version === '<not-affected>') status.status = 'not-affected';
  else if (version === '<end-of-life>') status.status = 'end-of-life';
  else if (version === '<unfixed>') status.status = 'unfixed';
  else if (version.startsWith('<')) return false;
  else status.version = version;
  if (note) status.note = note;
  advisory.distro_statuses?.push(status);
  const affected = affectedOf(status);
  if (affected) advisory.affected.push(affected);
  return true;
}
