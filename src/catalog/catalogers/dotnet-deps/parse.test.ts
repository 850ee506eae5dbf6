import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDepsJson } from './parse-deps-json.js';
import { parsePackagesLock } from './parse-packages-lock.js';

/** Fixtures are hand-written from the documented formats: there is no .NET SDK on this machine. */
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const lines = (result: ReturnType<typeof parseDepsJson>) => {
  if (!result.ok) throw new Error(result.reason);
  return result.packages.map(
    (p) =>
      `${p.name}@${p.version} ${p.metadata?.libraryType ?? p.metadata?.dependencyType} ${p.metadata?.runtimeTarget ?? p.metadata?.framework}`,
  );
};

describe('parseDepsJson', () => {
  it('reports package libraries and leaves projects out', () => {
    expect(lines(parseDepsJson(fixture('webapi.deps.json')))).toEqual([
      'Newtonsoft.Json@13.0.3 package .NETCoreApp,Version=v8.0',
      'Serilog@3.1.1 package .NETCoreApp,Version=v8.0',
    ]);
  });

  it('reports a self-contained app’s runtime pack under the runtime package name', () => {
    expect(lines(parseDepsJson(fixture('selfcontained.deps.json')))).toEqual([
      'Microsoft.NETCore.App.Runtime.linux-x64@8.0.6 runtimepack .NETCoreApp,Version=v8.0/linux-x64',
      'System.Text.Json@8.0.4 package .NETCoreApp,Version=v8.0/linux-x64',
    ]);
  });

  it.each([
    ['not JSON', '{', /invalid JSON/],
    ['no libraries', '{"targets":{}}', /no libraries object/],
    ['an array', '[]', /no libraries object/],
  ])('fails %s', (_, text, reason) => {
    const result = parseDepsJson(text);
    expect(result.ok === false && result.reason).toMatch(reason);
  });

  it('skips keys without a version and wrong value types', () => {
    const text = JSON.stringify({
      libraries: {
        NoVersion: { type: 'package' },
        'Trailing/': { type: 'package' },
        'A/1.0': 'x',
        'B/2.0': { type: 'package' },
      },
    });
    expect(lines(parseDepsJson(text))).toEqual(['B@2.0 package undefined']);
  });
});

describe('parsePackagesLock', () => {
  it('reports resolved packages of every framework, projects left out', () => {
    expect(lines(parsePackagesLock(fixture('packages.lock.json')))).toEqual([
      'Newtonsoft.Json@13.0.3 Direct net8.0',
      'Microsoft.Extensions.Logging.Abstractions@8.0.1 Transitive net8.0',
      'System.Text.Json@8.0.4 CentralTransitive net8.0',
      'Newtonsoft.Json@13.0.3 Direct net8.0/linux-x64',
      'Newtonsoft.Json@12.0.3 Direct net6.0',
    ]);
  });

  it.each([
    ['not JSON', 'nope', /invalid JSON/],
    ['no dependencies', '{"version":1}', /no dependencies object/],
  ])('fails %s', (_, text, reason) => {
    const result = parsePackagesLock(text);
    expect(result.ok === false && result.reason).toMatch(reason);
  });
});
