import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { rubysecFeed } from './feed.js';
import { parseRubysec } from './parse.js';

const dir = join(fixtures, 'rubysec');
const entry = (name: string) => ({
  name: `ruby-advisory-db-master/${name}`,
  data: readFileSync(join(dir, name)),
});

describe('RubySec advisories', () => {
  const payload = parseRubysec(
    [
      'gems/rack/CVE-2022-44570.yml',
      'gems/RedCloth/CVE-2023-31606.yml',
      'rubies/ruby/CVE-2023-28755.yml',
      'gems/rack/odd.yml',
    ].map(entry),
    'rubysec',
  );
  const byId = new Map(payload.advisories.map((a) => [a.id, a]));

  it('turns patched versions (with ~>) into the affected gaps', () => {
    const rack = byId.get('RUBYSEC-rack-CVE-2022-44570');
    expect(rack).toMatchObject({
      aliases: ['CVE-2022-44570', 'GHSA-65f5-mfpf-vfhj'],
      published: '2023-01-18T00:00:00Z',
      severity: [{ type: 'CVSS_V3', score: '7.5', source: 'rubysec' }],
    });
    expect(rack?.affected[0]?.package).toEqual({ ecosystem: 'RubyGems', name: 'rack', purl: 'pkg:gem/rack' });
    expect(rack?.affected[0]?.ranges?.[0]?.events).toEqual([
      { introduced: '0' },
      { fixed: '2.0.9.2' },
      { introduced: '2.1' },
      { fixed: '2.1.4.2' },
      { introduced: '2.2' },
      { fixed: '2.2.6.2' },
      { introduced: '2.3' },
      { fixed: '3.0.4.1' },
    ]);
  });

  it('counts unaffected versions as safe too', () => {
    expect(byId.get('RUBYSEC-RedCloth-CVE-2023-31606')?.affected[0]?.ranges?.[0]?.events).toEqual([
      { introduced: '4.0.0' },
      { fixed: '4.3.3' },
    ]);
  });

  it('files interpreter advisories under the Ruby ecosystem by engine', () => {
    const ruby = byId.get('RUBYSEC-ruby-CVE-2023-28755');
    expect(ruby?.affected[0]?.package).toEqual({ ecosystem: 'Ruby', name: 'ruby' });
    expect(ruby?.affected[0]?.ranges?.[0]?.events).toEqual([
      { introduced: '0' },
      { fixed: '2.7.8' },
      { introduced: '2.8' },
      { fixed: '3.0.6' },
      { introduced: '3.1' },
      { fixed: '3.1.4' },
      { introduced: '3.2' },
      { fixed: '3.2.2' },
    ]);
  });

  it('keeps a record it cannot turn into ranges, and says so', () => {
    expect(byId.get('RUBYSEC-rack-odd')?.affected[0]?.ranges).toBeUndefined();
    expect(payload.problems).toEqual([
      expect.stringMatching(/odd.yml: requirement not understood: "!= 1.0.0"/),
    ]);
  });

  const real = sharedFile('rubysec/ruby-advisory-db.zip');
  it.skipIf(!real)('parses the real database (1,381 advisories)', async () => {
    const all = await rubysecFeed.readLocal([real!]);
    expect(all.advisories).toHaveLength(1381);
    expect(all.problems).toEqual([]);
    expect(all.advisories.filter((a) => a.affected[0]?.package.ecosystem === 'Ruby')).toHaveLength(147);
  });
});
