import { describe, expect, it } from 'vitest';
import { SAMPLE_MODINFO } from './__fixtures__/buildinfo.js';
import { parseModinfo } from './parse-modinfo.js';

describe('parseModinfo', () => {
  it('reads path, main module, deps with replacements and build settings', () => {
    const info = parseModinfo('go1.22.1', SAMPLE_MODINFO);
    expect(info.goVersion).toBe('go1.22.1');
    expect(info.path).toBe('example.invalid/cmd/tool');
    expect(info.main).toEqual({ path: 'example.invalid/tool', version: '(devel)' });
    expect(info.deps).toEqual([
      { path: 'golang.org/x/mod', version: 'v0.7.0', sum: 'h1:q6+7j9YOJyZhRIfzp7O2g4NwVts6gPbndw2MKRN1x1o=' },
      {
        path: 'golang.org/x/text',
        version: 'v0.7.0',
        replace: {
          path: 'example.invalid/text-fork',
          version: 'v0.7.1',
          sum: 'h1:K/xUDlteJAVijEKQ749l4fli+HWVUXHRf7oyh4/qw/g=',
        },
      },
      {
        path: 'github.com/Azure/go-autorest',
        version: 'v14.2.0+incompatible',
        sum: 'h1:V5VMDjClD3GiElqLWO7mz2MxNAK/vTfRHdAubSIPRgs=',
      },
      { path: 'example.invalid/local', version: 'v1.0.0', replace: { path: '../local', version: '(devel)' } },
    ]);
    expect(info.settings).toEqual({
      '-compiler': 'gc',
      '-ldflags': '-s -w -X main.version=1.2.3',
      CGO_ENABLED: '0',
      'vcs.revision': '0123456789abcdef',
    });
  });

  it.each([
    ['quoted key', 'build\t"we=ird"=x', { 'we=ird': 'x' }],
    ['Go-only escapes', 'build\tk="a\\x41\\vb"', { k: 'aA\u000bb' }],
    ['an unclosed quote is kept raw', 'build\tk="abc', { k: '"abc' }],
    ['no equals sign', 'build\tnothing', {}],
    ['CRLF', 'build\tGOOS=linux\r', { GOOS: 'linux' }],
  ])('build settings: %s', (_, text, settings) => {
    expect(parseModinfo('go1.22', text).settings).toEqual(settings);
  });

  it.each([
    ['empty', ''],
    ['binary junk', '\u0000\u0001\t\t\t\n=>\t\n'],
    ['a replacement with no module before it', '=>\tx\tv1'],
    ['unknown line kinds', 'future\tthing\n'],
  ])('never throws on %s', (_, text) => {
    const info = parseModinfo('', text);
    expect(info.deps).toEqual([]);
    expect(info.main).toBeUndefined();
  });

  it('takes the go line when the version came separately empty (old String() form)', () => {
    expect(parseModinfo('', 'go\tgo1.20.3\npath\tx').goVersion).toBe('go1.20.3');
  });
});
