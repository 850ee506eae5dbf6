import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EpssEntry } from '../../model.js';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { readEpssFiles } from './feed.js';
import { parseEpss } from './parse.js';

describe('EPSS', () => {
  it('reads the official CSV with its model and date line', async () => {
    const payload = await readEpssFiles([join(fixtures, 'epss', 'epss_scores-2025-02-20.csv')]);
    expect(payload.epss?.[0]).toEqual({
      cve: 'CVE-2021-44228',
      score: 0.94358,
      percentile: 0.99957,
      date: '2025-02-20',
      model: 'v2025.03.14',
    });
    expect(payload.epss).toHaveLength(3);
    expect(payload.problems).toEqual([expect.stringMatching(/:6: not a/)]);
  });

  it('reads the headerless semicolon layout', () => {
    const out: EpssEntry[] = [];
    parseEpss('CVE-2024-9999;0.004130000;0.343950000\n\nrubbish\n', out);
    expect(out).toEqual([{ cve: 'CVE-2024-9999', score: 0.00413, percentile: 0.34395 }]);
  });

  const real = sharedFile('epss/epss-by-year.tar.xz');
  it.skipIf(!real)('parses the real per-year set (360,142 rows)', async () => {
    const payload = await readEpssFiles([real!]);
    expect(payload.problems).toEqual([]);
    expect(payload.epss).toHaveLength(360_142);
  });
});
