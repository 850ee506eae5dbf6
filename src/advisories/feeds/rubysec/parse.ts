import { parse as parseYaml } from 'yaml';
import { compareVersions } from '../../../versioning/index.js';
import type { Advisory, FeedPayload, Severity } from '../../model.js';
import type { ArchiveEntry } from '../archive.js';
import { pushProblem } from '../single.js';
import { affectedEvents, type Compare } from './requirements.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `gems/<gem>/<file>.yml` and `rubies/<engine>/<file>.yml`, possibly under the archive's top folder. */
export const rubysecPath = /(?:^|\/)(gems|rubies)\/([^/]+)\/([^/]+)\.yml$/;

const gemCompare: Compare = (a, b) => compareVersions('RubyGems', a, b);

/**
 * Parses ruby-advisory-db YAML. Gems go to the RubyGems ecosystem; interpreter advisories (rubies/) to the
 * "Ruby" ecosystem named by engine. Affected ranges are the complement of patched and unaffected versions.
 */
export function parseRubysec(
  entries: readonly ArchiveEntry[],
  source: string,
  compare: Compare = gemCompare,
): FeedPayload {
  const payload: FeedPayload = { advisories: [], complete: true, problems: [] };
  for (const entry of entries) {
    const path = rubysecPath.exec(entry.name);
    if (!path) continue;
    const [, kind = '', dirName = '', stem = ''] = path;
    let doc: unknown;
    try {
      doc = parseYaml(entry.data.toString('utf8'), { maxAliasCount: 100 });
    } catch (error) {
      pushProblem(payload.problems, `${entry.name}: not YAML (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    if (!isObject(doc)) {
      pushProblem(payload.problems, `${entry.name}: not an advisory`);
      continue;
    }
    const advisory = toAdvisory(doc, kind === 'gems', dirName, stem, source);
    const problem = addRanges(advisory, doc, compare);
    if (problem) pushProblem(payload.problems, `${entry.name}: ${problem} (kept without ranges)`);
    payload.advisories.push(advisory);
  }
  return payload;
}

function toAdvisory(
  doc: Record<string, unknown>,
  isGem: boolean,
  dirName: string,
  stem: string,
  source: string,
): Advisory {
  const name = String((isGem ? doc.gem : doc.engine) ?? dirName);
  const ecosystem = isGem ? 'RubyGems' : 'Ruby';
  const advisory: Advisory = {
    id: `RUBYSEC-${dirName}-${stem}`,
    modified: '',
    aliases: [],
    affected: [{ package: isGem ? { ecosystem, name, purl: `pkg:gem/${name}` } : { ecosystem, name } }],
    source,
  };
  const id = (prefix: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') advisory.aliases.push(`${prefix}-${value}`);
  };
  id('CVE', doc.cve);
  id('GHSA', doc.ghsa);
  id('OSVDB', doc.osvdb);
  if (typeof doc.title === 'string') advisory.summary = doc.title.trim();
  if (typeof doc.description === 'string') advisory.details = doc.description.trim();
  const date = doc.date instanceof Date ? doc.date.toISOString().slice(0, 10) : doc.date;
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(date))
    advisory.published = `${date.slice(0, 10)}T00:00:00Z`;
  const urls = [doc.url, ...(isObject(doc.related) && Array.isArray(doc.related.url) ? doc.related.url : [])];
  advisory.references = urls
    .filter((u): u is string => typeof u === 'string')
    .map((url) => ({ type: 'WEB', url }));
  const severity: Severity[] = [];
  for (const [key, type] of [
    ['cvss_v2', 'CVSS_V2'],
    ['cvss_v3', 'CVSS_V3'],
    ['cvss_v4', 'CVSS_V4'],
  ] as const) {
    if (typeof doc[key] === 'number' || typeof doc[key] === 'string')
      severity.push({ type, score: String(doc[key]), source: 'rubysec' });
  }
  if (severity.length) advisory.severity = severity;
  return advisory;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Sets the affected ranges, or returns why they could not be computed. */
function addRanges(advisory: Advisory, doc: Record<string, unknown>, compare: Compare): string | undefined {
  const patched = stringList(doc.patched_versions);
  const unaffected = stringList(doc.unaffected_versions);
  const affected = advisory.affected[0];
  if (!affected) return undefined;
  affected.database_specific = { patched_versions: patched, unaffected_versions: unaffected };
  try {
    affected.ranges = [{ type: 'ECOSYSTEM', events: affectedEvents([...patched, ...unaffected], compare) }];
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
