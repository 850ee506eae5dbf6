import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCargoLock, sourceKind } from './parse-cargo-lock.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const listed = (text: string) => {
  const result = parseCargoLock(text);
  if (!result.ok) throw new Error(result.reason);
  return result.packages.map((p) => `${p.name}@${p.version} ${JSON.stringify(p.metadata ?? {})}`);
};

/** Hand-written from the Cargo.lock format as cargo writes each version (v1: [metadata] checksums). */
describe('parseCargoLock', () => {
  it('v1: checksums from the [metadata] table', () => {
    expect(listed(fixture('v1.Cargo.lock'))).toEqual([
      'app@0.1.0 {"source":"path"}',
      'itoa@0.4.8 {"source":"crates.io","checksum":"b71991ff56294aa922b450139ee08b3bfc70982c6b2c7562771375cf73542dd4"}',
      'serde@1.0.130 {"source":"crates.io","checksum":"f12d06de37cf59146fbdecab66aa99f9fe4f78722e3607577a5375d66bd0c913"}',
    ]);
  });

  it('v2: one crate at two versions gives two packages', () => {
    expect(listed(fixture('v2.Cargo.lock')).map((line) => line.split(' ')[0])).toEqual([
      'app@0.1.0',
      'itoa@1.0.1',
      'rand@0.7.3',
      'rand@0.8.5',
    ]);
  });

  it('v4: workspace members, git, sparse crates.io and another registry', () => {
    expect(listed(fixture('v4.Cargo.lock'))).toEqual([
      'member-a@0.2.0 {"source":"path","lockVersion":4}',
      'member-b@0.2.0 {"source":"path","lockVersion":4}',
      'patched@0.9.0 {"source":"git","sourceUrl":"git+https://example.invalid/patched.git?branch=main#0123456789abcdef0123456789abcdef01234567","lockVersion":4}',
      'private-crate@3.1.4 {"source":"registry","sourceUrl":"sparse+https://registry.example.invalid/index/","checksum":"0000000000000000000000000000000000000000000000000000000000000000","lockVersion":4}',
      'tokio@1.38.0 {"source":"crates.io","checksum":"ba4f4a02a7a80d6f274636f0aa95c7e383b912d41fe721a31f29e29698585a4a","lockVersion":4}',
    ]);
  });

  it.each([
    ['not TOML', 'this is [not toml'],
    ['package is a string', 'package = "x"'],
  ])('fails %s without throwing', (_, text) => {
    expect(parseCargoLock(text).ok).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['packages without a version', '[[package]]\nname = "x"\n'],
    ['wrong value types', '[[package]]\nname = 1\nversion = ["1"]\n'],
  ])('reads %s as no packages', (_, text) => {
    expect(parseCargoLock(text)).toEqual({ ok: true, packages: [] });
  });

  it.each([
    [undefined, 'path'],
    ['registry+https://github.com/rust-lang/crates.io-index', 'crates.io'],
    ['sparse+https://index.crates.io/', 'crates.io'],
    ['registry+https://example.invalid/index', 'registry'],
    ['git+https://example.invalid/x#abc', 'git'],
  ])('source %s is %s', (source, kind) => {
    expect(sourceKind(source)).toBe(kind);
  });
});
