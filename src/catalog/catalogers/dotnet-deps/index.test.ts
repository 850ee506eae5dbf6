import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogLayers } from '../lang-common/__fixtures__/trees.js';
import { dotnetDepsCataloger } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('dotnet-deps cataloger', () => {
  it('reads deps.json and packages.lock.json, once per name@version per file, with introducing layers', async () => {
    const result = await catalogLayers(
      [
        {
          '/app/WebApi.deps.json': fixture('webapi.deps.json'),
          '/src/WebApi/packages.lock.json': fixture('packages.lock.json'),
        },
        {
          '/opt/worker/Worker.deps.json': fixture('selfcontained.deps.json'),
          '/app/broken.deps.json': '{"libraries": ',
        },
      ],
      [dotnetDepsCataloger],
    );
    expect(
      result.packages.map((p) => `${p.purl} ${p.locations[0]!.path} introduced:${p.layer}`).sort(),
    ).toEqual([
      'pkg:nuget/Microsoft.Extensions.Logging.Abstractions@8.0.1 /src/WebApi/packages.lock.json introduced:0',
      'pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@8.0.6 /opt/worker/Worker.deps.json introduced:1',
      'pkg:nuget/Newtonsoft.Json@12.0.3 /src/WebApi/packages.lock.json introduced:0',
      'pkg:nuget/Newtonsoft.Json@13.0.3 /app/WebApi.deps.json introduced:0',
      'pkg:nuget/Newtonsoft.Json@13.0.3 /src/WebApi/packages.lock.json introduced:0',
      'pkg:nuget/Serilog@3.1.1 /app/WebApi.deps.json introduced:0',
      'pkg:nuget/System.Text.Json@8.0.4 /opt/worker/Worker.deps.json introduced:1',
      'pkg:nuget/System.Text.Json@8.0.4 /src/WebApi/packages.lock.json introduced:0',
    ]);
    expect(result.unknowns.map((u) => u.path)).toEqual(['/app/broken.deps.json']);
    expect(result.packages.every((p) => p.type === 'nuget' && p.foundBy === 'dotnet-deps')).toBe(true);
  });
});
