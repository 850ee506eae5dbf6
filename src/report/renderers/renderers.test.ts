import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanReport, sampleReport } from '../__fixtures__/reports.js';
import { applyFilters } from '../filters.js';
import { renderers } from './registry.js';

/**
 * Golden tests: every format over the hand-built sample report and a clean one. The golden files were read
 * line by line when written; a change to them is a change to what users see, so review the diff.
 */
describe('report formats', () => {
  const report = applyFilters(sampleReport());

  it('registers every format once, packages first (the default)', () => {
    expect([...renderers.keys()]).toEqual([
      'packages',
      'only-packages',
      'json',
      'sarif',
      'markdown',
      'cyclonedx',
      'gitlab',
    ]);
  });

  it.each(['packages', 'only-packages', 'markdown'])('%s matches its golden file', async (format) => {
    const text = renderers.get(format as 'packages')!.render(report, {});
    await expect(text).toMatchFileSnapshot(`./__golden__/${format}.txt`);
  });

  it('packages with --locations shows each evidence file with its layer index and diff_id', async () => {
    const text = renderers.get('packages')!.render(report, { locations: true });
    expect(text).toContain('  /app/node_modules/lodash/package.json  in layer 2 (sha256:333333333333)');
    await expect(text).toMatchFileSnapshot('./__golden__/packages-locations.txt');
  });

  it('hides suppressed findings from the tables but says how many there are', () => {
    for (const format of ['packages', 'only-packages', 'markdown'] as const) {
      const text = renderers.get(format)!.render(report, {});
      expect(text).not.toContain('CVE-2020-7598');
      expect(text).toContain('1 vulnerability suppressed by VEX is not shown');
    }
    const json = JSON.parse(renderers.get('json')!.render(report, {}));
    expect(json.findings.find((f: { id: string }) => f.id === 'CVE-2020-7598').suppressed).toBe(true);
  });

  it('says so when nothing is vulnerable', () => {
    expect(renderers.get('packages')!.render(cleanReport(), {})).toContain('No vulnerable package detected');
    expect(renderers.get('markdown')!.render(cleanReport(), {})).toContain(
      'No vulnerable package found in 8 packages.',
    );
    const table = renderers.get('only-packages')!.render(cleanReport(), {});
    expect(table.split('\n').filter((l) => l.includes('0C     0H     0M     0L'))).toHaveLength(8);
  });

  it('json is the report itself, round-tripping exactly', () => {
    expect(JSON.parse(renderers.get('json')!.render(report, {}))).toEqual(report);
  });

  it('docs/report-json.md documents every field of the report, its summary, findings and evidence', () => {
    const doc = readFileSync(new URL('../../../docs/report-json.md', import.meta.url), 'utf8');
    const sample = sampleReport();
    const finding = sample.findings.find((f) => f.kev && f.epss)!;
    const keys = [
      ...Object.keys(sample),
      ...Object.keys(sample.summary),
      ...Object.keys(sample.findings.find((f) => f.vex)!),
      ...Object.keys(finding),
      ...Object.keys(finding.matches[0]!),
      'distroStatus',
      'notEvaluated',
    ];
    const missing = [...new Set(keys)].filter((key) => !doc.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });

  it('is deterministic', () => {
    for (const renderer of renderers.values()) {
      expect(renderer.render(report, {})).toBe(renderer.render(applyFilters(sampleReport()), {}));
    }
  });
});
