import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { compareVersions } from './compare.js';

describe('compareVersions', () => {
  it.each([
    ['Debian:12', '1.0~rc1-1', '1.0-1', -1],
    ['deb', '1:1.0', '2.0', 1],
    ['AlmaLinux:9', '128.12.0-1.el10_0', '128.11.0-1.el10_0', 1],
    ['Alpine:v3.18', '1.2.3-r1', '1.2.3-r0', 1],
    ['PyPI', '1.0', '1.0.0', 0],
    ['npm', '1.0.0-rc.1', '1.0.0', -1],
    ['Go', '1.6.0', 'v1.6.0', 0],
    ['Maven', '1.0-SNAPSHOT', '1.0', -1],
    ['RubyGems', '1.0.0.pre', '1.0.0', -1],
    ['NuGet', '1.0.0.1', '1.0.0', 1],
    ['Packagist', 'v1.0.0-beta1', '1.0.0', -1],
    ['Arch Linux', '1.0a-1', '1.0-1', -1],
  ])('%s: %s vs %s is %i', (ecosystem, a, b, expected) => {
    expect(compareVersions(ecosystem, a, b)).toBe(expected);
  });

  it('throws E_SCHEME_UNKNOWN for an ecosystem without a scheme', () => {
    expect(() => compareVersions('Hex', '1.0.0', '1.0.1')).toThrow(
      expect.objectContaining({ code: 'E_SCHEME_UNKNOWN', message: expect.stringContaining('"Hex"') }),
    );
  });

  it('throws E_VERSION_INVALID naming the version and the scheme', () => {
    let caught: unknown;
    try {
      compareVersions('PyPI', '1.0', 'not-a-version');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'E_VERSION_INVALID' });
    expect((caught as AppError).oneLine()).toMatch(/"not-a-version" is not a valid PEP 440 version.*pep440/);
  });
});
