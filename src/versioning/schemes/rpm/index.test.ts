import { describe, expect, it } from 'vitest';
import { rpmScheme } from './index.js';

// Facts from rpm's rpmvercmp and its test suite's documented cases; each row is `a < b`.
const ordered: [string, string][] = [
  ['1.0', '1.0.1'],
  ['1.0a', '1.0.1'], // letters lose to digits at the same position
  ['1.0', '1.0a'], // but more segments win
  ['1.0~rc1', '1.0'], // tilde sorts before everything
  ['1.0~rc1', '1.0~rc2'],
  ['1.0~~', '1.0~'],
  ['1.0', '1.0^'], // caret sorts after the end...
  ['1.0^', '1.0.1'], // ...but before anything else
  ['1.0^git1', '1.0^git2'],
  ['1.0^git1~1', '1.0^git1'],
  ['2.9', '2.10'],
  ['1.0-1.el8', '1.0-1.el8_4.1'],
  ['1.0-1.el8_4', '1.0-1.el8_10'],
  ['5.3.28-42.el8_4', '5.3.28-42.el8_8'],
  ['1.0', '1.0-1'], // no release sorts first, as rpm.labelCompare with None
  ['9.9-9', '1:0.1-1'], // epoch wins
  ['abc', 'abd'],
];

const equal: [string, string][] = [
  ['1.0', '1_0'], // separators are only separators
  ['1.01', '1.1'],
  ['0:1.0-1', '1.0-1'],
  ['1.0.', '1.0'],
];

describe('rpm scheme', () => {
  it.each(ordered)('%s < %s', (a, b) => {
    expect(rpmScheme.compare(a, b)).toBe(-1);
    expect(rpmScheme.compare(b, a)).toBe(1);
  });

  it.each(equal)('%s == %s', (a, b) => {
    expect(rpmScheme.compare(a, b)).toBe(0);
  });

  it.each(['', '1.0-', ':-1', '1.0 -1', '-1'])('rejects %j', (v) => {
    expect(rpmScheme.isValid(v)).toBe(false);
    expect(() => rpmScheme.compare(v, '1.0')).toThrow(/not a valid RPM version/);
  });
});
