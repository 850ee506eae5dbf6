import { describe, expect, it } from 'vitest';
import { debianVersions } from '../../__fixtures__/differential/corpus.js';
import { samplePairs } from '../../__fixtures__/differential/pairs.js';
import { dpkgConfirms, hasCommand } from '../../__fixtures__/differential/references.js';
import { dpkgScheme } from './index.js';

const haveDpkg = hasCommand('dpkg');

describe.skipIf(!haveDpkg)('dpkg scheme against dpkg --compare-versions', () => {
  it('agrees on 2,000 pairs of versions from the apt lists', async () => {
    const versions = debianVersions().filter((v) => dpkgScheme.isValid(v));
    expect(versions.length).toBeGreaterThan(500);
    const pairs = samplePairs(versions, 2000, 4);
    const claims = pairs.map(([a, b]) => {
      const order = dpkgScheme.compare(a, b);
      return [a, order < 0 ? 'lt' : order > 0 ? 'gt' : 'eq', b] as const;
    });
    const confirmed = await dpkgConfirms(claims);
    const disagreements = claims.filter((_, i) => !confirmed[i]).map((c) => c.join(' '));
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(confirmed.length).toBe(2000);
  });

  it('agrees on hand-picked edge cases', async () => {
    const versions = [
      '1.0~rc1',
      '1.0~~',
      '1.0~',
      '1.0',
      '1.0-0',
      '1.0+b1',
      '1.0.0',
      '1.0a',
      '1.0-1~bpo1',
      '1:0.1',
      '0:1.0',
      '1.0-1.1',
      '2.30-r1',
      '1.0~rc1+dfsg-2',
      '1.02',
      '1.2',
    ];
    const pairs = versions.flatMap((a) => versions.map((b) => [a, b] as const));
    const claims = pairs.map(([a, b]) => {
      const order = dpkgScheme.compare(a, b);
      return [a, order < 0 ? 'lt' : order > 0 ? 'gt' : 'eq', b] as const;
    });
    const confirmed = await dpkgConfirms(claims);
    expect(claims.filter((_, i) => !confirmed[i]).map((c) => c.join(' '))).toEqual([]);
  });
});
