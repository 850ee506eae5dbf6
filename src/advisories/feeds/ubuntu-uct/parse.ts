import { ubuntuEcosystem } from '../../ecosystems.js';
import type { Advisory, DistroStatus, DistroStatusKind, Severity } from '../../model.js';

/** UCT record files: `active/CVE-…`, `retired/CVE-…`, `ignored/CVE-…`. */
export const uctPath = /(?:^|\/)(active|retired|ignored)\/(CVE-\d{4}-\d+)$/;

/** Splits a UCT record into fields; continuation lines start with a space. */
export function readFields(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith(' ') && current) {
      current.push(line.trim());
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 1) {
      current = undefined;
      continue;
    }
    const value = line.slice(colon + 1).trim();
    current = value ? [value] : [];
    fields.set(line.slice(0, colon), current);
  }
  return fields;
}

const statusKinds: Record<string, DistroStatusKind> = {
  released: 'fixed',
  needed: 'unfixed',
  pending: 'unfixed',
  'needs-triage': 'undetermined',
  deferred: 'postponed',
  ignored: 'ignored',
  'not-affected': 'not-affected',
};

/** "released (2.22.4-1)" → a distro status; DNE (package not in that release) and unknown words → none. */
export function statusOf(release: string, pkg: string, value: string): DistroStatus | undefined {
  const ecosystem = ubuntuEcosystem(release);
  const m = /^([a-z-]+)\s*(?:\((.*)\))?/.exec(value);
  const kind = m?.[1] ? statusKinds[m[1]] : undefined;
  if (!ecosystem || !m || !kind) return undefined;
  const detail = m[2]?.trim();
  const status: DistroStatus = { ecosystem, release, package: pkg, status: kind };
  if (kind === 'ignored' && /end[- ]of[- ]life|end of standard support/i.test(detail ?? ''))
    status.status = 'end-of-life';
  const looksLikeVersion = detail !== undefined && /^[0-9][\w.:+~-]*$/.test(detail);
  if (looksLikeVersion && (kind === 'fixed' || m[1] === 'pending' || kind === 'not-affected'))
    status.version = detail;
  else if (detail) status.note = detail;
  if (m[1] === 'pending') status.note = status.version ? `fix pending in ${status.version}` : 'fix pending';
  return status;
}

/** Parses one UCT record into an UBUNTU-CVE-… advisory. Returns undefined for records without a CVE id. */
export function parseUctRecord(text: string, source: string): Advisory | undefined {
  const fields = readFields(text);
  const cve = fields.get('Candidate')?.[0];
  if (!cve || !/^CVE-\d{4}-\d+$/.test(cve)) return undefined;
  const advisory: Advisory = {
    id: `UBUNTU-${cve}`,
    modified: '',
    aliases: [],
    upstream: [cve],
    affected: [],
    source,
    distro_statuses: [],
  };
  const published = toTime(fields.get('PublicDate')?.[0]);
  if (published) advisory.published = published;
  const details =
    (fields.get('Description') ?? []).join(' ') || (fields.get('Ubuntu-Description') ?? []).join(' ');
  if (details) advisory.details = details;
  const refs = (fields.get('References') ?? []).filter((r) => /^https?:\/\//.test(r));
  if (refs.length) advisory.references = refs.map((url) => ({ type: 'REF', url }));
  advisory.severity = severities(fields);
  if (advisory.severity.length === 0) delete advisory.severity;
  addStatuses(advisory, fields);
  return advisory;
}

function severities(fields: Map<string, string[]>): Severity[] {
  const out: Severity[] = [];
  const priority = fields.get('Priority')?.[0];
  if (priority && priority !== 'untriaged') out.push({ type: 'Ubuntu', score: priority, source: 'ubuntu' });
  for (const line of fields.get('CVSS') ?? []) {
    const m = /^(\S+):\s*(\S+)/.exec(line);
    if (!m?.[2]) continue;
    const vector = m[2];
    const type = vector.startsWith('CVSS:4')
      ? 'CVSS_V4'
      : vector.startsWith('CVSS:3')
        ? 'CVSS_V3'
        : 'CVSS_V2';
    out.push({ type, score: vector, source: m[1] ?? 'ubuntu' });
  }
  return out;
}

function addStatuses(advisory: Advisory, fields: Map<string, string[]>): void {
  for (const [key, value] of fields) {
    const sep = key.indexOf('_');
    if (sep < 1 || key.startsWith('Patches_') || key.startsWith('Priority_') || key.startsWith('Tags_'))
      continue;
    const release = key.slice(0, sep);
    const pkg = key.slice(sep + 1);
    const status = statusOf(release, pkg, value[0] ?? '');
    if (!status) continue;
    const urgency = fields.get(`Priority_${pkg}`)?.[0] ?? fields.get('Priority')?.[0];
    if (urgency && urgency !== 'untriaged') status.urgency = urgency;
    advisory.distro_statuses?.push(status);
    if (status.status === 'not-affected' || (status.status === 'fixed' && !status.version)) continue;
    const events =
      status.status === 'fixed'
        ? [{ introduced: '0' }, { fixed: status.version as string }]
        : [{ introduced: '0' }];
    advisory.affected.push({
      package: { ecosystem: status.ecosystem, name: pkg },
      ranges: [{ type: 'ECOSYSTEM', events }],
    });
  }
}

/** "2019-03-05 16:29:00 UTC" or "2005-02-04" → RFC 3339. */
function toTime(value: string | undefined): string | undefined {
  const m = value ? /^(\d{4}-\d{2}-\d{2})(?:\s+(\d{2}:\d{2}(?::\d{2})?))?/.exec(value) : null;
  if (!m) return undefined;
  const time = m[2] ? (m[2].length === 5 ? `${m[2]}:00` : m[2]) : '00:00:00';
  return `${m[1]}T${time}Z`;
}
