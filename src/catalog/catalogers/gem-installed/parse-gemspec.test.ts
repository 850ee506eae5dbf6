import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGemspec } from './parse-gemspec.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseGemspec', () => {
  it('reads the generated form: frozen literals, platform, licences, authors; ignores dependencies', () => {
    expect(parseGemspec(fixture('nokogiri-1.15.4-x86_64-linux.gemspec'))).toEqual({
      ok: true,
      packages: [
        {
          name: 'nokogiri',
          version: '1.15.4',
          licenses: ['MIT'],
          metadata: {
            platform: 'x86_64-linux',
            authors: ['Mike Dalessio', 'Aaron Patterson'],
            homepage: 'https://nokogiri.org',
          },
        },
      ],
    });
  });

  it('reads the old %q{} form and the singular licence', () => {
    const result = parseGemspec(fixture('rake-0.8.7.gemspec'));
    expect(result.ok && result.packages[0]).toMatchObject({
      name: 'rake',
      version: '0.8.7',
      licenses: ['MIT'],
    });
  });

  it.each([
    ['stub header only', '# stub: tiny 0.1.0 ruby lib\n', { name: 'tiny', version: '0.1.0' }],
    [
      'spec receiver',
      'Gem::Specification.new do |spec|\n  spec.name = "x"\n  spec.version = "2.0"\nend\n',
      { name: 'x', version: '2.0' },
    ],
    [
      'single quotes and Gem::Version',
      "s.name = 'y'\ns.version = Gem::Version.new('3.1')\n",
      { name: 'y', version: '3.1' },
    ],
    ['first assignment wins', 's.name = "a"\ns.version = "1"\ns.name = "b"\n', { name: 'a', version: '1' }],
  ])('%s', (_case, text, expected) => {
    const result = parseGemspec(text);
    expect(result.ok && result.packages[0]).toMatchObject(expected);
  });

  it.each([
    ['computed version', 's.name = "z"\ns.version = Z::VERSION\n'],
    ['empty', ''],
    ['YAML (a .gem metadata file, not a gemspec)', '--- !ruby/object:Gem::Specification\nname: x\n'],
  ])('reports %s', (_case, text) => {
    expect(parseGemspec(text).ok).toBe(false);
  });
});
