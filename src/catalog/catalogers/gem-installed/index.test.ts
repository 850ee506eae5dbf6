import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { gemInstalledCataloger } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const spec = (name: string, version: string) =>
  `# stub: ${name} ${version} ruby lib\nGem::Specification.new do |s|\n  s.name = "${name}".freeze\n  s.version = "${version}"\nend\n`;
const gems = '/usr/local/bundle/specifications';

describe('gem-installed cataloger', () => {
  it('reads installed and default gem specifications; platform gems get the purl qualifier', async () => {
    const run = await catalogDirectory(
      {
        [`${gems}/nokogiri-1.15.4-x86_64-linux.gemspec`]: fixture('nokogiri-1.15.4-x86_64-linux.gemspec'),
        [`${gems}/rake-0.8.7.gemspec`]: fixture('rake-0.8.7.gemspec'),
        '/usr/lib/ruby/gems/3.1.0/specifications/default/cgi-0.3.7.gemspec': spec('cgi', '0.3.7'),
        '/usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec': spec('rack', '2.2.22'),
        [`${gems}/broken-1.0.gemspec`]: 'Gem::Specification.new do |s|\nend\n',
        '/usr/local/bundle/gems/rack-2.2.22/rack.gemspec': spec('rack', '2.2.22'),
      },
      [gemInstalledCataloger],
    );
    expect(summary(run).map((line) => line.split(' L0 ')[0])).toEqual([
      'cgi@0.3.7',
      'nokogiri@1.15.4',
      'rack@2.2.22',
      'rake@0.8.7',
    ]);
    const purls = Object.fromEntries(run.packages.map((p) => [p.name, p.purl]));
    expect(purls).toEqual({
      cgi: 'pkg:gem/cgi@0.3.7',
      nokogiri: 'pkg:gem/nokogiri@1.15.4?platform=x86_64-linux',
      rack: 'pkg:gem/rack@2.2.22',
      rake: 'pkg:gem/rake@0.8.7',
    });
    expect(run.packages.find((p) => p.name === 'cgi')?.metadata).toEqual({ defaultGem: true });
    expect(run.unknowns.map((u) => `${u.cataloger} ${u.path}`)).toEqual([
      `gem-installed ${gems}/broken-1.0.gemspec`,
    ]);
  });

  it('attributes each gem to the layer that installed it', async () => {
    const run = await catalogLayers(
      [
        { [`${gems}/rack-2.2.22.gemspec`]: spec('rack', '2.2.22') },
        {
          [`${gems}/rack-2.2.22.gemspec`]: spec('rack', '2.2.22'),
          [`${gems}/tilt-2.0.11.gemspec`]: spec('tilt', '2.0.11'),
        },
      ],
      [gemInstalledCataloger],
    );
    expect(summary(run)).toEqual([
      `rack@2.2.22 L0 ${gems}/rack-2.2.22.gemspec`,
      `tilt@2.0.11 L1 ${gems}/tilt-2.0.11.gemspec`,
    ]);
  });
});
