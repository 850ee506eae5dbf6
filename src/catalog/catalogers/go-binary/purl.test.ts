import { describe, expect, it } from 'vitest';
import { goPurl, goToolchainVersion } from './purl.js';

describe('goToolchainVersion', () => {
  it.each([
    ['go1.22.1', 'v1.22.1'],
    ['go1.21.0', 'v1.21.0'],
    ['go1.21', 'v1.21.0'],
    ['go1.21rc2', 'v1.21.0-rc.2'],
    ['go1.19beta1', 'v1.19.0-beta.1'],
    ['go1.22.1 X:boringcrypto', 'v1.22.1'],
    ['go1', 'v1.0.0'],
    ['devel go1.23-abcdef Tue Jan 2', undefined],
    ['', undefined],
    ['gccgo', undefined],
  ])('%s → %s', (go, semver) => {
    expect(goToolchainVersion(go)).toBe(semver);
  });
});

describe('goPurl', () => {
  it.each([
    ['golang.org/x/mod', 'v0.7.0', 'pkg:golang/golang.org/x/mod@v0.7.0'],
    [
      'github.com/Azure/go-autorest',
      'v14.2.0+incompatible',
      'pkg:golang/github.com/Azure/go-autorest@v14.2.0+incompatible',
    ],
    ['stdlib', 'v1.22.1', 'pkg:golang/stdlib@v1.22.1'],
    ['example.invalid/tool', '(devel)', 'pkg:golang/example.invalid/tool'],
    ['gopkg.in/yaml.v3', 'v3.0.1', 'pkg:golang/gopkg.in/yaml.v3@v3.0.1'],
  ])('%s@%s', (path, version, purl) => {
    expect(goPurl(path, version)).toBe(purl);
  });
});
