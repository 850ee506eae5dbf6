import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { seededRandom } from './__fixtures__/differential/pairs.js';
import { schemes } from './registry.js';
import type { SchemeId, VersionScheme } from './types.js';

/** Real-looking versions per scheme; the generator below derives more from them. */
const SAMPLES: Record<SchemeId, string[]> = {
  dpkg: [
    '1.0',
    '1.0-1',
    '1.0~rc1-1',
    '1:0.9-1',
    '2.36-9+deb12u3',
    '1.2.3+dfsg-1~bpo11+1',
    '0.0.1a',
    '3.0.11-1~deb12u2',
    '1.0+b1',
    '20230101-1',
  ],
  rpm: [
    '1.0',
    '1.0-1.el8',
    '1:1.0-1.el9_2',
    '1.0~rc1-1',
    '1.0^git1-2',
    '128.12.0-1.el10_0',
    '5.3.28-42.el8_8',
    '2.0a',
    '0.9.9.9-1',
    '1.0-1.module+el8.1.0+1234+abcd',
  ],
  apk: [
    '1.0',
    '1.0-r0',
    '1.0-r1',
    '1.0_alpha1',
    '1.0_rc2-r3',
    '1.0_p1',
    '1.0a',
    '1.0_git20200101-r0',
    '2.5.1a-r1',
    '1.0~abc123-r0',
    '01.2',
  ],
  alpm: [
    '1.0-1',
    '1.0-2',
    '1:1.0-1',
    '1.0a-1',
    '1.0.r12.g3a4b5c6-1',
    '20240101-1',
    '1.0rc1-1',
    '2.0_beta-3',
    '0.1+r3-1',
    '1..0-1',
  ],
  semver: [
    '1.0.0',
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '2.0.0',
    '0.0.1',
    '1.0.0+build',
    '10.20.30',
    '1.0.0-0.3.7',
  ],
  pep440: [
    '1.0',
    '1.0.dev1',
    '1.0a1',
    '1.0b2.post1',
    '1.0rc1',
    '1.0.post1',
    '1!1.0',
    '1.0+local.7',
    '2.0.0.1',
    '0.9',
  ],
  maven: [
    '1.0',
    '1.0-SNAPSHOT',
    '1.0-alpha-1',
    '1.0.RELEASE',
    '1.0-sp1',
    '1-1',
    '2.0.0.Final',
    '31.1-jre',
    '1.0.0.RC1',
    '5.3.0.Beta1',
    '1.0-foo',
  ],
  go: [
    'v1.0.0',
    'v1.2',
    'v0.0.0-20200101000000-abcdef123456',
    'v1.2.4-0.20200101000000-abcdef123456',
    'v2.0.0+incompatible',
    'v1.0.0-rc.1',
    '1.6.0',
    'v1',
  ],
  gem: ['1.0', '1.0.0.pre', '1.0.0.rc1', '1.0.a.0', '2.0.0-1', '1.10', '0.9.9', '1.0.0.1', '3.2.0.beta2'],
  nuget: [
    '1.0',
    '1.0.0.1',
    '1.0.0-alpha',
    '1.0.0-beta.2',
    '1.0.0-RC.1',
    '2.0.0+meta',
    '1.0.0-beta.11',
    '0.9.9',
  ],
  composer: [
    '1.0.0',
    'v1.0',
    '1.0.0-beta1',
    '1.0.0-RC2',
    '1.0.0-dev',
    '1.0.0-patch1',
    '2.x-dev',
    '1.0.0-alpha.3',
    '2020.01.01',
  ],
};

const ALPHABET = '0123456789.-_+~^:abprvx';

/** Derives versions by a few random character edits; only the valid ones are kept. */
function generate(
  scheme: VersionScheme,
  seeds: string[],
  count: number,
  seed: number,
): { valid: string[]; all: string[] } {
  const random = seededRandom(seed);
  const all: string[] = [];
  for (let i = 0; i < count; i++) {
    let v = seeds[Math.floor(random() * seeds.length)]!;
    for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
      const at = Math.floor(random() * (v.length + 1));
      const c = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
      const op = random();
      v =
        op < 0.4
          ? v.slice(0, at) + c + v.slice(at)
          : op < 0.7
            ? v.slice(0, at) + c + v.slice(at + 1)
            : v.slice(0, at) + v.slice(at + 1);
    }
    all.push(v);
  }
  const valid = [...new Set([...seeds, ...all])].filter((v) => scheme.isValid(v));
  return { valid, all };
}

/** Two separators in a row, or one at either end: no published version looks like that. */
const wellFormed = (v: string): boolean => !/[^A-Za-z0-9][^A-Za-z0-9]|^[^A-Za-z0-9]|[^A-Za-z0-9]$/.test(v);

/**
 * Where the real tool is itself not a total order, the property tests keep to the versions it orders
 * consistently (the differential tests still hold us to the tool everywhere else):
 * - pacman compares pkgrel only when both sides have one (`1.0` equals `1.0-1` and `1.0-2`), and lets the
 *   length of a separator run decide, which is intransitive on `1..-7`, `1.0a7-1`, `1.-r.r12-1`; Arch
 *   versions always carry a pkgrel and never have such runs.
 * - Maven's ComparableVersion (3.8.7 with MNG-7644) is intransitive on `1.0.0.RC10`, `1..0.RELEASE`,
 *   `1.b-SNAPSHOT` (the jar gives the same three answers); published versions have no empty components.
 */
const restrict: Partial<Record<SchemeId, (v: string) => boolean>> = {
  alpm: (v) => v.includes('-') && wellFormed(v),
  maven: wellFormed,
};

const throwsInvalid = (scheme: VersionScheme, v: string, other: string): boolean => {
  try {
    scheme.compare(v, other);
    return false;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('E_VERSION_INVALID');
    return true;
  }
};

describe.each([...schemes.values()].map((scheme) => [scheme.id, scheme] as const))(
  '%s conforms',
  (id, scheme) => {
    const { valid, all } = generate(scheme, SAMPLES[id], 250, id.length * 7919);
    const versions = valid.filter(restrict[id] ?? (() => true));

    it('has enough valid sample versions to test', () => {
      expect(SAMPLES[id].every((v) => scheme.isValid(v))).toBe(true);
      expect(versions.length).toBeGreaterThan(SAMPLES[id].length);
    });

    it('is reflexive and antisymmetric', () => {
      for (const a of versions) {
        expect(scheme.compare(a, a)).toBe(0);
        for (const b of versions) expect(scheme.compare(a, b)).toBe(-scheme.compare(b, a) || 0);
      }
    });

    it('is transitive over 10,000 seeded triples', () => {
      const random = seededRandom(97);
      const pick = (): string => versions[Math.floor(random() * versions.length)]!;
      const violations: string[] = [];
      for (let i = 0; i < 10_000; i++) {
        const [a, b, c] = [pick(), pick(), pick()];
        const ab = scheme.compare(a, b);
        const bc = scheme.compare(b, c);
        const ac = scheme.compare(a, c);
        if (ab <= 0 && bc <= 0 && !(ac <= 0 && (ab < 0 || bc < 0 ? ac < 0 : ac === 0)))
          violations.push(`${a} ${b} ${c}`);
      }
      expect(violations.slice(0, 5)).toEqual([]);
    });

    it('isValid agrees with compare throwing E_VERSION_INVALID', () => {
      const anchor = SAMPLES[id][0]!;
      for (const v of [...all, '', ' ', 'not a version']) {
        expect(throwsInvalid(scheme, v, anchor)).toBe(!scheme.isValid(v));
        expect(throwsInvalid(scheme, anchor, v)).toBe(!scheme.isValid(v));
      }
    });
  },
);
