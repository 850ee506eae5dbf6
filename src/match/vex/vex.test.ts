import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors.js';
import { pkg } from '../__fixtures__/store.js';
import type { Finding } from '../types.js';
import { applyVex, imageIdentity, purlCovers } from './apply.js';
import { loadVexStatements } from './load.js';
import { parseOpenVex } from './parse.js';

const digest = 'sha256:317ce5f66e0155903951378dfeae6fc77da2415359761c9691351a32a14292d9';
const image = imageIdentity({
  kind: 'oci-layout',
  location: '/x',
  reference: 'demo/app:1.0',
  manifestDigest: digest as never,
  layers: [],
});

const lodash = pkg('npm', 'lodash', '4.17.15', { purl: 'pkg:npm/lodash@4.17.15' });
const perl = pkg('deb', 'perl-base', '5.36.0-7+deb12u3', {
  purl: 'pkg:deb/debian/perl-base@5.36.0-7%2Bdeb12u3?arch=amd64&distro=debian-12',
});
const packages = new Map([lodash, perl].map((p) => [p.id, p]));

const finding = (id: string, packageId: string, aliases: string[] = []): Finding => ({
  id,
  aliases,
  packageId,
  severity: { rating: 'high', type: 'CVSS_V3', source: 'test' },
  fix: { state: 'fixed', versions: [] },
  urls: [],
  suppressed: false,
  matches: [],
});

const doc = (statements: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    '@id': 'https://openvex.dev/docs/example/vex-1',
    author: 'test',
    timestamp: '2024-01-01T00:00:00Z',
    version: 1,
    statements,
    ...extra,
  });

describe('purl matching', () => {
  it.each([
    ['pkg:npm/lodash@4.17.15', 'pkg:npm/lodash@4.17.15', true],
    ['pkg:npm/lodash', 'pkg:npm/lodash@4.17.15', true],
    ['pkg:npm/lodash@4.17.21', 'pkg:npm/lodash@4.17.15', false],
    [
      'pkg:deb/debian/perl-base@5.36.0-7%2Bdeb12u3',
      'pkg:deb/debian/perl-base@5.36.0-7%2Bdeb12u3?arch=amd64&distro=debian-12',
      true,
    ],
    ['pkg:deb/debian/perl-base?arch=arm64', 'pkg:deb/debian/perl-base@5.36.0-7?arch=amd64', false],
    ['pkg:pypi/Zope.Interface@5.5.2', 'pkg:pypi/zope-interface@5.5.2', true],
    ['pkg:maven/org.apache/Foo@1', 'pkg:maven/org.apache/foo@1', false],
    ['not a purl', 'pkg:npm/lodash@4.17.15', false],
  ])('%s covers %s: %s', (statement, packagePurl, expected) => {
    expect(purlCovers(statement, packagePurl)).toBe(expected);
  });
});

describe('applying OpenVEX statements', () => {
  const findings = [
    finding('CVE-2020-8203', lodash.id, ['GHSA-P6MC-M468-83GW']),
    finding('CVE-2026-7017', perl.id),
  ];

  it('suppresses not_affected (keeping the justification) and keeps affected visible with its statement', () => {
    const statements = parseOpenVex(
      doc([
        {
          vulnerability: { name: 'GHSA-p6mc-m468-83gw' },
          products: [{ '@id': 'pkg:npm/lodash@4.17.15' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          impact_statement: 'zipObjectDeep is never called',
        },
        {
          vulnerability: { name: 'CVE-2026-7017' },
          products: [
            { '@id': `pkg:oci/app@${digest}`, subcomponents: [{ '@id': 'pkg:deb/debian/perl-base' }] },
          ],
          status: 'affected',
          action_statement: 'upgrade perl-base',
        },
      ]),
      'team.vex.json',
    );
    const [a, b] = applyVex(findings, packages, statements, image);
    expect(a).toMatchObject({
      suppressed: true,
      vex: {
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impactStatement: 'zipObjectDeep is never called',
        document: 'team.vex.json',
      },
    });
    expect(b).toMatchObject({
      suppressed: false,
      vex: { status: 'affected', actionStatement: 'upgrade perl-base' },
    });
  });

  it('reads the v0.0.x form (strings) and lets the latest statement win', () => {
    const statements = parseOpenVex(
      doc([
        {
          vulnerability: 'CVE-2020-8203',
          products: ['demo/app:1.0'],
          subcomponents: ['pkg:npm/lodash'],
          status: 'fixed',
          timestamp: '2024-03-01T00:00:00Z',
        },
        {
          vulnerability: 'CVE-2020-8203',
          products: ['pkg:npm/lodash'],
          status: 'under_investigation',
          timestamp: '2024-02-01T00:00:00Z',
        },
      ]),
      'old.json',
    );
    const [a] = applyVex(findings, packages, statements, image);
    expect(a).toMatchObject({ suppressed: true, vex: { status: 'fixed' } });
  });

  it('leaves findings alone when the product or the vulnerability differs', () => {
    const statements = parseOpenVex(
      doc([
        {
          vulnerability: { name: 'CVE-2020-8203' },
          products: [{ '@id': 'pkg:npm/lodash@4.17.21' }],
          status: 'not_affected',
          justification: 'component_not_present',
        },
        {
          vulnerability: { name: 'CVE-1999-0001' },
          products: [{ '@id': 'pkg:npm/lodash' }],
          status: 'not_affected',
          justification: 'component_not_present',
        },
        {
          vulnerability: { name: 'CVE-2026-7017' },
          products: [{ '@id': 'pkg:oci/app@sha256:0000' }],
          status: 'not_affected',
          justification: 'component_not_present',
        },
      ]),
      'x.json',
    );
    expect(applyVex(findings, packages, statements, image).map((f) => f.suppressed)).toEqual([false, false]);
  });
});

describe('loading VEX documents', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crowsnest-vex-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads files and folders of *.json, in name order', async () => {
    writeFileSync(
      join(dir, 'b.json'),
      doc([{ vulnerability: 'CVE-2', products: ['pkg:npm/b'], status: 'fixed' }]),
    );
    writeFileSync(
      join(dir, 'a.json'),
      doc([{ vulnerability: 'CVE-1', products: ['pkg:npm/a'], status: 'fixed' }]),
    );
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const statements = await loadVexStatements([dir]);
    expect(statements.map((s) => [s.vulnerabilities[0], s.order])).toEqual([
      ['CVE-1', 0],
      ['CVE-2', 1],
    ]);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['not OpenVEX', JSON.stringify({ statements: [] }), /@context/],
    [
      'a bad status',
      doc([{ vulnerability: 'CVE-1', products: ['x'], status: 'maybe' }]),
      /statements\.0\.status/,
    ],
    ['no vulnerability', doc([{ products: ['x'], status: 'fixed' }]), /statements\.0\.vulnerability/],
  ])('refuses %s with an error naming the file', async (_name, text, message) => {
    const file = join(dir, 'bad.vex');
    writeFileSync(file, text);
    const error = await loadVexStatements([file]).catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as { where?: string }).where).toBe(file);
  });

  it('says when a location does not exist', async () => {
    const error = await loadVexStatements([join(dir, 'missing.json')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_INPUT_NOT_FOUND' });
  });
});
