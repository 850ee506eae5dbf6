import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { kevFeed } from './feed.js';
import { parseKev } from './parse.js';

describe('CISA KEV', () => {
  it('reads dates, due dates and ransomware use; reports bad entries', async () => {
    const payload = await kevFeed.readLocal([join(fixtures, 'kev', 'known_exploited_vulnerabilities.json')]);
    expect(payload.kev).toEqual([
      {
        cve: 'CVE-2021-44228',
        dateAdded: '2021-12-10',
        dueDate: '2021-12-24',
        ransomwareUse: 'Known',
        vendor: 'Apache',
        product: 'Log4j2',
        name: 'Apache Log4j2 Remote Code Execution Vulnerability',
      },
      { cve: 'CVE-2014-0160', dateAdded: '2022-05-04', dueDate: '2022-05-25', ransomwareUse: 'Unknown' },
    ]);
    expect(payload.problems).toEqual([expect.stringMatching(/^vulnerabilities\[1\]/)]);
  });

  it('never throws on garbage', () => {
    expect(parseKev('{').problems[0]).toMatch(/not JSON/);
    expect(parseKev('{"x":1}').problems[0]).toMatch(/not a KEV catalog/);
  });

  const real = sharedFile('cisa-kev/known_exploited_vulnerabilities.json');
  it.skipIf(!real)('parses the real catalog (1,404 entries)', async () => {
    const payload = await kevFeed.readLocal([real!]);
    expect(payload.problems).toEqual([]);
    expect(payload.kev).toHaveLength(1404);
    expect(payload.kev?.find((k) => k.cve === 'CVE-2021-44228')).toMatchObject({ dateAdded: '2021-12-10' });
  });
});
