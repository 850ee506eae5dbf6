import { describe, expect, it } from 'vitest';
import { compact, dictionaryFor, expand, expansions } from './slice-codec.js';

const ubuntu = (version: string, status = 'fixed') =>
  JSON.stringify({
    a: [
      {
        package: { ecosystem: 'Ubuntu:14.04:LTS', name: 'linux' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: version }] }],
      },
    ],
    s: [
      {
        ecosystem: 'Ubuntu:14.04:LTS',
        release: 'trusty',
        package: 'linux',
        status,
        version,
        urgency: 'medium',
      },
    ],
  });

describe('slice codec', () => {
  it('gives back the exact JSON and shortens a list of look-alike slices', () => {
    const slices = [ubuntu('3.13.0-24.46'), ubuntu('3.13.0-32.57', 'not-affected'), ubuntu('4.4.0-1')];
    const dictionary = dictionaryFor(slices);
    expect(dictionary).toEqual([
      '{"ecosystem":"Ubuntu:14.04:LTS","name":"linux"}',
      '{"ecosystem":"Ubuntu:14.04:LTS","release":"trusty","package":"linux",',
    ]);
    const table = expansions(dictionary);
    for (const slice of slices) {
      const short = compact(slice, dictionary);
      expect(short.length).toBeLessThan(slice.length / 3);
      expect(short).not.toContain('\n');
      expect(expand(short, table)).toBe(slice);
    }
  });

  it('round-trips text that only looks like the fragments, and lists without a shared fragment', () => {
    const odd = [
      JSON.stringify({ a: [{ package: { ecosystem: 'npm', name: '","' } }], s: [] }),
      JSON.stringify({ a: [], note: '"status":"fixed","version":"\u0001 \n ],"s":[ ünïcode 🙂' }),
      '{"a":[{"package":{"ecosystem":"PyPI","name":"x","purl":"pkg:pypi/x"}}]}',
      '{}',
    ];
    const dictionary = dictionaryFor(odd);
    expect(dictionary).toEqual(['', '']);
    const table = expansions(dictionary);
    for (const slice of odd) expect(expand(compact(slice, dictionary), table)).toBe(slice);
    // a dictionary of overlapping fragments is still exact
    const overlapping: [string, string] = ['"name":"x"', '"name":"x","purl"'];
    const slice = odd[2] as string;
    expect(expand(compact(slice, overlapping), expansions(overlapping))).toBe(slice);
  });
});
