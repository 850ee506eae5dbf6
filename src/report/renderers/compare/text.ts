import { shortDigest } from '../../../core/digest.js';
import type { Comparison, VulnerabilityRef } from '../../compare.js';
import { countColumns, deltaColumns, severityWord } from '../shared/counts.js';
import { plural } from '../shared/notes.js';

const digest = (value: string | undefined) => (value ? shortDigest(value) : '');

function overview(c: Comparison): string[] {
  const withUnspecified = c.image.counts.unspecified + c.baseline.counts.unspecified > 0;
  const rows: [string, string, string][] = [
    ['Target', c.image.image, c.baseline.image],
    ['  digest', digest(c.image.manifestDigest), digest(c.baseline.manifestDigest)],
    [
      '  vulnerabilities',
      countColumns(c.image.counts, withUnspecified),
      countColumns(c.baseline.counts, withUnspecified),
    ],
    ['', deltaColumns(c.delta, withUnspecified), ''],
    ['  packages', String(c.image.packages), String(c.baseline.packages)],
  ];
  const shown = rows.filter(([, a, b]) => a.trim() !== '' || b.trim() !== '');
  const w0 = Math.max(...shown.map(([l]) => l.length)) + 3;
  const w1 = Math.max('Analyzed image'.length, ...shown.map(([, a]) => a.length)) + 2;
  const line = (l: string, a: string, b: string) =>
    `  ${l.padEnd(w0 - 2)}│  ${a.padEnd(w1)}│  ${b}`.trimEnd();
  return [
    line('', 'Analyzed image', 'Compared to'),
    `${'─'.repeat(w0)}┼${'─'.repeat(w1 + 2)}┼${'─'.repeat(w1 + 2)}`,
    ...shown.map(([l, a, b]) => line(l, a, b)),
  ];
}

function packageLines(c: Comparison): string[] {
  const { added, removed, changed } = c.packages;
  const lines = [
    ...added.map((p) => `  +  ${p.type.padEnd(6)} ${p.name} ${p.version}`),
    ...removed.map((p) => `  -  ${p.type.padEnd(6)} ${p.name} ${p.version}`),
    ...changed.map((p) => `  ~  ${p.type.padEnd(6)} ${p.name} ${p.from} → ${p.to}`),
  ];
  return [
    `## Packages: ${added.length} added, ${removed.length} removed, ${changed.length} changed, ${c.packages.unchanged} unchanged`,
    '',
    ...(lines.length ? lines : ['  (no package changes)']),
  ];
}

function vulnerabilityLine(sign: string, v: VulnerabilityRef): string {
  const score = v.score === undefined ? '' : ` ${v.score.toFixed(1)}`;
  return `  ${sign} ${`${severityWord(v.severity)}${score}`.padEnd(16)} ${v.id.padEnd(20)} ${v.package.name} ${v.package.version}`;
}

function vulnerabilityLines(c: Comparison): string[] {
  const { introduced, fixed, unchanged } = c.vulnerabilities;
  const lines = [
    ...introduced.map((v) => vulnerabilityLine('+', v)),
    ...fixed.map((v) => vulnerabilityLine('-', v)),
  ];
  return [
    `## Vulnerabilities: ${introduced.length} introduced, ${fixed.length} fixed, ${unchanged} unchanged`,
    '',
    ...(lines.length ? lines : ['  (no vulnerability changes)']),
  ];
}

/** `compare --format text`: the two images side by side, then package and vulnerability changes. */
export function renderComparisonText(c: Comparison): string {
  const verdict = c.vulnerabilities.introduced.length
    ? `${plural(c.vulnerabilities.introduced.length, 'vulnerability')} introduced`
    : 'No new vulnerability';
  return `${['## Overview', '', ...overview(c), '', ...packageLines(c), '', ...vulnerabilityLines(c), '', verdict].join('\n')}\n`;
}
