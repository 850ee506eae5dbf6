import { beforeAll, describe, expect, it } from 'vitest';
import { advisoryPath, explainSkip, hasAdvisories } from '../../__fixtures__/differential/corpus.js';
import { readZipTexts } from '../../__fixtures__/differential/zip.js';
import { apkScheme } from './index.js';

/**
 * apk-tools is not packaged for Debian, so there is no tool to run. This table is the differential
 * reference instead: comparisons stated by apk-tools' own test data (test/version.data, apk-tools 2.14/3.x)
 * plus the rules of its version.c, written as `a op b`. The two invalid rows of that data ("1.0bc",
 * "23_foo") are left out: apk only string-sorts them, and we reject them.
 */
const FACTS = `
2.34 > 0.1.0_alpha
0.1.0_alpha2 > 0.1.0_alpha
1.1 > 1.1_alpha1
1.2 < 1.3_alpha
1.3_alpha2 < 1.3_alpha3
0.8_beta1 < 0.8_beta2
3.10.18-r1 > 2.3.0b-r1
2.3.0b-r1 < 2.3.0b-r2
0.12.3 > 0.12
1.2.11 < 1.2.12.1
1.06-r6 < 006
006 > 1.0.0
1.2.2-r1 > 1.2.2
2.59 < 20050718-r1
3.9.8-r5 > 2.01.01_alpha10
1.0 > 0.99.3.20040818
1.39 > 1.00_beta2
0.5.2.7 < 4.2.52_p2-r1
4.2.52_p2-r1 < 4.2.52_p4-r2
4.2.52_p4-r2 > 1.02.07
1.02.07 < 1.02.10-r1
2.18.3-r10 > 1.05-r18
1.05-r18 < 1.05-r19
2.38 < 20050405
2.11-r1 > 2.11
20060720 > 3.0.20060720
1.4.4-r1 < 2.1.9.200602141850
2.5.1-r8 < 2.5.1a-r1
1.3.5-r10 > 1.3.5-r8
20040401 > 2.0.0_rc3-r1
3.0.0-r2 < 021109-r3
0.9.16-r1 < 3.9_pre20060124
1.1.7 < 6b-r7
0.10.0-r1 > 0.10.0
0.10.0 < 0.10.1_rc1
2.0.2 > 1.1a
1.0-r1 > 0.15.1b
0.15.1b-r2 > 0.15.1b
22.7.3-r1 > 22.7
22.7 > 2.1_pre20
2.1_pre20 < 2.1_pre26
2.10.1 > 02.08.01b
3.81 > 1.6d
1.6d > 1.2.07.8
1.2.07.8 < 1.2.12.04
1.07-r1 < 1.07.5
0.1_pre20060810 < 0.1_pre20060817
3.3.17 > 0.59s-r11
4.20 > 0.20070118
0.20070118 < 0.20070207_rc1
0.20070207_rc1 < 1.0
2.3.30-r2 < 3.7_p1
4.5_p1-r1 > 4.5_p1
0.9.8c-r1 < 0.9.8d
2.2.3-r2 < 013
1.7 < 1.7b
1.8.5 < 1.8.5_p2
2.9.11_pre20051101-r3 > 2.9.11_pre20051101
1.6.8_p12-r1 > 1.6.8_p9-r2
0.9.28-r2 < 0.9.28.1
0.9.28.1 < 087-r1
104-r11 > 104-r9
1.2.5_rc2 > 0.1
2.12r-r4 < 2.12r-r5
7.0.17 < 7.0.174
1.3-r0 < 1.3.1-r0
1.3_pre1-r1 < 1.3.2
1.0_p10-r0 > 1.0_p9-r0
0.1.0_alpha_pre2 < 0.1.0_alpha
1.0.0_pre20191002222144-r0 < 1.0.0_pre20210530193627-r0
6.0_pre1 < 6.0
6.0_p1 > 6.0
0.2.0-r1 = 0.2.0-r1
1.0.0 = 1.0.0
1.0_alpha < 1.0_beta
1.0_beta < 1.0_pre
1.0_pre < 1.0_rc
1.0_rc < 1.0
1.0 < 1.0_cvs
1.0_cvs < 1.0_svn
1.0_svn < 1.0_git
1.0_git < 1.0_hg
1.0_hg < 1.0_p
1.0_git20200101 < 1.0_git20200102
1.0-r1 < 1.0~abc
1.0~abc < 1.0~abd
1.0 < 1.0~abc
1.0_git20200101~a1b2c3-r1 > 1.0_git20200101~a1b2c3-r0
`;

const facts = FACTS.trim()
  .split('\n')
  .map((line) => line.split(' ') as [string, '<' | '>' | '=', string]);

const expected = { '<': -1, '=': 0, '>': 1 } as const;

describe('apk scheme against the apk-tools facts', () => {
  it.each(facts)('%s %s %s', (a, op, b) => {
    expect(apkScheme.compare(a, b)).toBe(expected[op]);
    expect(apkScheme.compare(b, a)).toBe(-expected[op] || 0);
  });

  it.each([
    '',
    '1.0bc',
    '23_foo',
    'v1.0',
    '1.0-r',
    '1.0-1',
    '1.0_alpha.1',
    '1.0~',
    '1.0~ABC',
    '1.0-r1-r2',
    '1.0a1',
    '.1',
    '1..0',
    '1.0_',
  ])('rejects %j', (v) => {
    expect(apkScheme.isValid(v)).toBe(false);
    expect(() => apkScheme.compare(v, '1.0')).toThrow(/Alpine/);
  });
});

describe.skipIf(!hasAdvisories)('apk scheme on Alpine secdb versions', () => {
  let versions: string[] = [];
  beforeAll(async () => {
    if (!hasAdvisories) return explainSkip('apk corpus test', '../shared/advisories');
    const texts = await readZipTexts(advisoryPath('alpine-secdb/alpine-secdb-yaml.zip'), (n) =>
      n.endsWith('.yaml'),
    );
    versions = [
      ...new Set(texts.flatMap((t) => [...t.matchAll(/^\s+"?([0-9][^:"\s]*)"?:\s*$/gm)].map((m) => m[1]!))),
    ];
  });

  // A few secfixes keys are typos ("4.8.0.-r1", "2.7.16-33", "6.6.2p1-r0", "10.2.26.r0") that apk-tools'
  // apk_version_validate rejects as well: a `.` before `-r`, a revision without `r`, a digit after a letter.
  it('accepts the fixed versions Alpine published, rejecting only the malformed keys', () => {
    expect(versions.length).toBeGreaterThan(1000);
    const rejected = versions.filter((v) => !apkScheme.isValid(v));
    expect(rejected.length).toBeLessThan(versions.length / 50);
    expect(rejected.filter((v) => !/\.-r|-[0-9]|[a-z][0-9]|\.r/.test(v))).toEqual([]);
  });
});
