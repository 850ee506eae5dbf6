import { describe, expect, it } from 'vitest';
import { debianEcosystem, ecosystemKey, osvEcosystem, packageKey, ubuntuEcosystem } from './ecosystems.js';

describe('ecosystem names', () => {
  it('maps purl types and spellings to OSV names and index keys', () => {
    expect(osvEcosystem('pypi')).toBe('PyPI');
    expect(osvEcosystem('cargo')).toBe('crates.io');
    expect(osvEcosystem('Debian:12')).toBe('Debian:12');
    expect(ecosystemKey('Ubuntu:22.04:LTS')).toBe('ubuntu:22.04');
    expect(ecosystemKey('golang')).toBe('go');
  });

  it('normalises PyPI names per PEP 503 and others by case', () => {
    expect(packageKey('PyPI', 'Zope.Interface__x')).toBe('zope-interface-x');
    expect(packageKey('npm', 'Foo_Bar')).toBe('foo_bar');
  });

  it('names distro releases as OSV does', () => {
    expect(debianEcosystem('bookworm')).toBe('Debian:12');
    expect(debianEcosystem('sarge')).toBe('Debian:3.1');
    expect(debianEcosystem('sid')).toBe('Debian:unstable');
    expect(ubuntuEcosystem('focal')).toBe('Ubuntu:20.04:LTS');
    expect(ubuntuEcosystem('dapper')).toBe('Ubuntu:6.06:LTS');
    expect(ubuntuEcosystem('groovy')).toBe('Ubuntu:20.10');
    expect(ubuntuEcosystem('trusty/esm')).toBe('Ubuntu:Pro:14.04:LTS');
    expect(ubuntuEcosystem('esm-infra/xenial')).toBe('Ubuntu:Pro:16.04:LTS');
    expect(ubuntuEcosystem('vivid/ubuntu-core')).toBeUndefined();
    expect(ubuntuEcosystem('upstream')).toBeUndefined();
  });
});
