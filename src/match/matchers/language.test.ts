import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../../advisories/model.js';
import { makeDb, osv, pkg, type TestDb } from '../__fixtures__/store.js';
import { CachedSource } from '../helpers/cached-source.js';
import { matcherByType } from '../registry.js';
import type { MatchContext } from '../types.js';

const semver = (
  id: string,
  ecosystem: string,
  name: string,
  events: Record<string, string>[],
  over: Partial<Advisory> = {},
) => {
  const record = osv(id, ecosystem, name, events, over);
  record.affected[0]!.ranges![0]!.type = 'SEMVER';
  return record;
};

let t: TestDb;
let context: MatchContext;
beforeAll(() => {
  t = makeDb({
    ghsa: [
      semver('GHSA-scop-ed00-0001', 'npm', '@babel/traverse', [{ introduced: '0' }, { fixed: '7.23.2' }]),
      osv('GHSA-mvn0-0000-0001', 'Maven', 'org.apache.commons:commons-text', [
        { introduced: '1.5' },
        { fixed: '1.10.0' },
      ]),
      osv('GHSA-mvn0-0000-0002', 'Maven', 'org.apache.commons:commons-lang3', [
        { introduced: '3.0' },
        { fixed: '3.18.0' },
      ]),
      osv('GHSA-nuge-t000-0001', 'NuGet', 'Newtonsoft.Json', [{ introduced: '0' }, { fixed: '13.0.1' }]),
      osv('GHSA-pack-0000-0001', 'Packagist', 'guzzlehttp/psr7', [
        { introduced: '2.0.0' },
        { fixed: '2.4.5' },
      ]),
      osv('GHSA-gact-0000-0001', 'GitHub Actions', 'tj-actions/changed-files', [
        { introduced: '0' },
        { fixed: '46.0.1' },
      ]),
      semver('GHSA-crat-0000-0001', 'crates.io', 'smallvec', [{ introduced: '0' }, { fixed: '1.6.1' }]),
      osv('GHSA-gems-0000-0001', 'RubyGems', 'rdoc', [{ introduced: '0' }, { fixed: '6.4.1.1' }]),
      osv('GHSA-weird-000-0001', 'npm', 'weird', [{ introduced: '0' }]),
    ],
    'osv-pypi': [osv('PYSEC-2023-74', 'PyPI', 'requests', [{ introduced: '2.3.0' }, { fixed: '2.31.0' }])],
    'osv-go': [
      semver('GO-2023-1878', 'Go', 'stdlib', [
        { introduced: '0' },
        { fixed: '1.19.11' },
        { introduced: '1.20.0-0' },
        { fixed: '1.20.6' },
      ]),
      semver('GO-2022-1059', 'Go', 'golang.org/x/text', [{ introduced: '0' }, { fixed: '0.3.8' }]),
    ],
  });
  context = { db: new CachedSource(t.db) };
});
afterAll(() => t.dispose());

function match(type: Parameters<typeof pkg>[0], name: string, version: string, over = {}) {
  return matcherByType.get(type)!.match(pkg(type, name, version, over), context);
}

describe('language matchers', () => {
  it('match scoped npm names as one name', () => {
    const { matches } = match('npm', '@babel/traverse', '7.22.0');
    expect(matches[0]?.evidence).toMatchObject({
      method: 'language-package',
      searchedBy: { ecosystem: 'npm', name: '@babel/traverse' },
      range: '<7.23.2',
      fixedVersion: '7.23.2',
    });
  });

  it('match PyPI names as PEP 503 normalises them', () => {
    expect(match('pypi', 'Requests', '2.28.1').matches).toHaveLength(1);
    expect(match('pypi', 'requests', '2.31.0').matches).toHaveLength(0);
  });

  it('match Maven artifacts by groupId:artifactId', () => {
    const lang3 = match('maven', 'commons-lang3', '3.12.0', {
      metadata: { groupId: 'org.apache.commons', artifactId: 'commons-lang3' },
    });
    expect(lang3.matches[0]?.evidence.searchedBy.name).toBe('org.apache.commons:commons-lang3');
    const text = match('maven', 'commons-text', '1.10.0', { metadata: { groupId: 'org.apache.commons' } });
    expect(text.matches).toEqual([]);
    const viaPurl = match('maven', 'commons-lang3', '3.12.0', {
      purl: 'pkg:maven/org.apache.commons/commons-lang3@3.12.0',
    });
    expect(viaPurl.matches).toHaveLength(1);
  });

  it('match NuGet ids case-insensitively, Packagist vendor/name, crates, gems and actions', () => {
    expect(match('nuget', 'newtonsoft.json', '12.0.3').matches).toHaveLength(1);
    expect(match('composer', 'guzzlehttp/psr7', '2.4.3').matches).toHaveLength(1);
    expect(match('cargo', 'smallvec', '1.6.0').matches).toHaveLength(1);
    expect(match('gem', 'rdoc', '6.4.1.1').matches).toHaveLength(0);
    expect(match('gem', 'rdoc', '6.4.0').matches).toHaveLength(1);
    expect(match('github-action', 'tj-actions/changed-files', '45.0.0').matches).toHaveLength(1);
  });

  it('match the Go standard library found in binaries as stdlib', () => {
    const { matches } = match('golang', 'stdlib', 'v1.19.8');
    expect(matches[0]?.evidence).toMatchObject({
      method: 'go-stdlib',
      fixedVersion: '1.19.11',
      range: '<1.19.11 || >=1.20.0-0, <1.20.6',
    });
    expect(match('golang', 'stdlib', 'v1.20.6').matches).toEqual([]);
    expect(match('golang', 'golang.org/x/text', 'v0.7.0').matches).toEqual([]);
  });

  it('say "not fixed" for an open-ended range', () => {
    expect(match('npm', 'weird', '1.0.0').matches[0]?.fixState).toBe('not-fixed');
  });

  it('report a version the scheme cannot read, once per package', () => {
    const result = match('golang', 'stdlib', '(devel)');
    expect(result.matches).toEqual([]);
    expect(result.notEvaluated).toHaveLength(1);
    expect(result.notEvaluated[0]?.reason).toMatch(
      /"\(devel\)" is not a valid .* 1 advisories for stdlib not evaluated/,
    );
  });

  it('report a record whose range cannot be read, naming it', () => {
    const t2 = makeDb({
      x: [
        {
          ...osv('X-1', 'npm', 'odd', []),
          affected: [
            {
              package: { ecosystem: 'npm', name: 'odd' },
              ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: 'not.a.version' }] }],
            },
          ],
        },
      ],
    });
    try {
      const result = matcherByType.get('npm')!.match(pkg('npm', 'odd', '1.0.0'), { db: t2.db });
      expect(result.notEvaluated).toEqual([
        expect.objectContaining({
          advisoryId: 'X-1',
          reason: expect.stringMatching(/not a valid SemVer version/),
        }),
      ]);
    } finally {
      t2.dispose();
    }
  });

  it('asks the database once per (ecosystem, name), however many packages share it', () => {
    const source = new CachedSource(t.db);
    for (let i = 0; i < 5; i++)
      matcherByType
        .get('pypi')!
        .match(pkg('pypi', i % 2 ? 'Requests' : 'requests', '2.28.1'), { db: source });
    expect(source.lookups.byPackage).toBe(1);
  });
});
