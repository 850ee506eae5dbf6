import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from '../../src/advisories/feeds/archive.js';
import { runImport } from '../../src/advisories/import/run.js';
import { makeZip } from '../advisories/zip.js';

/** ../shared/advisories: real upstream data (see its README). */
export const sharedAdvisories = fileURLToPath(new URL('../../../shared/advisories', import.meta.url));
export const fixtures = fileURLToPath(new URL('./__fixtures__', import.meta.url));

/** The raw records that went into the database, by feed, for the independent expectation. */
export interface ImportedRaw {
  /** OSV JSON records (ours and the filtered real ones), by OSV ecosystem. */
  osv: Map<string, Record<string, unknown>[]>;
  /** nodejs-security-wg npm advisories (NSP JSON). */
  nswg: Record<string, unknown>[];
  /** ruby-advisory-db gem files: path and YAML text. */
  rubysec: { path: string; text: string }[];
  /** FriendsOfPHP files: path and YAML text. */
  friendsofphp: { path: string; text: string }[];
}

export interface Wanted {
  /** Lower-case names per OSV ecosystem (PyPI names PEP 503-normalised). */
  names: Map<string, Set<string>>;
}

const pep503 = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

function wantedName(wanted: Wanted, ecosystem: string, name: string): boolean {
  const set = wanted.names.get(ecosystem);
  if (!set) return false;
  return set.has(ecosystem === 'PyPI' ? pep503(name) : name.toLowerCase());
}

function namesOf(record: Record<string, unknown>): { ecosystem: string; name: string }[] {
  const affected = (record.affected ?? []) as { package?: { ecosystem?: string; name?: string } }[];
  return affected.flatMap((a) =>
    a.package?.ecosystem && a.package.name ? [a.package as { ecosystem: string; name: string }] : [],
  );
}

/** An OSV export filtered to records that name a package we have (the real records, unchanged). */
async function filteredOsv(zipFile: string, wanted: Wanted): Promise<Record<string, unknown>[]> {
  const entries = await readZip(readFileSync(zipFile), zipFile, (n) => n.endsWith('.json'));
  const out: Record<string, unknown>[] = [];
  for (const entry of entries) {
    const record = JSON.parse(entry.data.toString('utf8')) as Record<string, unknown>;
    if (namesOf(record).some((p) => wantedName(wanted, p.ecosystem.split(':')[0]!, p.name))) out.push(record);
  }
  return out;
}

function ownRecords(dir: string): Record<string, unknown>[] {
  const path = join(fixtures, dir);
  return readdirSync(path)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(readFileSync(join(path, n), 'utf8')) as Record<string, unknown>);
}

function writeOsvZip(root: string, ecosystem: string, records: Record<string, unknown>[]): void {
  const entries: Record<string, string> = {};
  for (const record of records) entries[`${String(record.id)}.json`] = JSON.stringify(record);
  mkdirSync(join(root, ecosystem), { recursive: true });
  writeFileSync(join(root, ecosystem, 'all.zip'), makeZip(entries));
}

function copyOut(root: string, path: string, data: Buffer | string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), data);
}

async function zipMembers(zipFile: string, keep: (name: string) => boolean) {
  return (await readZip(readFileSync(zipFile), zipFile, keep)).map((e) => ({
    path: e.name,
    text: e.data.toString('utf8'),
  }));
}

/**
 * Lays out an import folder in the upstream layouts `crowsnest db import` reads: the real feeds from
 * ../shared/advisories filtered to records naming packages of the fixtures (filtering keeps the import to a
 * few seconds), our own records from public facts, the whole KEV catalogue and EPSS rows for the CVEs named.
 */
export async function layOutFeeds(root: string, wanted: Wanted): Promise<ImportedRaw> {
  const raw: ImportedRaw = { osv: new Map(), nswg: [], rubysec: [], friendsofphp: [] };
  const go = await filteredOsv(join(sharedAdvisories, 'osv-go/Go/all.zip'), wanted);
  const pypi = await filteredOsv(join(sharedAdvisories, 'osv-pypi/PyPI/all.zip'), wanted);
  const samples = join(sharedAdvisories, 'format-samples/osv-records-from-test-fixtures/all.zip');
  const maven = [
    ...(await filteredOsv(samples, wanted)).filter((r) => namesOf(r).some((p) => p.ecosystem === 'Maven')),
    ...ownRecords('maven'),
  ];
  const sets: [string, Record<string, unknown>[]][] = [
    ['Go', go],
    ['PyPI', pypi],
    ['Maven', maven],
    ['npm', ownRecords('npm')],
    ['AlmaLinux', ownRecords('almalinux')],
  ];
  for (const [ecosystem, records] of sets) {
    raw.osv.set(ecosystem, records);
    writeOsvZip(root, ecosystem, records);
  }
  // subsets are written as archives in the upstream layout: `db import` reads them like the real ones
  const nswg = await zipMembers(join(sharedAdvisories, 'nodejs-security-wg/vuln.zip'), (n) =>
    /^npm\/\d+\.json$/.test(n),
  );
  const nswgKept: Record<string, string> = {};
  for (const file of nswg) {
    const doc = JSON.parse(file.text) as Record<string, unknown>;
    if (!wantedName(wanted, 'npm', String(doc.module_name ?? ''))) continue;
    raw.nswg.push(doc);
    nswgKept[`vuln/${file.path}`] = file.text;
  }
  copyOut(root, 'nodejs/security-wg-subset.zip', makeZip(nswgKept));
  const gems = wanted.names.get('RubyGems') ?? new Set();
  raw.rubysec = await zipMembers(join(sharedAdvisories, 'rubysec/ruby-advisory-db.zip'), (n) => {
    const m = /^gems\/([^/]+)\/[^/]+\.yml$/.exec(n);
    return !!m && gems.has(m[1]!.toLowerCase());
  });
  copyOut(
    root,
    'rubysec/ruby-advisory-db-subset.zip',
    makeZip(Object.fromEntries(raw.rubysec.map((f) => [f.path, f.text]))),
  );
  const php = wanted.names.get('Packagist') ?? new Set();
  raw.friendsofphp = await zipMembers(join(sharedAdvisories, 'friendsofphp/security-advisories.zip'), (n) => {
    const m = /^([^/]+\/[^/]+)\/[^/]+\.yaml$/.exec(n);
    return !!m && php.has(m[1]!.toLowerCase());
  });
  copyOut(
    root,
    'friendsofphp/security-advisories-subset.zip',
    makeZip(Object.fromEntries(raw.friendsofphp.map((f) => [f.path, f.text]))),
  );
  copyOut(root, 'debian/debian-bookworm.json', readFileSync(join(fixtures, 'debian/debian-bookworm.json')));
  copyOut(root, 'alpine/v3.18/main.json', readFileSync(join(fixtures, 'alpine/v3.18/main.json')));
  copyOut(
    root,
    'kev/known_exploited_vulnerabilities.json',
    readFileSync(join(sharedAdvisories, 'cisa-kev/known_exploited_vulnerabilities.json')),
  );
  const named = [
    JSON.stringify([...raw.osv.values(), raw.nswg]),
    ...raw.rubysec.map((f) => f.text),
    ...raw.friendsofphp.map((f) => f.text),
    readFileSync(join(fixtures, 'debian/debian-bookworm.json'), 'utf8'),
    readFileSync(join(fixtures, 'alpine/v3.18/main.json'), 'utf8'),
  ].join('\n');
  writeEpss(root, named);
  return raw;
}

/** EPSS rows (the real scores) for every CVE the laid-out feeds name. */
function writeEpss(root: string, named: string): void {
  const cves = new Set(named.match(/CVE-\d{4}-\d{4,}/g) ?? []);
  // ruby-advisory-db writes `cve: 2021-1234`
  for (const m of named.matchAll(/\bcve:\s*(\d{4}-\d{4,})/g)) cves.add(`CVE-${m[1]}`);
  const all = execFileSync('tar', ['-xJOf', join(sharedAdvisories, 'epss/epss-by-year.tar.xz')], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const rows = all.split('\n').filter((line) => cves.has(line.split(';')[0] ?? ''));
  copyOut(root, 'EPSS_CVE_data/CVE_selected_EPSS.csv', `${rows.join('\n')}\n`);
}

/** Imports the laid-out folder with crowsnest's own import path into a fresh database. */
export async function importFeeds(root: string, dbPath: string): Promise<void> {
  const report = await runImport({ dbPath, path: root });
  const failed = report.outcomes.filter((o) => o.status === 'failed');
  if (failed.length) throw new Error(`import failed: ${JSON.stringify(failed)}`);
}

export const haveSharedAdvisories = (): boolean => existsSync(join(sharedAdvisories, 'README.md'));
