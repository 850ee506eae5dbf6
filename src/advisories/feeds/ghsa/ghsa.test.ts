import { describe, expect, it } from 'vitest';
import { sharedFile } from '../__fixtures__/shared.js';
import { ghsaFeed, ghsaPath } from './feed.js';

describe('GitHub Advisory Database (OSV layout)', () => {
  it('accepts reviewed advisories anywhere under the archive root', () => {
    expect(
      ghsaPath.test(
        'advisory-database-main/advisories/github-reviewed/2024/12/GHSA-v778-237x-gjrc/GHSA-v778-237x-gjrc.json',
      ),
    ).toBe(true);
    expect(ghsaPath.test('advisory-database-main/advisories/unreviewed/2024/12/GHSA-x/GHSA-x.json')).toBe(
      false,
    );
  });

  const samples = sharedFile('format-samples/trivy-db-test-fixtures.zip');
  it.skipIf(!samples)('parses the real GHSA records among the samples', async () => {
    const payload = await ghsaFeed.readLocal([samples!]);
    expect(payload.problems).toEqual([]);
    expect(payload.advisories.length).toBe(10);
    const crypto = payload.advisories.find((a) => a.id === 'GHSA-v778-237x-gjrc');
    expect(crypto).toMatchObject({
      source: 'ghsa',
      aliases: ['CVE-2024-45337'],
      affected: [{ package: { ecosystem: 'Go', name: 'golang.org/x/crypto' } }],
    });
  });
});
