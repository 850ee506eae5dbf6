import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { pythonInstalledCataloger } from './index.js';

const meta = (name: string, version: string, extra = '') =>
  `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n${extra}\n`;
const site = '/usr/local/lib/python3.11/site-packages';
const dist = '/usr/lib/python3/dist-packages';

describe('python-installed cataloger', () => {
  it('reads dist-info, egg-info directories and files, eggs; counts files; reports broken metadata', async () => {
    const run = await catalogDirectory(
      {
        [`${site}/Charset_Normalizer-3.0.1.dist-info/METADATA`]: meta(
          'Charset_Normalizer',
          '3.0.1',
          'License: MIT',
        ),
        [`${site}/Charset_Normalizer-3.0.1.dist-info/RECORD`]: 'a.py,sha256=x,1\nb.py,,\n\n',
        [`${dist}/zope.interface-5.5.2.egg-info/PKG-INFO`]: meta('zope.interface', '5.5.2'),
        [`${dist}/zope.interface-5.5.2.egg-info/installed-files.txt`]: '../zope/interface/__init__.py\n',
        [`${dist}/distro_info-1.5.egg-info`]: meta('distro-info', '1.5'),
        '/opt/venv/lib/python3.11/site-packages/old-0.1-py3.11.egg/EGG-INFO/PKG-INFO': meta('old', '0.1'),
        [`${site}/broken-1.0.dist-info/METADATA`]: 'Summary: no name here\n',
        [`${site}/not-metadata.txt`]: meta('nope', '1'),
      },
      [pythonInstalledCataloger],
    );
    expect(summary(run)).toEqual([
      `Charset_Normalizer@3.0.1 L0 ${site}/Charset_Normalizer-3.0.1.dist-info/METADATA`,
      `distro-info@1.5 L0 ${dist}/distro_info-1.5.egg-info`,
      'old@0.1 L0 /opt/venv/lib/python3.11/site-packages/old-0.1-py3.11.egg/EGG-INFO/PKG-INFO',
      `zope.interface@5.5.2 L0 ${dist}/zope.interface-5.5.2.egg-info/PKG-INFO`,
    ]);
    const charset = run.packages.find((p) => p.name === 'Charset_Normalizer')!;
    expect(charset).toMatchObject({
      purl: 'pkg:pypi/charset-normalizer@3.0.1',
      type: 'pypi',
      licenses: ['MIT'],
      foundBy: 'python-installed',
      metadata: { files: 2 },
    });
    expect(charset.locations.map((l) => l.path)).toEqual([
      `${site}/Charset_Normalizer-3.0.1.dist-info/METADATA`,
      `${site}/Charset_Normalizer-3.0.1.dist-info/RECORD`,
    ]);
    expect(run.packages.find((p) => p.name === 'zope.interface')).toMatchObject({
      purl: 'pkg:pypi/zope-interface@5.5.2',
      metadata: { files: 1 },
    });
    expect(run.unknowns.map((u) => u.path)).toEqual([`${site}/broken-1.0.dist-info/METADATA`]);
  });

  it('attributes a distribution to the layer that installed its version', async () => {
    const path = `${site}/six-1.16.0.dist-info/METADATA`;
    const run = await catalogLayers(
      [
        { [path]: meta('six', '1.16.0'), [`${site}/idna-3.3.dist-info/METADATA`]: meta('idna', '3.3') },
        { [path]: meta('six', '1.16.0'), [`${site}/idna-3.4.dist-info/METADATA`]: meta('idna', '3.4') },
      ],
      [pythonInstalledCataloger],
    );
    expect(summary(run)).toEqual([
      `idna@3.3 L0 ${site}/idna-3.3.dist-info/METADATA`,
      `idna@3.4 L1 ${site}/idna-3.4.dist-info/METADATA`,
      `six@1.16.0 L0 ${path}`,
    ]);
  });
});
