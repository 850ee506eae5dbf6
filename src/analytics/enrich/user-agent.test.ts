import { describe, expect, it } from 'vitest';
import { inferUseCase } from './use-case.js';
import { parseUserAgent, tokenize } from './user-agent.js';

// Real user agents of container clients, as registries logged them (see the analytics research notes).
const table: [ua: string, tool: string, version: string | null, useCase: string][] = [
  [
    'docker/20.10.4 go/go1.16.3 git-commit/363e9a88a11be517d9e8c65c998ff56f774eb4dc kernel/5.10.35 os/linux arch/amd64 UpstreamClient(Go-http-client/1.1)',
    'docker',
    '20.10.4',
    'Local Dev',
  ],
  [
    'docker/24.0.7 go/go1.20.10 git-commit/311b9ff kernel/6.1.0 os/linux arch/amd64 UpstreamClient(Docker-Client/24.0.7 \\(linux\\))',
    'docker',
    '24.0.7',
    'Local Dev',
  ],
  [
    'docker/dev go/go1.20.4 git-commit/8d67d0c1a8 kernel/5.15.49-linuxkit-pr os/linux arch/arm64 UpstreamClient(Docker-Client/24.0.2 \\(linux\\))',
    'docker-desktop',
    '24.0.2',
    'Local Dev',
  ],
  [
    'docker/24.0.6 go/go1.20.7 git-commit/1a79695 kernel/5.15.133.1-microsoft-standard-WSL2 os/linux arch/amd64 UpstreamClient(Docker-Client/24.0.6 \\(windows\\))',
    'docker-desktop',
    '24.0.6',
    'Local Dev',
  ],
  ['containerd/v1.5.2', 'containerd', '1.5.2', 'CI/CD'],
  ['containerd/1.6.21+unknown', 'containerd', '1.6.21', 'CI/CD'],
  ['buildkit/v0.11 moby/v24.0', 'buildkit', '0.11', 'CI/CD'],
  ['buildkit/v0.0-dev', 'buildkit', '0.0-dev', 'CI/CD'],
  ['cri-o/1.28.1 go/go1.20.10 os/linux arch/amd64', 'cri-o', '1.28.1', 'Prod'],
  ['containers/5.28.1-dev (github.com/containers/image)', 'podman', '5.28.1-dev', 'Local Dev'],
  ['libpod/1.5.1', 'podman', '1.5.1', 'Local Dev'],
  ['skopeo/1.14.2', 'skopeo', '1.14.2', 'CI/CD'],
  ['crane/v0.1.4 go-containerregistry/v0.1.4', 'crane', '0.1.4', 'CI/CD'],
  ['go-containerregistry/v0.19.0', 'go-containerregistry', '0.19.0', 'CI/CD'],
  ['regclient/regclient', 'regclient', null, 'CI/CD'],
  ['RenovateBot/37.440.7 (https://github.com/renovatebot/renovate)', 'renovate', '37.440.7', 'CI/CD'],
  ['diun/2.0.0 go/1.14.2 Linux', 'diun', '2.0.0', 'CI/CD'],
  ['harbor-registry-client', 'harbor', null, 'CI/CD'],
  ['Go-http-client/1.1', 'go-http-client', '1.1', 'Unknown'],
  ['curl/8.15.0', 'curl', '8.15.0', 'Unknown'],
  ['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'node-fetch', '1.0', 'Unknown'],
  ['', 'unknown', null, 'Unknown'],
  ['(only a comment)', 'unknown', null, 'Unknown'],
  ['<script>/1', 'unknown', null, 'Unknown'],
];

describe('parseUserAgent', () => {
  it.each(table)('%s', (ua, tool, version, useCase) => {
    expect(parseUserAgent(ua)).toEqual({ tool, version, useCase });
  });

  it('reads moby escaped comments as one comment', () => {
    const { products, comments } = tokenize('docker/1 UpstreamClient(Docker-Client/24.0.7 \\(darwin\\)) x/2');
    expect(products.map((p) => p.name)).toEqual(['docker', 'UpstreamClient', 'x']);
    expect(comments).toEqual(['Docker-Client/24.0.7 \\(darwin\\)']);
  });

  it('a macOS CLI upstream means Docker Desktop', () => {
    const ua =
      'docker/25.0.3 go/go1.21.6 kernel/6.6.12 os/linux arch/arm64 UpstreamClient(Docker-Client/25.0.3 \\(darwin\\))';
    expect(parseUserAgent(ua).tool).toBe('docker-desktop');
  });

  it('never throws on hostile input', () => {
    for (const ua of ['((((', ')))', '\\', '/', 'a/b/c', '\u0000/\u0000', 'x'.repeat(100_000)]) {
      expect(() => parseUserAgent(ua)).not.toThrow();
    }
  });
});

describe('inferUseCase: the cloud rule', () => {
  it.each([
    ['Local Dev', 'no csp', 'Local Dev'],
    ['Local Dev', 'aws', 'CI/CD'],
    ['CI/CD', 'no csp', 'CI/CD'],
    ['CI/CD', 'azure', 'Prod'],
    ['Prod', 'gcp', 'Prod'],
    ['Unknown', 'aws', 'Unknown'],
  ] as const)('%s on %s → %s', (base, csp, expected) => {
    expect(inferUseCase(base, csp)).toBe(expected);
  });
});
