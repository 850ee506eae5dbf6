import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { apiHost, familiarName, familiarString, parseReference, referenceString } from './reference.js';

const hex64 = 'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
const d256 = `sha256:${hex64}`;
const d512 = `sha512:${'f'.repeat(128)}`;

// Cases follow the distribution reference library's tables (ParseNormalizedNamed), plus Docker's default tag.
describe('parseReference: normalisation', () => {
  it.each([
    // input, registry, repository, tag, digest
    ['ubuntu', 'docker.io', 'library/ubuntu', 'latest', undefined],
    ['redis:7', 'docker.io', 'library/redis', '7', undefined],
    ['docker.io/library/redis:latest', 'docker.io', 'library/redis', 'latest', undefined],
    ['docker.io/foo', 'docker.io', 'library/foo', 'latest', undefined],
    ['index.docker.io/library/debian', 'docker.io', 'library/debian', 'latest', undefined],
    ['index.docker.io/debian', 'docker.io', 'library/debian', 'latest', undefined],
    ['dmcgowan/myapp', 'docker.io', 'dmcgowan/myapp', 'latest', undefined],
    ['library/foo/bar', 'docker.io', 'library/foo/bar', 'latest', undefined],
    ['store/foo/bar', 'docker.io', 'store/foo/bar', 'latest', undefined],
    ['other/library', 'docker.io', 'other/library', 'latest', undefined],
    ['test_com/foo', 'docker.io', 'test_com/foo', 'latest', undefined],
    ['test.com/foo', 'test.com', 'foo', 'latest', undefined],
    ['test.com:8080/foo', 'test.com:8080', 'foo', 'latest', undefined],
    ['test-com:8080/foo', 'test-com:8080', 'foo', 'latest', undefined],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo', 'latest', undefined],
    ['localhost/app', 'localhost', 'app', 'latest', undefined],
    ['localhost:5000/team/app:1.0', 'localhost:5000', 'team/app', '1.0', undefined],
    ['127.0.0.1:5000/debian', '127.0.0.1:5000', 'debian', 'latest', undefined],
    ['192.168.0.1:8/debian', '192.168.0.1:8', 'debian', 'latest', undefined],
    ['[fc00::1]:5000/docker/docker', '[fc00::1]:5000', 'docker/docker', 'latest', undefined],
    ['[2001:db8::1]/repo:tag', '[2001:db8::1]', 'repo', 'tag', undefined],
    ['[::1]:5000/repo', '[::1]:5000', 'repo', 'latest', undefined],
    // a single component with a dot or port-like suffix is a Docker Hub name and a tag
    ['test.com:5000', 'docker.io', 'library/test.com', '5000', undefined],
    ['192.168.0.1', 'docker.io', 'library/192.168.0.1', 'latest', undefined],
    ['192.168.0.1:80', 'docker.io', 'library/192.168.0.1', '80', undefined],
    ['foo/foo_bar.com:8080', 'docker.io', 'foo/foo_bar.com', '8080', undefined],
    [
      'b.gcr.io/test.example.com/my-app:test.example.com',
      'b.gcr.io',
      'test.example.com/my-app',
      'test.example.com',
      undefined,
    ],
    ['lowercase:Uppercase', 'docker.io', 'library/lowercase', 'Uppercase', undefined],
    // capitals in the first component: Docker takes it as a host name
    ['Foo/bar', 'Foo', 'bar', 'latest', undefined],
    ['docker---rules/docker', 'docker.io', 'docker---rules/docker', 'latest', undefined],
    ['dock__er/docker', 'docker.io', 'dock__er/docker', 'latest', undefined],
    ['d/docker', 'docker.io', 'd/docker', 'latest', undefined],
    [
      `docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a`,
      'docker.io',
      'library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
      'latest',
      undefined,
    ],
    // digests: no default tag when a digest is given; tag and digest may both be given
    [`redis@${d256}`, 'docker.io', 'library/redis', undefined, d256],
    [`busybox:latest@${d256}`, 'docker.io', 'library/busybox', 'latest', d256],
    [`test:5000/repo:tag@${d256}`, 'test:5000', 'repo', 'tag', d256],
    [`xn--7o8h.com/myimage:xn--7o8h.com@${d512}`, 'xn--7o8h.com', 'myimage', 'xn--7o8h.com', d512],
  ])('%s', (input, registry, repository, tag, digest) => {
    const ref = parseReference(input);
    expect(ref).toEqual({
      registry,
      repository,
      original: input,
      ...(tag === undefined ? {} : { tag }),
      ...(digest === undefined ? {} : { digest }),
    });
  });

  it('accepts a repository path of exactly 255 characters and refuses 256', () => {
    const ok = `example.com/${'a/'.repeat(127)}a`;
    expect(parseReference(ok).repository).toHaveLength(255);
    expect(() => parseReference(`example.com/${'a/'.repeat(128)}a`)).toThrow(/longer than 255/);
  });

  it('accepts a 128-character tag and refuses 129', () => {
    expect(parseReference(`app:${'t'.repeat(128)}`).tag).toHaveLength(128);
    expect(() => parseReference(`app:${'t'.repeat(129)}`)).toThrow(/bad tag/);
  });
});

describe('parseReference: errors', () => {
  it.each([
    ['', /empty/],
    [':justtag', /empty/],
    [`@${d256}`, /empty/],
    [hex64, /image ID/],
    ['https://github.com/docker/docker', /bad registry host/],
    ['docker/Docker', /must be lowercase/],
    ['docker.io/docker/Docker', /must be lowercase/],
    ['Uppercase:tag', /must be lowercase/],
    ['test:5000/Uppercase/lowercase:tag', /must be lowercase/],
    ['-docker', /bad repository name/],
    ['-docker/docker', /bad repository name/],
    ['docker-/docker', /bad repository name/],
    ['-docker.io/docker/docker', /bad registry host/],
    ['docker///docker', /bad repository name/],
    ['____/____', /bad repository name/],
    ['_docker/_docker', /bad repository name/],
    // a first component with a dot is a host name, so these fail as hosts
    ['dock..er/docker', /bad registry host/],
    ['dock_.er/docker', /bad registry host/],
    ['dock-.er/docker', /bad registry host/],
    ['dock..er', /bad repository name/],
    ['docker/', /empty/],
    ['aa/asdf$$^/aa', /bad repository name/],
    ['[fc00::1]:5000', /bad repository name/],
    ['fc00::1:5000/debian', /bad registry host/],
    ['[fe80::1%eth0]:5000/debian', /bad registry host/],
    ['app:-tag', /bad tag/],
    ['app:.tag', /bad tag/],
    ['app: tag', /bad tag/],
    ['app@sha256:ffffffffffffffffffffffffffffffffff', /unsupported or malformed digest/],
    [`validname@invaliddigest:${'f'.repeat(64)}`, /unsupported or malformed digest/],
    [`app@sha256:${hex64.toUpperCase()}`, /unsupported or malformed digest/],
    ['app@latest', /not a digest/],
    ['app@', /not a digest/],
    [
      `${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(4)}/docker`,
      /longer than 255/,
    ],
  ])('%s is refused', (input, message) => {
    let error: unknown;
    try {
      parseReference(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('E_REFERENCE_INVALID');
    expect((error as AppError).message).toMatch(message);
    expect((error as AppError).oneLine()).not.toMatch(/\n/);
  });
});

describe('reference helpers', () => {
  it.each([
    ['ubuntu', 'ubuntu', 'docker.io/library/ubuntu:latest'],
    ['fooo/bar', 'fooo/bar', 'docker.io/fooo/bar:latest'],
    ['library/foo/bar', 'library/foo/bar', 'docker.io/library/foo/bar:latest'],
    [
      '127.0.0.1:8000/private/moonbase',
      '127.0.0.1:8000/private/moonbase',
      '127.0.0.1:8000/private/moonbase:latest',
    ],
    ['example.com/privatebase', 'example.com/privatebase', 'example.com/privatebase:latest'],
    [`busybox:latest@${d256}`, 'busybox', `docker.io/library/busybox:latest@${d256}`],
    [`ghcr.io/org/app@${d256}`, 'ghcr.io/org/app', `ghcr.io/org/app@${d256}`],
  ])('%s → familiar %s, canonical %s', (input, familiar, canonical) => {
    const ref = parseReference(input);
    expect(familiarName(ref)).toBe(familiar);
    expect(referenceString(ref)).toBe(canonical);
    // the canonical string parses back to the same reference
    const again = parseReference(referenceString(ref));
    expect({ ...again, original: input }).toEqual(ref);
  });

  it('familiarString keeps the tag and digest', () => {
    expect(familiarString(parseReference(`busybox:latest@${d256}`))).toBe(`busybox:latest@${d256}`);
    expect(familiarString(parseReference('localhost:5000/app:1'))).toBe('localhost:5000/app:1');
  });

  it('apiHost maps Docker Hub names to its API host and leaves others alone', () => {
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
    expect(apiHost('index.docker.io')).toBe('registry-1.docker.io');
    expect(apiHost('localhost:5000')).toBe('localhost:5000');
    expect(apiHost('ghcr.io')).toBe('ghcr.io');
  });
});
