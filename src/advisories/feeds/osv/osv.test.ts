import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { readOsvFiles } from './feed.js';
import { parseModifiedIds, parseOsvEntries, parseOsvRecord } from './parse.js';

const dir = join(fixtures, 'osv');
const entries = [
  ...readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .map((name) => ({ name, data: readFileSync(join(dir, name)) })),
  { name: 'broken-shape.json', data: Buffer.from('{"id": 42, "modified": "x"}') },
  { name: 'broken-syntax.json', data: Buffer.from('{not json') },
];

describe('OSV parser on fixtures', () => {
  const payload = parseOsvEntries(entries, 'osv-test');

  it('keeps records whole and tags the feed', () => {
    const go = payload.advisories.find((a) => a.id === 'GO-2022-1059');
    expect(go).toMatchObject({
      source: 'osv-test',
      aliases: ['CVE-2022-32149', 'GHSA-69ch-w2m2-3vjp'],
      affected: [{ package: { ecosystem: 'Go', name: 'golang.org/x/text' } }],
      database_specific: { review_status: 'REVIEWED' },
    });
    expect(go?.affected[0]?.ecosystem_specific).toHaveProperty('imports');
    const ubuntu = payload.advisories.find((a) => a.id === 'UBUNTU-CVE-2014-0160');
    expect(ubuntu?.upstream).toEqual(['CVE-2014-0160']);
  });

  it('reports bad records as problems and goes on', () => {
    expect(payload.advisories).toHaveLength(2);
    expect(payload.problems).toHaveLength(2);
    expect(payload.problems.join('\n')).toMatch(/broken-shape.json: not an OSV record \(id/);
    expect(payload.problems.join('\n')).toMatch(/broken-syntax.json: not JSON/);
    expect(parseOsvRecord('null', 's')).toMatch(/not an OSV record/);
  });

  it('reads modified_id.csv, skipping malformed lines', () => {
    const rows = parseModifiedIds(readFileSync(join(dir, 'modified_id.csv'), 'utf8'));
    expect(rows).toEqual([
      { modified: '2024-05-20T16:03:47Z', id: 'GO-2022-1059' },
      { modified: '2023-01-01T00:00:00Z', id: 'GO-2020-0001' },
      { modified: '2022-01-01T00:00:00Z', id: 'GO-2019-0001' },
    ]);
  });
});

const exports = [
  ['osv-go/Go/all.zip', 4291, /^GO-\d{4}-\d+$/, 'Go'],
  ['osv-crates-io/crates.io/all.zip', 1206, /^RUSTSEC-\d{4}-\d+$/, 'crates.io'],
  ['osv-pypi/PyPI/all.zip', 2661, /^PYSEC-\d{4}-\d+$/, 'PyPI'],
  ['osv-almalinux/AlmaLinux/all.zip', 5680, /^AL[SBE]A-\d{4}:[A-Z0-9]+$/, 'AlmaLinux'],
] as const;

describe.each(exports)('OSV export %s (real data)', (relative, count, idPattern, ecosystem) => {
  const file = sharedFile(relative);
  it.skipIf(!file)('parses every record', async () => {
    const payload = await readOsvFiles([file!], 'osv-real');
    expect(payload.problems).toEqual([]);
    expect(payload.complete).toBe(true);
    expect(payload.advisories).toHaveLength(count);
    for (const a of payload.advisories) {
      expect(a.id).toMatch(idPattern);
      expect(a.affected.every((x) => x.package?.ecosystem.startsWith(ecosystem))).toBe(true);
    }
  });
});

describe('OSV records from peers’ fixtures (real data)', () => {
  const file = sharedFile('format-samples/osv-records-from-test-fixtures/all.zip');
  it.skipIf(!file)('parses Maven GHSA, Ubuntu, Rocky and others', async () => {
    const payload = await readOsvFiles([file!], 'osv-real');
    expect(payload.advisories).toHaveLength(497);
    // one record (kubernetes) has a range without a type: reported, not guessed
    expect(payload.problems).toEqual([expect.stringMatching(/CVE-2023-2727.json: .*ranges.0.type/)]);
    const ecosystems = new Set(
      payload.advisories.flatMap((a) => a.affected.map((x) => x.package?.ecosystem.split(':')[0])),
    );
    for (const e of ['Maven', 'Ubuntu', 'Rocky Linux', 'npm', 'NuGet']) expect(ecosystems).toContain(e);
  });
});
