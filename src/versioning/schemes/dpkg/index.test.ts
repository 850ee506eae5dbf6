import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { dpkgScheme } from './index.js';

// Facts from Debian policy 5.6.12 and dpkg's verrevcmp; each row is `a < b` unless marked.
const ordered: [string, string][] = [
  ['1.0~rc1', '1.0'], // tilde sorts before the end of the string
  ['1.0~~', '1.0~'],
  ['1.0~~a', '1.0~'],
  ['1.0', '1.0a'],
  ['1.0a', '1.0+'], // letters before non-letters
  ['1.0+', '1.0.'],
  ['1.0', '1.0-1'], // "" revision < "1"
  ['1.0-1', '1.0-1.1'],
  ['1.0-9', '1.0-10'], // digits compare numerically
  ['1.9', '1.10'],
  ['2.0', '1:1.0'], // epoch wins
  ['1:1.0', '2:0.1'],
  ['1.0-1~bpo11+1', '1.0-1'], // backports sort below the release they come from
  ['2.36-9+deb12u3', '2.36-9+deb12u10'],
  ['1.2.3-1ubuntu1', '1.2.3-1ubuntu1.1'],
  ['3.0.11-1~deb12u2', '3.0.11-1'],
  ['1.0~rc1+dfsg-2', '1.0+dfsg-1'],
];

const equal: [string, string][] = [
  ['0:1.0', '1.0'],
  ['1.0-0', '1.0-00'],
  ['1.01', '1.1'],
  ['1.0', '1.0-0'], // absent revision is "" which weighs like "0"
];

describe('dpkg scheme', () => {
  it.each(ordered)('%s < %s', (a, b) => {
    expect(dpkgScheme.compare(a, b)).toBe(-1);
    expect(dpkgScheme.compare(b, a)).toBe(1);
  });

  it.each(equal)('%s == %s', (a, b) => {
    expect(dpkgScheme.compare(a, b)).toBe(0);
  });

  it.each(['', 'abc', '1.0 1', ':1.0', 'a:1.0', '1.0-', '1:', '1.0_1', '-1'])('rejects %j', (v) => {
    expect(dpkgScheme.isValid(v)).toBe(false);
    expect(() => dpkgScheme.compare(v, '1.0')).toThrow(AppError);
  });

  it('names the version and the scheme in the error', () => {
    try {
      dpkgScheme.compare('1.0', 'x1');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'E_VERSION_INVALID' });
      expect((error as AppError).message).toContain('"x1"');
      expect((error as AppError).message).toContain('Debian');
    }
  });
});
