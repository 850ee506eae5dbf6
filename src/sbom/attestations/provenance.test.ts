import { describe, expect, it } from 'vitest';
import { baseImagesOf, imageOfDependency } from './provenance.js';

const hex = (c: string) => c.repeat(64);

describe('base images from provenance', () => {
  it.each([
    ['pkg:docker/debian@bookworm?platform=linux%2Famd64', hex('a'), `debian:bookworm@sha256:${hex('a')}`],
    ['pkg:docker/library/node@20-slim', undefined, 'node:20-slim'],
    ['pkg:docker/org/app@1.2?repository_url=ghcr.io', hex('b'), `ghcr.io/org/app:1.2@sha256:${hex('b')}`],
    [`pkg:docker/alpine@sha256%3A${hex('c')}`, undefined, `alpine@sha256:${hex('c')}`],
    ['pkg:docker/localhost%3A5000/base@1', undefined, 'localhost:5000/base:1'],
    ['pkg:npm/left-pad@1.3.0', hex('d'), undefined],
    ['https://example.invalid/source.tar.gz', hex('e'), undefined],
    ['pkg:docker/Not_An_Image@x', undefined, undefined],
  ])('%s → %s', (uri, sha, expected) => {
    expect(imageOfDependency({ uri, ...(sha ? { digest: { sha256: sha } } : {}) })).toBe(expected);
  });

  it('reads SLSA v0.2 materials, leaving the Dockerfile frontend out', () => {
    const predicate = {
      buildType: 'https://mobyproject.org/buildkit@v1',
      materials: [
        { uri: 'pkg:docker/docker/dockerfile@1.7?platform=linux%2Famd64', digest: { sha256: hex('1') } },
        { uri: 'pkg:docker/example/frontend@2', digest: { sha256: hex('2') } },
        { uri: 'pkg:docker/debian@bookworm?platform=linux%2Famd64', digest: { sha256: hex('3') } },
        { uri: 'pkg:docker/debian@bookworm?platform=linux%2Famd64', digest: { sha256: hex('3') } },
      ],
      invocation: { parameters: { frontend: 'gateway.v0', args: { source: 'example/frontend:2' } } },
    };
    expect(baseImagesOf(predicate)).toEqual([`debian:bookworm@sha256:${hex('3')}`]);
  });

  it('reads SLSA v1 resolvedDependencies', () => {
    const predicate = {
      buildDefinition: {
        externalParameters: { request: { args: { source: 'docker/dockerfile:1' } } },
        resolvedDependencies: [
          { uri: 'pkg:docker/docker/dockerfile@1', digest: { sha256: hex('4') } },
          { uri: 'pkg:docker/library/node@20?platform=linux%2Famd64', digest: { sha256: hex('5') } },
          { uri: 'pkg:docker/golang@1.22', digest: { sha256: hex('6') } },
        ],
      },
    };
    expect(baseImagesOf(predicate)).toEqual([`golang:1.22@sha256:${hex('6')}`, `node:20@sha256:${hex('5')}`]);
  });

  it('never throws on shapes it does not know', () => {
    for (const bad of [null, 'x', 42, [], { materials: 'no' }, { materials: [null, 1, { uri: 3 }] }])
      expect(baseImagesOf(bad)).toEqual([]);
  });
});
