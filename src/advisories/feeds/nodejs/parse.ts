import semver from 'semver';
import type { Advisory, AffectedRange, FeedPayload, RangeEvent, Severity } from '../../model.js';
import type { ArchiveEntry } from '../archive.js';
import { pushProblem } from '../single.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `vuln/npm/<n>.json` and `vuln/core/<n>.json` (deps/ holds not-affected notes, not advisories). */
export const nodejsPath = /(?:^|\/)(npm|core)\/(\d+)\.json$/;

/**
 * An npm range expression ("<=1.5.1", "8.x || ^7.10.1") as OSV SEMVER ranges, one per comparator set,
 * read with node-semver (npm's own range semantics).
 */
export function npmRangeToOsv(expression: string): AffectedRange[] | undefined {
  let range: semver.Range;
  try {
    range = new semver.Range(expression, { loose: true });
  } catch {
    return undefined;
  }
  const out: AffectedRange[] = [];
  for (const set of range.set) {
    const events: RangeEvent[] = [];
    let introduced = '0';
    let upper: RangeEvent | undefined;
    for (const comparator of set) {
      if (comparator.value === '') continue; // "*": any version
      const version = comparator.semver.version;
      // OSV has no exclusive lower bound: ">X" starts at X (a false positive on X itself at worst)
      if (comparator.operator === '>=' || comparator.operator === '>') introduced = version;
      else if (comparator.operator === '<') upper = { fixed: version };
      else if (comparator.operator === '<=') upper = { last_affected: version };
      else {
        introduced = version;
        upper = { last_affected: version };
      }
    }
    events.push({ introduced });
    if (upper) events.push(upper);
    out.push({ type: 'SEMVER', events });
  }
  return out;
}

/** Parses the Node.js security WG's npm (legacy NSP) and core advisories. */
export function parseNodejs(entries: readonly ArchiveEntry[], source: string): FeedPayload {
  const payload: FeedPayload = { advisories: [], complete: true, problems: [] };
  for (const entry of entries) {
    const path = nodejsPath.exec(entry.name);
    if (!path) continue;
    const [, kind = '', number = ''] = path;
    let doc: unknown;
    try {
      doc = JSON.parse(entry.data.toString('utf8'));
    } catch (error) {
      pushProblem(payload.problems, `${entry.name}: not JSON (${(error as Error).message})`);
      continue;
    }
    if (!isObject(doc)) {
      pushProblem(payload.problems, `${entry.name}: not an advisory`);
      continue;
    }
    const advisory = kind === 'npm' ? npmAdvisory(doc, number, source) : coreAdvisory(doc, number, source);
    if (typeof advisory === 'string') pushProblem(payload.problems, `${entry.name}: ${advisory}`);
    else payload.advisories.push(advisory);
  }
  return payload;
}

function npmAdvisory(doc: Record<string, unknown>, number: string, source: string): Advisory | string {
  if (typeof doc.module_name !== 'string' || typeof doc.vulnerable_versions !== 'string')
    return 'no module_name or vulnerable_versions';
  const ranges = npmRangeToOsv(doc.vulnerable_versions);
  if (!ranges) return `vulnerable_versions not a semver range: "${doc.vulnerable_versions}"`;
  const name = doc.module_name;
  const advisory: Advisory = {
    id: `NSWG-ECO-${doc.id ?? number}`,
    modified: dateOf(doc.updated_at) ?? '',
    aliases: strings(doc.cves),
    affected: [
      {
        package: { ecosystem: 'npm', name, purl: `pkg:npm/${encodeURIComponent(name).replace('%40', '@')}` },
        ranges,
      },
    ],
    source,
  };
  const published = dateOf(doc.publish_date) ?? dateOf(doc.created_at);
  if (published) advisory.published = published;
  if (typeof doc.title === 'string') advisory.summary = doc.title;
  if (typeof doc.overview === 'string') advisory.details = doc.overview;
  advisory.references = strings(doc.references).map((url) => ({ type: 'WEB', url }));
  const severity = cvss(doc.cvss_vector, doc.cvss_score);
  if (severity) advisory.severity = [severity];
  return advisory;
}

function coreAdvisory(doc: Record<string, unknown>, number: string, source: string): Advisory | string {
  if (typeof doc.vulnerable !== 'string') return 'no vulnerable range';
  const ranges = npmRangeToOsv(doc.vulnerable);
  if (!ranges) return `vulnerable not a semver range: "${doc.vulnerable}"`;
  const advisory: Advisory = {
    id: `NSWG-CORE-${number}`,
    modified: '',
    aliases: strings(doc.cve),
    affected: [{ package: { ecosystem: 'Node.js', name: 'node' }, ranges }],
    source,
  };
  const published = dateOf(doc.publish_date);
  if (published) advisory.published = published;
  if (typeof doc.description === 'string') advisory.summary = doc.description;
  if (typeof doc.overview === 'string') advisory.details = doc.overview;
  if (typeof doc.ref === 'string') advisory.references = [{ type: 'ADVISORY', url: doc.ref }];
  const severity: Severity[] = [];
  const scored = cvss(
    typeof doc.cvss === 'string' ? `CVSS:${doc.cvss.replace(/^CVSS:/, '')}` : undefined,
    doc.cvss_score,
  );
  if (scored) severity.push(scored);
  if (typeof doc.severity === 'string')
    severity.push({ type: 'NSWG', score: doc.severity, source: 'nodejs' });
  if (severity.length) advisory.severity = severity;
  return advisory;
}

function cvss(vector: unknown, score: unknown): Severity | undefined {
  if (typeof vector === 'string' && vector.startsWith('CVSS:'))
    return { type: vector.startsWith('CVSS:4') ? 'CVSS_V4' : 'CVSS_V3', score: vector, source: 'nodejs' };
  if (typeof score === 'number') return { type: 'CVSS_V3', score: String(score), source: 'nodejs' };
  return undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function dateOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  return value.length === 10 ? `${value}T00:00:00Z` : value;
}
