import { describe, expect, it } from 'vitest';
import { requiredModules } from './modules.js';
import { parseGoMod } from './parse-go-mod.js';

const GO_MOD = `// a comment line
module example.invalid/service // trailing comment

go 1.21
toolchain go1.22.1

require github.com/single/line v1.0.0

require (
	golang.org/x/mod v0.7.0
	golang.org/x/text v0.7.0 // indirect
	"github.com/quoted/path" v2.0.0+incompatible
	example.invalid/local v1.0.0
	github.com/pinned/replace v1.1.0
	github.com/excluded/one v0.3.0 // indirect; reason
)

exclude github.com/excluded/one v0.3.0

replace golang.org/x/text => example.invalid/text-fork v0.7.1

replace (
	example.invalid/local => ../local
	github.com/pinned/replace v1.0.0 => github.com/other/fork v9.9.9
	github.com/pinned/replace v1.1.0 => github.com/pinned/fork v1.1.1
)

retract [v0.1.0, v0.2.0]
`;

describe('parseGoMod', () => {
  it('reads module, go, toolchain, require, replace and exclude in both forms', () => {
    const result = parseGoMod(GO_MOD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file).toMatchObject({
      module: 'example.invalid/service',
      go: '1.21',
      toolchain: 'go1.22.1',
    });
    expect(result.file.requires).toHaveLength(7);
    expect(result.file.requires.filter((r) => r.indirect).map((r) => r.path)).toEqual([
      'golang.org/x/text',
      'github.com/excluded/one',
    ]);
    expect(result.file.replaces).toHaveLength(4);
  });

  it('applies replacements: exact version first, module replacements renamed, directories kept', () => {
    const result = parseGoMod(GO_MOD);
    if (!result.ok) throw new Error(result.reason);
    expect(
      requiredModules(result.file).map((m) => `${m.name}@${m.version} ${JSON.stringify(m.metadata)}`),
    ).toEqual([
      'github.com/single/line@v1.0.0 {"mainModule":"example.invalid/service"}',
      'golang.org/x/mod@v0.7.0 {"mainModule":"example.invalid/service"}',
      'example.invalid/text-fork@v0.7.1 {"mainModule":"example.invalid/service","indirect":true,"replaces":"golang.org/x/text@v0.7.0"}',
      'github.com/quoted/path@v2.0.0+incompatible {"mainModule":"example.invalid/service"}',
      'example.invalid/local@v1.0.0 {"mainModule":"example.invalid/service","replacedBy":"../local"}',
      'github.com/pinned/fork@v1.1.1 {"mainModule":"example.invalid/service","replaces":"github.com/pinned/replace@v1.1.0"}',
      'github.com/excluded/one@v0.3.0 {"mainModule":"example.invalid/service","indirect":true,"excluded":true}',
    ]);
  });

  it.each([
    ['an unclosed block', 'module x\nrequire (\n\ta v1\n', 'the require block is never closed'],
    ['a require without a version', 'module x\nrequire a\n', 'line 2: malformed require directive'],
    ['a replace without an arrow', 'replace a b\n', 'line 1: malformed replace directive'],
  ])('fails %s', (_, text, reason) => {
    expect(parseGoMod(text)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it.each([
    ['empty', ''],
    ['binary junk', '\u0000\u0001\u0002'],
    ['CRLF and a BOM', '\uFEFFmodule x\r\nrequire a v1.0.0\r\n'],
  ])('reads %s without throwing', (_, text) => {
    expect(parseGoMod(text).ok).toBe(true);
  });
});
