import { describe, expect, it } from 'vitest';
import { advisoryPath, explainSkip, hasAdvisories } from './__fixtures__/differential/corpus.js';
import { readZipTexts } from './__fixtures__/differential/zip.js';
import { describeRange, evaluateAffected } from './osv-range.js';
import type { OsvAffected, OsvRange } from './osv-types.js';

const semver = (events: OsvRange['events']): OsvRange => ({ type: 'SEMVER', events });
const eco = (events: OsvRange['events']): OsvRange => ({ type: 'ECOSYSTEM', events });
const status = (affected: OsvAffected, version: string, ecosystem = 'npm'): string =>
  evaluateAffected(affected, version, ecosystem).status;

describe('evaluateAffected', () => {
  // The OSV schema's own examples.
  const twoIntervals = {
    ranges: [
      semver([{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }]),
    ],
  };

  it.each([
    ['0.9.0', 'not-affected'],
    ['1.0.0', 'affected'],
    ['1.0.1', 'affected'],
    ['1.0.2', 'not-affected'],
    ['2.0.0', 'not-affected'],
    ['3.1.0', 'affected'],
    ['3.2.5', 'not-affected'],
  ])('multiple range example: %s is %s', (version, expected) => {
    expect(status(twoIntervals, version)).toBe(expected);
  });

  it('treats introduced "0" as before everything and reports the fix', () => {
    const affected = { ranges: [semver([{ introduced: '0' }, { fixed: '1.0.2' }])] };
    expect(evaluateAffected(affected, '0.0.1', 'npm')).toEqual({
      status: 'affected',
      range: affected.ranges[0],
      fixed: '1.0.2',
    });
    expect(status({ ranges: [semver([{ introduced: '0' }])] }, '99.0.0')).toBe('affected');
  });

  it('sorts events by the scheme, not by their order in the record, and reports the smallest fix above', () => {
    const affected = {
      ranges: [eco([{ fixed: '3.2.5' }, { introduced: '3.0.0' }, { fixed: '1.0.2' }, { introduced: '0' }])],
    };
    expect(evaluateAffected(affected, '1.0.1', 'npm')).toMatchObject({ status: 'affected', fixed: '1.0.2' });
    expect(evaluateAffected(affected, '3.0.0', 'npm')).toMatchObject({ status: 'affected', fixed: '3.2.5' });
    expect(status(affected, '2.0.0')).toBe('not-affected');
  });

  it('includes last_affected and excludes what is above it', () => {
    const affected = { ranges: [eco([{ introduced: '1.0' }, { last_affected: '1.4' }])] };
    expect(status(affected, '1.4', 'PyPI')).toBe('affected');
    expect(status(affected, '1.4.0', 'PyPI')).toBe('affected');
    expect(status(affected, '1.4.1', 'PyPI')).toBe('not-affected');
    expect(evaluateAffected(affected, '1.2', 'PyPI')).not.toHaveProperty('fixed');
  });

  it('honours limit events, with "*" as infinity', () => {
    const limited = { ranges: [semver([{ introduced: '0' }, { limit: '2.0.0' }])] };
    expect(status(limited, '1.9.9')).toBe('affected');
    expect(status(limited, '2.0.0')).toBe('not-affected');
    expect(status({ ranges: [semver([{ introduced: '1.0.0' }, { limit: '*' }])] }, '9.0.0')).toBe('affected');
  });

  it('ORs ranges and the versions list, matching listed versions by scheme equality', () => {
    const affected = {
      versions: ['1.0', '2.0.post1'],
      ranges: [eco([{ introduced: '3.0' }, { fixed: '3.1' }])],
    };
    expect(evaluateAffected(affected, '1.0.0', 'PyPI')).toEqual({ status: 'affected' });
    expect(status(affected, '2.0-1', 'PyPI')).toBe('affected');
    expect(status(affected, '3.0.5', 'PyPI')).toBe('affected');
    expect(status(affected, '2.0', 'PyPI')).toBe('not-affected');
  });

  it('uses SemVer for SEMVER ranges whatever the ecosystem, and the ecosystem scheme for ECOSYSTEM ranges', () => {
    // PEP 440 puts 1.0.0.post1 after 1.0.0; as SemVer "1.0.0-post1" would be before it.
    expect(status({ ranges: [eco([{ introduced: '0' }, { fixed: '1.0.0' }])] }, '1.0.0.post1', 'PyPI')).toBe(
      'not-affected',
    );
    expect(status({ ranges: [semver([{ introduced: '0' }, { fixed: '1.0.0' }])] }, '1.0.0-rc.1', 'Go')).toBe(
      'affected',
    );
  });

  it('cannot evaluate an unknown ecosystem, an invalid version or an invalid bound', () => {
    const range = { ranges: [eco([{ introduced: '0' }, { fixed: '1.0.0' }])] };
    expect(evaluateAffected(range, '0.1.0', 'Hex')).toEqual({
      status: 'cannot-evaluate',
      reason: 'no version scheme for ecosystem "Hex"',
    });
    expect(evaluateAffected(range, 'banana', 'npm')).toMatchObject({
      status: 'cannot-evaluate',
      reason: expect.stringContaining('"banana"'),
    });
    const badBound = { ranges: [eco([{ introduced: '0' }, { fixed: 'abc' }])] };
    expect(evaluateAffected(badBound, '1.0.0', 'npm')).toMatchObject({
      status: 'cannot-evaluate',
      reason: expect.stringContaining('fixed "abc"'),
    });
  });

  it('still reports affected when another range matched despite an unreadable one', () => {
    const affected = {
      ranges: [eco([{ introduced: '0' }, { fixed: 'abc' }]), eco([{ introduced: '1.0.0' }])],
    };
    expect(status(affected, '1.0.0')).toBe('affected');
  });

  it('leaves GIT ranges to the versions list, and cannot evaluate them alone', () => {
    const git: OsvRange = {
      type: 'GIT',
      repo: 'https://example.invalid/repo',
      events: [{ introduced: 'a'.repeat(40) }],
    };
    expect(status({ ranges: [git] }, '1.0.0')).toBe('cannot-evaluate');
    expect(status({ ranges: [git], versions: ['1.0.0'] }, '1.0.0')).toBe('affected');
    expect(status({ ranges: [git], versions: ['1.0.0'] }, '1.1.0')).toBe('not-affected');
    expect(status({ ranges: [git, semver([{ introduced: '0' }, { fixed: '1.0.0' }])] }, '1.1.0')).toBe(
      'not-affected',
    );
  });

  it('cannot evaluate an entry with neither versions nor ranges', () => {
    expect(status({}, '1.0.0')).toBe('cannot-evaluate');
  });
});

describe('describeRange', () => {
  it.each([
    [semver([{ introduced: '0' }, { fixed: '1.2.3' }]), '<1.2.3'],
    [semver([{ introduced: '1.0.0' }, { fixed: '1.2.3' }]), '>=1.0.0, <1.2.3'],
    [
      semver([{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }]),
      '>=1.0.0, <1.0.2 || >=3.0.0, <3.2.5',
    ],
    [
      eco([{ fixed: '3.2.5' }, { introduced: '3.0.0' }, { fixed: '1.0.2' }, { introduced: '0' }]),
      '<1.0.2 || >=3.0.0, <3.2.5',
    ],
    [semver([{ introduced: '1.0.0' }, { last_affected: '1.4.0' }]), '>=1.0.0, <=1.4.0'],
    [semver([{ introduced: '0' }]), 'all versions'],
    [semver([{ introduced: '2.0.0' }]), '>=2.0.0'],
    [semver([{ introduced: '0' }, { limit: '2.0.0' }]), 'all versions (limit <2.0.0)'],
  ])('%j reads %j', (range, text) => {
    expect(describeRange(range, 'npm')).toBe(text);
  });

  it('names commits for GIT ranges', () => {
    const git: OsvRange = {
      type: 'GIT',
      repo: 'https://example.invalid/r',
      events: [{ introduced: '0' }, { fixed: 'abcdef0123456789' }],
    };
    expect(describeRange(git)).toBe('git https://example.invalid/r: introduced 0, fixed abcdef012345');
  });
});

describe.skipIf(!hasAdvisories)('evaluateAffected on real OSV records', () => {
  if (!hasAdvisories) explainSkip('real-record OSV evaluation', '../shared/advisories');

  it('evaluates every Go and 2025 AlmaLinux affected entry without throwing, and finds the known cases', async () => {
    const records = [
      ...(await readZipTexts(advisoryPath('osv-go/Go/all.zip'), (n) => n.endsWith('.json'))),
      ...(await readZipTexts(advisoryPath('osv-almalinux/AlmaLinux/all.zip'), (n) =>
        n.includes('/ALSA-2025'),
      )),
    ].map(
      (text) =>
        JSON.parse(text) as { id: string; affected: (OsvAffected & { package: { ecosystem: string } })[] },
    );
    const counts = { affected: 0, 'not-affected': 0, 'cannot-evaluate': 0 };
    for (const record of records) {
      for (const affected of record.affected) {
        for (const version of ['0.0.1', '1.0.0-1.el9', 'v1.2.3'])
          counts[evaluateAffected(affected, version, affected.package.ecosystem).status]++;
      }
    }
    expect(counts.affected).toBeGreaterThan(1000);
    expect(counts['not-affected']).toBeGreaterThan(100);
    const gin = records.find((r) => r.id === 'GO-2020-0001')!.affected[0]!;
    expect(evaluateAffected(gin, 'v1.5.0', 'Go')).toMatchObject({ status: 'affected', fixed: '1.6.0' });
    expect(evaluateAffected(gin, 'v1.6.0', 'Go').status).toBe('not-affected');
    const firefox = records.find((r) => r.id === 'ALSA-2025:10073')!.affected[0]!;
    expect(evaluateAffected(firefox, '128.11.0-1.el10_0', 'AlmaLinux:10')).toMatchObject({
      status: 'affected',
      fixed: '128.12.0-1.el10_0',
    });
    expect(evaluateAffected(firefox, '128.12.0-1.el10_0', 'AlmaLinux:10').status).toBe('not-affected');
  });
});
