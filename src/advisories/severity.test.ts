import { describe, expect, it } from 'vitest';
import type { Advisory } from './model.js';
import { highestSeverity, ratingOf, ratingOfWord, scoreVector, withShownSeverity } from './severity.js';

describe('scoreVector', () => {
  // base scores as published by NVD / FIRST for these vectors
  it.each([
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5, '2.0'],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.1, '3.0'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, '3.1'],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:H', 6.6, '3.1'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3, '4.0'],
  ])('%s scores %s', (vector, score, version) => {
    expect(scoreVector(vector)).toEqual({ score, version, vector });
  });

  it.each(['garbage', '', 'CVSS:3.1/AV:N', 'AV:L/AC:M/Au:N/C:P/I:N'])('rejects incomplete %j', (vector) => {
    expect(scoreVector(vector)).toBeUndefined();
  });
});

describe('ratings', () => {
  it('uses the v3 bands, and no critical in v2', () => {
    expect(ratingOf(9.8, '3.1')).toBe('critical');
    expect(ratingOf(9.8, '2.0')).toBe('high');
    expect(ratingOf(4, '3.1')).toBe('medium');
    expect(ratingOf(0, '3.1')).toBe('none');
  });

  it('reads distro words', () => {
    expect(ratingOfWord('high**')).toBe('high');
    expect(ratingOfWord('Important')).toBe('high');
    expect(ratingOfWord('negligible')).toBe('low');
    expect(ratingOfWord('not yet assigned')).toBe('unknown');
  });
});

describe('highestSeverity', () => {
  const base: Advisory = { id: 'X-1', modified: '', aliases: [], affected: [], source: 'test' };

  it('picks the highest score of all sources and names it', () => {
    const a: Advisory = {
      ...base,
      severity: [
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:H' },
        { type: 'Ubuntu', score: 'critical', source: 'ubuntu' },
      ],
    };
    const b: Advisory = {
      ...base,
      id: 'X-2',
      source: 'osv-go',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', source: 'nvd' }],
    };
    expect(highestSeverity([a, b])).toMatchObject({ score: 9.8, rating: 'critical', source: 'nvd' });
    expect(highestSeverity([a])).toMatchObject({ score: 6.6, source: 'test' });
  });

  it('falls back to a word rating, and accepts bare scores', () => {
    const words = withShownSeverity({ ...base, severity: [{ type: 'Ubuntu', score: 'medium' }] });
    expect(words.shown_severity).toEqual({ rating: 'medium', type: 'Ubuntu', source: 'test' });
    const bare = withShownSeverity({
      ...base,
      severity: [{ type: 'CVSS_V3', score: '7.5', source: 'rubysec' }],
    });
    expect(bare.shown_severity).toMatchObject({ score: 7.5, rating: 'high', source: 'rubysec' });
    expect(
      withShownSeverity({ ...base, severity: [{ type: 'CVSS_V3', score: 'x' }] }).shown_severity,
    ).toBeUndefined();
  });
});
