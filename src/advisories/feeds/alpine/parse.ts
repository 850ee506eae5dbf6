import { parse as parseYaml } from 'yaml';
import type { Advisory, DistroStatus, FeedPayload } from '../../model.js';
import { pushProblem } from '../single.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads one secdb document, YAML (the archived repository) or JSON (the current upstream). */
export function readSecdbDocument(
  text: string,
  name: string,
  problems: string[],
): Record<string, unknown> | undefined {
  try {
    const doc: unknown = name.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
    if (isObject(doc)) return doc;
    pushProblem(problems, `${name}: not a secdb document`);
  } catch (error) {
    pushProblem(problems, `${name}: cannot be parsed (${(error as Error).message.split('\n')[0]})`);
  }
  return undefined;
}

/**
 * Turns secdb documents (distroversion, packages[].pkg.secfixes: fixed version → vulnerability ids) into one
 * advisory per vulnerability id (ALPINE-CVE-…), with a fixed version per Alpine release and package.
 * A fixed version of "0" is Alpine's way to say the package was never affected.
 */
export function parseSecdb(
  docs: readonly { name: string; doc: Record<string, unknown> }[],
  source: string,
  problems: string[] = [],
): FeedPayload {
  const byVuln = new Map<string, Advisory>();
  for (const { name, doc } of docs) {
    const release = typeof doc.distroversion === 'string' ? doc.distroversion : undefined;
    // an empty repository has `packages:` with no value
    const packages = doc.packages ?? [];
    if (!release || !Array.isArray(packages)) {
      pushProblem(problems, `${name}: no distroversion or packages list`);
      continue;
    }
    for (const entry of packages) {
      const pkg = isObject(entry) && isObject(entry.pkg) ? entry.pkg : isObject(entry) ? entry : undefined;
      if (!pkg || typeof pkg.name !== 'string' || !isObject(pkg.secfixes)) {
        pushProblem(problems, `${name}: package entry without name or secfixes`);
        continue;
      }
      for (const [version, refs] of Object.entries(pkg.secfixes)) {
        for (const ref of Array.isArray(refs) ? refs : [])
          addFix(byVuln, source, release, pkg.name, version, ref);
      }
    }
  }
  return { advisories: [...byVuln.values()], complete: true, problems };
}

function addFix(
  byVuln: Map<string, Advisory>,
  source: string,
  release: string,
  pkg: string,
  version: string,
  ref: unknown,
): void {
  if (typeof ref !== 'string') return;
  // "CVE-2024-22195 GHSA-h5c8-rqwp-cp95", "CVE-2017-2616 (+ regression fix)"
  const ids = ref.split(/\s+/).filter((t) => /^[A-Z]+-[\w.:-]+$/i.test(t));
  const [primary, ...more] = ids;
  if (!primary) return;
  let advisory = byVuln.get(primary);
  if (!advisory) {
    advisory = {
      id: `ALPINE-${primary}`,
      modified: '',
      aliases: [],
      upstream: [primary],
      affected: [],
      source,
      distro_statuses: [],
    };
    byVuln.set(primary, advisory);
  }
  for (const id of more) if (!advisory.upstream?.includes(id)) advisory.upstream?.push(id);
  const ecosystem = `Alpine:${release}`;
  const status: DistroStatus =
    version === '0'
      ? { ecosystem, release, package: pkg, status: 'not-affected' }
      : { ecosystem, release, package: pkg, status: 'fixed', version };
  const note = ref
    .slice(ref.indexOf(primary) + primary.length)
    .replace(/^[\s\w.:-]*?(?=\(|$)/, '')
    .trim();
  if (note) status.note = note;
  advisory.distro_statuses?.push(status);
  if (status.status === 'fixed') {
    advisory.affected.push({
      package: { ecosystem, name: pkg },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: version }] }],
    });
  }
}
