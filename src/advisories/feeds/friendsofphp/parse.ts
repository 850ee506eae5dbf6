import { parse as parseYaml } from 'yaml';
import type { Advisory, Affected, FeedPayload } from '../../model.js';
import type { ArchiveEntry } from '../archive.js';
import { rangeFromConstraints } from '../constraints.js';
import { pushProblem } from '../single.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `<vendor>/<package>/<name>.yaml`, possibly under the archive's top folder; dot-folders are not advisories. */
export const advisoryPath = /(?:^|\/)([^./][^/]*)\/([^./][^/]*)\/([^/]+)\.ya?ml$/;

/** Parses FriendsOfPHP security-advisories YAML files into Packagist advisories. */
export function parseFriendsOfPhp(entries: readonly ArchiveEntry[], source: string): FeedPayload {
  const payload: FeedPayload = { advisories: [], complete: true, problems: [] };
  for (const entry of entries) {
    const path = advisoryPath.exec(entry.name);
    if (!path) continue;
    const [, vendor = '', pkg = '', stem = ''] = path;
    let doc: unknown;
    try {
      doc = parseYaml(entry.data.toString('utf8'), { maxAliasCount: 100 });
    } catch (error) {
      pushProblem(payload.problems, `${entry.name}: not YAML (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    const advisory = isObject(doc) ? toAdvisory(doc, `${vendor}/${pkg}`, stem, source) : `not an advisory`;
    if (typeof advisory === 'string') pushProblem(payload.problems, `${entry.name}: ${advisory}`);
    else payload.advisories.push(advisory);
  }
  return payload;
}

function toAdvisory(
  doc: Record<string, unknown>,
  pathName: string,
  stem: string,
  source: string,
): Advisory | string {
  const reference = typeof doc.reference === 'string' ? doc.reference : '';
  const name = reference.startsWith('composer://') ? reference.slice('composer://'.length) : pathName;
  if (!isObject(doc.branches)) return 'no branches';
  const affected: Affected = {
    package: { ecosystem: 'Packagist', name, purl: `pkg:composer/${name}` },
    ranges: [],
    versions: [],
  };
  let published: string | undefined;
  for (const [branch, data] of Object.entries(doc.branches)) {
    if (!isObject(data) || !Array.isArray(data.versions)) return `branch ${branch} has no versions list`;
    const range = rangeFromConstraints(data.versions.map(String));
    if (!range) return `branch ${branch}: constraints not understood: ${data.versions.join(', ')}`;
    if ('exact' in range) affected.versions?.push(range.exact);
    else affected.ranges?.push(range);
    const time = toTime(data.time);
    if (time && (!published || time < published)) published = time;
  }
  if (affected.versions?.length === 0) delete affected.versions;
  const advisory: Advisory = {
    id: `FRIENDSOFPHP-${pathName}/${stem}`,
    modified: '',
    aliases: [],
    affected: [affected],
    source,
  };
  if (published) advisory.published = published;
  if (typeof doc.title === 'string') advisory.summary = doc.title.trim();
  if (typeof doc.cve === 'string' && doc.cve) advisory.aliases.push(doc.cve);
  if (typeof doc.link === 'string') {
    advisory.references = [{ type: 'ADVISORY', url: doc.link }];
    const ghsa = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/.exec(doc.link);
    if (ghsa && !advisory.aliases.includes(ghsa[0])) advisory.aliases.push(ghsa[0]);
  }
  if (doc['composer-repository'] === false) advisory.database_specific = { composer_repository: false };
  return advisory;
}

/** "2018-10-02 00:01:00" (YAML may give a string or a Date) → RFC 3339 in UTC. */
function toTime(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return value.toISOString().replace('.000Z', 'Z');
  if (typeof value !== 'string' || !value) return undefined;
  const parsed = Date.parse(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString().replace('.000Z', 'Z');
}
