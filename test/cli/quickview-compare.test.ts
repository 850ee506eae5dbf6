import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/report/compare.js';
import type { Sbom } from '../../src/sbom/types.js';
import { cli, type ScanEnv, setUpScanEnv } from './scan-support.js';

let t: ScanEnv;
/** The fixture image's SBOM one "release" later: lodash upgraded to 4.17.21, express removed. */
let nextRelease = '';
beforeAll(async () => {
  t = await setUpScanEnv();
  const file = join(t.dir, 'image.sbom.json');
  const sbom = await cli(['sbom', t.input, '--format', 'json', '-o', file], t.env);
  if (sbom.code !== 0) throw new Error(sbom.stderr);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Sbom;
  parsed.packages = parsed.packages
    .filter((p) => p.name !== 'express')
    .map((p) =>
      p.name === 'lodash'
        ? { ...p, version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21', id: `${p.id}-next` }
        : p,
    );
  nextRelease = `sbom://${join(t.dir, 'next.sbom.json')}`;
  writeFileSync(join(t.dir, 'next.sbom.json'), JSON.stringify(parsed));
});
afterAll(() => t?.dispose());

describe('crowsnest quickview', () => {
  it('prints the image row on stdout, progress and the next step on stderr', async () => {
    const run = await cli(['quickview', t.input, '--db', t.db], t.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('\n  Your image  demo/app:1.0  │     0C     2H     1M     1L     1?\n');
    expect(run.stderr).toMatch(/✓ (Indexed |SBOM of image already cached, )139 packages/);
    expect(run.stderr).toContain(`View vulnerabilities → crowsnest cves ${t.input}`);
  });
});

describe('crowsnest compare', () => {
  const compare = (...args: string[]) => cli(['compare', ...args, '--db', t.db], t.env);

  it('an image compared with itself has no changes and passes every --exit-on', async () => {
    const run = await compare(
      t.input,
      '--to',
      t.input,
      '--format',
      'json',
      '--exit-on',
      'vulnerability,package',
    );
    expect(run.code).toBe(0);
    const c = JSON.parse(run.stdout) as Comparison;
    expect(c.packages).toMatchObject({ added: [], removed: [], changed: [], unchanged: 139 });
    expect(c.vulnerabilities).toMatchObject({ introduced: [], fixed: [], unchanged: 5 });
  });

  it('the next release fixes lodash and express: package changes, no new vulnerability', async () => {
    const run = await compare(nextRelease, '--to', t.input, '--format', 'json');
    const c = JSON.parse(run.stdout) as Comparison;
    expect(c.packages.changed).toEqual([{ type: 'npm', name: 'lodash', from: '4.17.15', to: '4.17.21' }]);
    expect(c.packages.removed.map((p) => p.name)).toEqual(['express']);
    expect(c.vulnerabilities.fixed.map((v) => v.id)).toEqual([
      'CVE-2020-8203',
      'CVE-2021-23337',
      'CVE-2024-29041',
    ]);
    expect(c.vulnerabilities.introduced).toEqual([]);
    expect((await compare(nextRelease, '--to', t.input, '--exit-on', 'vulnerability')).code).toBe(0);
    expect((await compare(nextRelease, '--to', t.input, '--exit-on', 'package')).code).toBe(2);
  });

  it('going back introduces them: --exit-on vulnerability exits 2; text and markdown say so', async () => {
    const run = await compare(t.input, '--to', nextRelease, '--exit-on', 'vulnerability');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('## Vulnerabilities: 3 introduced, 0 fixed, 2 unchanged');
    expect(run.stdout).toMatch(/\+ HIGH 7\.4 +CVE-2020-8203 +lodash 4\.17\.15/);
    const markdown = await compare(t.input, '--to', nextRelease, '--format', 'markdown');
    expect(markdown.stdout).toContain('#### Introduced vulnerabilities (3)');
    expect(markdown.stdout).toContain('| changed | npm | lodash | 4.17.21 | 4.17.15 |');
  });

  it('refuses an unknown --exit-on condition', async () => {
    const run = await compare(t.input, '--to', t.input, '--exit-on', 'policy');
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('unknown --exit-on condition policy');
  });
});
