import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../core/errors.js';
import { packages, sampleReport } from '../../__fixtures__/reports.js';
import { renderExplanation, whySentence } from './explain.js';

describe('explain', () => {
  it('names the file, layer, matched record, range, fix and the reason', async () => {
    const text = renderExplanation(sampleReport(), 'CVE-2020-8203');
    expect(text).toContain('CVE-2020-8203 in lodash 4.17.15 (npm)');
    expect(text).toContain(
      '/app/node_modules/lodash/package.json, layer 2 (sha256:333333333333) (cataloger npm-installed)',
    );
    expect(text).toMatch(/Added by +layer 2: npm ci/);
    expect(text).toContain('GHSA-p6mc-m468-83gw from feed ghsa');
    expect(text).toMatch(/affected range +>=3.7.0, <4.17.19/);
    expect(text).toContain(
      'lodash 4.17.15 lies in the affected range ">=3.7.0, <4.17.19" of GHSA-p6mc-m468-83gw (ghsa); 4.17.19 fixes it.',
    );
    await expect(text).toMatchFileSnapshot('./__golden__/CVE-2020-8203.txt');
  });

  it('finds a finding by an alias, case-insensitively, suppressed ones included', () => {
    const text = renderExplanation(sampleReport(), 'ghsa-vh95-rmgr-6w4m');
    expect(text).toContain('CVE-2020-7598 in minimist 1.2.0');
    expect(text).toContain(
      'suppressed, VEX not_affected (vulnerable_code_not_in_execute_path: minimist only parses our own fixed argv)',
    );
  });

  it('explains a distro status without a range (will not fix)', () => {
    const text = renderExplanation(sampleReport(), 'CVE-2023-45853');
    expect(text).toMatch(/distro status +ignored for source package zlib in Debian:12 \(bookworm\)/);
    expect(text).toContain(
      'CVE-2023-45853 (debian-tracker) says Debian:12 has status "ignored" for zlib (through its source package zlib), which covers zlib1g 1:1.2.13.dfsg-1; no fixed version is known.',
    );
  });

  it('explains a versions-list match', () => {
    const sentence = whySentence(packages.express, {
      method: 'language-package',
      searchedBy: { ecosystem: 'npm', name: 'express' },
      version: '4.17.1',
      advisoryId: 'GHSA-x',
      feed: 'osv',
      range: 'versions list',
    });
    expect(sentence).toBe(
      'GHSA-x (osv) lists express 4.17.1 among its affected versions; no fixed version is known.',
    );
  });

  it('refuses an id the report does not have, with a hint', () => {
    try {
      renderExplanation(sampleReport(), 'CVE-1999-0001');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('E_INPUT_NOT_FOUND');
    }
  });
});
