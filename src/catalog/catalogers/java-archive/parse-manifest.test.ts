import { describe, expect, it } from 'vitest';
import { manifestValue, parseManifest } from './parse-manifest.js';

describe('parseManifest', () => {
  it('joins 72-byte continuation lines and reads only the main section', () => {
    const text = [
      'Manifest-Version: 1.0',
      'Implementation-Title: Usefull class adapters based on ASM, a very smal',
      ' l and fast Java bytecode manipulation framework',
      'Bundle-SymbolicName: org.objectweb.asm.commons',
      '',
      'Name: org/objectweb/asm/',
      'Implementation-Version: 0.0-from-a-per-entry-section',
      '',
    ].join('\r\n');
    const manifest = parseManifest(text);
    expect(manifestValue(manifest, 'Implementation-Title')).toBe(
      'Usefull class adapters based on ASM, a very small and fast Java bytecode manipulation framework',
    );
    expect(manifestValue(manifest, 'implementation-version')).toBeUndefined();
    expect(manifestValue(manifest, 'BUNDLE-SYMBOLICNAME')).toBe('org.objectweb.asm.commons');
  });

  it.each([
    ['LF endings', 'A: 1\nB: 2\n', 'B', '2'],
    ['CR endings', 'A: 1\rB: 2\r', 'B', '2'],
    ['leading blank lines and a BOM', '\uFEFF\n\nB: 2', 'B', '2'],
    ['no space after the colon', 'B:2', 'B', '2'],
    ['a blank value counts as absent', 'B: \n', 'B', undefined],
    ['a line without a colon is skipped', 'garbage\nB: 2', 'B', '2'],
    ['a continuation after garbage is dropped', 'garbage\n more\nB: 2', 'B', '2'],
    ['binary junk', '\u0000\u0001\u0002', 'B', undefined],
  ])('%s', (_, text, key, value) => {
    expect(manifestValue(parseManifest(text), key)).toBe(value);
  });
});
