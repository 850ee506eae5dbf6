import { debianEcosystem } from '../../ecosystems.js';
import type { Advisory, Affected, DistroStatus, DistroStatusKind, FeedPayload } from '../../model.js';
import { ratingOfWord } from '../../severity.js';
import { pushProblem } from '../single.js';

/** One release entry of the tracker's JSON dump (`/tracker/data/json`). */
interface ReleaseEntry {
  status?: string;
  fixed_version?: string;
  urgency?: string;
  nodsa?: string;
  nodsa_reason?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses the Debian security tracker JSON (source package → issue → release → status) into one advisory
 * per issue (DEBIAN-CVE-…), keeping every (release, source package) status whole.
 */
export function parseDebianTracker(text: string, source: string): FeedPayload {
  const payload: FeedPayload = { advisories: [], complete: true, problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    payload.problems.push(`not JSON: ${(error as Error).message}`);
    return payload;
  }
  if (!isObject(json)) {
    payload.problems.push('not a tracker dump: expected an object of source packages');
    return payload;
  }
  const byIssue = new Map<string, Advisory>();
  for (const [pkg, issues] of Object.entries(json)) {
    if (!isObject(issues)) {
      pushProblem(payload.problems, `${pkg}: expected an object of issues`);
      continue;
    }
    for (const [issue, data] of Object.entries(issues)) {
      if (!isObject(data)) {
        pushProblem(payload.problems, `${pkg}/${issue}: expected an object`);
        continue;
      }
      addIssue(byIssue, source, pkg, issue, data);
    }
  }
  payload.advisories = [...byIssue.values()].map(finish);
  return payload;
}

function addIssue(
  byIssue: Map<string, Advisory>,
  source: string,
  pkg: string,
  issue: string,
  data: Record<string, unknown>,
): void {
  let advisory = byIssue.get(issue);
  if (!advisory) {
    advisory = {
      id: `DEBIAN-${issue}`,
      modified: '',
      aliases: [],
      affected: [],
      source,
      distro_statuses: [],
    };
    if (/^CVE-/.test(issue)) advisory.upstream = [issue];
    if (typeof data.description === 'string' && data.description) advisory.details = data.description;
    advisory.references = [{ type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/${issue}` }];
    byIssue.set(issue, advisory);
  }
  const releases = isObject(data.releases) ? data.releases : {};
  for (const [codename, entry] of Object.entries(releases)) {
    if (!isObject(entry)) continue;
    const status = statusOf(codename, pkg, entry as ReleaseEntry);
    advisory.distro_statuses?.push(status);
    const affected = affectedOf(status);
    if (affected) advisory.affected.push(affected);
  }
}

/** Maps the tracker's status, fixed version, urgency and no-DSA reason to one distro status. */
export function statusOf(codename: string, pkg: string, entry: ReleaseEntry): DistroStatus {
  const out: DistroStatus = {
    ecosystem: debianEcosystem(codename),
    release: codename,
    package: pkg,
    status: kindOf(entry),
  };
  const fixed = entry.fixed_version;
  if (out.status === 'fixed' && fixed) out.version = fixed;
  if (entry.nodsa) out.note = entry.nodsa;
  if (entry.urgency && entry.urgency !== 'not yet assigned') out.urgency = entry.urgency;
  return out;
}

function kindOf(entry: ReleaseEntry): DistroStatusKind {
  if (entry.status === 'resolved') return entry.fixed_version === '0' ? 'not-affected' : 'fixed';
  if (entry.status === 'undetermined') return 'undetermined';
  if (entry.urgency === 'end-of-life') return 'end-of-life';
  if (entry.nodsa_reason === 'postponed') return 'postponed';
  if (entry.nodsa_reason === 'ignored') return 'ignored';
  if (entry.nodsa !== undefined) return 'no-dsa';
  return 'unfixed';
}

/** The OSV view of a status: every version before the fix (or all versions when there is none). */
export function affectedOf(status: DistroStatus): Affected | undefined {
  if (status.status === 'not-affected') return undefined;
  const events =
    status.status === 'fixed' && status.version
      ? [{ introduced: '0' }, { fixed: status.version }]
      : [{ introduced: '0' }];
  // why it is unfixed (postponed, end-of-life...) lives in the distro status beside it
  return {
    package: { ecosystem: status.ecosystem, name: status.package },
    ranges: [{ type: 'ECOSYSTEM', events }],
  };
}

/** Adds the highest urgency as a Debian severity. */
function finish(advisory: Advisory): Advisory {
  let best: string | undefined;
  let bestRank = -1;
  const order = ['unknown', 'none', 'low', 'medium', 'high', 'critical'];
  for (const s of advisory.distro_statuses ?? []) {
    const rank = s.urgency ? order.indexOf(ratingOfWord(s.urgency)) : -1;
    if (rank > bestRank && rank > 0) {
      bestRank = rank;
      best = s.urgency?.replace(/\*+$/, '');
    }
  }
  if (best) advisory.severity = [{ type: 'Debian', score: best, source: 'debian' }];
  return advisory;
}
