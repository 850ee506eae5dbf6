import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUses } from './parse-uses.js';
import { parseWorkflow } from './parse-workflow.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const lines = (text: string) => {
  const result = parseWorkflow(text);
  if (!result.ok) throw new Error(result.reason);
  return result.packages.map(
    (p) =>
      `${p.name}@${p.version} ${p.metadata?.refKind} ${p.metadata?.where}${p.metadata?.path ? ` ${p.metadata.path}` : ''}`,
  );
};

describe('parseUses', () => {
  it.each([
    ['actions/checkout@v4', { owner: 'actions', repo: 'checkout', ref: 'v4' }],
    ['github/codeql-action/init@v3', { owner: 'github', repo: 'codeql-action', path: 'init', ref: 'v3' }],
    [
      'o/r/.github/workflows/x.yml@refs/heads/main',
      { owner: 'o', repo: 'r', path: '.github/workflows/x.yml', ref: 'refs/heads/main' },
    ],
    ['./local', undefined],
    ['../up', undefined],
    ['docker://alpine:3', undefined],
    ['actions/checkout', undefined],
    ['actions@v1', undefined],
    ['actions/checkout@', undefined],
    ['o//r@v1', undefined],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    ['${{ matrix.action }}@v1', undefined],
  ])('%s', (value, ref) => {
    expect(parseUses(value)).toEqual(ref);
  });
});

describe('parseWorkflow', () => {
  it('lists step actions and reusable workflows, skipping local and docker ones', () => {
    expect(lines(fixture('ci.yml'))).toEqual([
      'actions/checkout@v4 tag-or-branch job/test/step',
      'actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7 commit job/test/step',
      'github/codeql-action@v3 tag-or-branch job/test/step init',
      'github/codeql-action@v3 tag-or-branch job/test/step analyze',
      'actions/checkout@v4 tag-or-branch job/lint/step',
      'Azure/login@v2.1.0 tag-or-branch job/lint/step',
      'octo-org/shared-workflows@main tag-or-branch job/release .github/workflows/release.yml',
    ]);
  });

  it('lists a composite action’s steps; a JavaScript action uses none', () => {
    expect(lines(fixture('action.yml'))).toEqual(['actions/cache@v4.0.2 tag-or-branch step']);
    expect(lines(fixture('node-action.yml'))).toEqual([]);
  });

  it.each([
    ['broken YAML', 'jobs: [unclosed', /invalid YAML/],
    ['a list', '- a\n- b\n', /not a mapping/],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(60)}*a]\nc: [${'*b, '.repeat(60)}*b]\n`,
      /invalid YAML|alias/i,
    ],
  ])('fails %s without throwing', (_, text, reason) => {
    const result = parseWorkflow(text);
    expect(result.ok === false && result.reason).toMatch(reason);
  });

  it('ignores wrong value types', () => {
    expect(
      lines(
        'jobs:\n  a: 1\n  b:\n    steps: {uses: x/y@v1}\n  c:\n    steps:\n      - uses: [x/y@v1]\n      - 3\n',
      ),
    ).toEqual([]);
  });
});
