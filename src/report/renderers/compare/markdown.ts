import type { Comparison, VulnerabilityRef } from '../../compare.js';
import { cell } from '../markdown/markdown.js';
import { compactCounts } from '../shared/counts.js';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function vulnerabilityTable(title: string, list: VulnerabilityRef[]): string[] {
  if (list.length === 0) return [];
  return [
    `#### ${title} (${list.length})`,
    '',
    '| Vulnerability | Severity | CVSS | Package | Version |',
    '|---|---|---:|---|---|',
    ...list.map(
      (v) =>
        `| ${cell(v.id)} | ${v.severity} | ${v.score?.toFixed(1) ?? ''} | ${cell(v.package.name)} | ${cell(v.package.version)} |`,
    ),
    '',
  ];
}

function packageTable(c: Comparison): string[] {
  const { added, removed, changed } = c.packages;
  const rows = [
    ...added.map((p) => `| added | ${p.type} | ${cell(p.name)} | | ${cell(p.version)} |`),
    ...removed.map((p) => `| removed | ${p.type} | ${cell(p.name)} | ${cell(p.version)} | |`),
    ...changed.map((p) => `| changed | ${p.type} | ${cell(p.name)} | ${cell(p.from)} | ${cell(p.to)} |`),
  ];
  if (rows.length === 0) return [];
  return [
    `#### Packages (${added.length} added, ${removed.length} removed, ${changed.length} changed)`,
    '',
    '| Change | Type | Package | Before | After |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

/** `compare --format markdown`: for a pull-request comment. */
export function renderComparisonMarkdown(c: Comparison): string {
  const d = c.delta;
  const lines = [
    `### crowsnest: \`${c.image.image}\` compared to \`${c.baseline.image}\``,
    '',
    '| | Image | Compared to | Change |',
    '|---|---|---|---|',
    `| Vulnerabilities | ${compactCounts(c.image.counts)} | ${compactCounts(c.baseline.counts)} | ${signed(d.critical)}C ${signed(d.high)}H ${signed(d.medium)}M ${signed(d.low)}L |`,
    `| Packages | ${c.image.packages} | ${c.baseline.packages} | ${signed(c.image.packages - c.baseline.packages)} |`,
    '',
    ...vulnerabilityTable('Introduced vulnerabilities', c.vulnerabilities.introduced),
    ...vulnerabilityTable('Fixed vulnerabilities', c.vulnerabilities.fixed),
    ...packageTable(c),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
