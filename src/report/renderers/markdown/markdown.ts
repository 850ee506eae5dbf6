import type { Finding } from '../../../match/types.js';
import { groupByPackage, type PackageGroup, severityOf, totalOf } from '../../group.js';
import type { Report } from '../../types.js';
import { compactCounts } from '../shared/counts.js';
import { plural, trailerNotes } from '../shared/notes.js';
import { epssText, fixText, imageName, shortSummary } from '../shared/text.js';
import type { Renderer } from '../types.js';

/** Table cells: pipes escaped, line breaks flattened, so one value never breaks a row. */
export function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function idLink(finding: Finding): string {
  const url = finding.urls[0];
  return url && /^https?:\/\//.test(url) ? `[${finding.id}](${url})` : finding.id;
}

function findingRow(finding: Finding): string {
  const severity = severityOf(finding);
  const score = finding.severity.score === undefined ? '' : finding.severity.score.toFixed(1);
  const notes = [
    finding.kev ? 'known exploited (KEV)' : '',
    finding.epss ? `EPSS ${epssText(finding.epss)}` : '',
    finding.summary ? shortSummary(finding.summary, 120) : '',
  ].filter(Boolean);
  return `| ${idLink(finding)} | ${severity} | ${score} | ${cell(fixText(finding))} | ${cell(notes.join('; '))} |`;
}

function packageSection(group: PackageGroup): string[] {
  const { package: pkg } = group;
  return [
    `<details><summary><code>${cell(pkg.name)} ${cell(pkg.version)}</code> (${pkg.type}): ${compactCounts(group.counts)}</summary>`,
    '',
    `\`${pkg.purl}\``,
    '',
    '| Vulnerability | Severity | CVSS | Fix | Notes |',
    '|---|---|---:|---|---|',
    ...group.findings.map(findingRow),
    '',
    '</details>',
    '',
  ];
}

function headline(report: Report): string {
  const { counts, vulnerablePackages, packages } = report.summary;
  const total = totalOf(counts);
  if (total === 0) return `No vulnerable package found in ${plural(packages, 'package')}.`;
  return `**${plural(total, 'vulnerability')}** in ${vulnerablePackages} of ${plural(packages, 'package')}: ${compactCounts(counts)}`;
}

/** GitHub-flavoured Markdown for pull-request comments: a headline, a summary table, details folded. */
export function renderMarkdown(report: Report): string {
  const groups = groupByPackage(report);
  const lines = [`### crowsnest: \`${imageName(report)}\``, '', headline(report), ''];
  if (groups.length) {
    lines.push(
      '| Package | Version | Type | Critical | High | Medium | Low | Unspecified |',
      '|---|---|---|---:|---:|---:|---:|---:|',
      ...groups.map(
        ({ package: p, counts: c }) =>
          `| ${cell(p.name)} | ${cell(p.version)} | ${p.type} | ${c.critical} | ${c.high} | ${c.medium} | ${c.low} | ${c.unspecified} |`,
      ),
      '',
      ...groups.flatMap(packageSection),
    );
  }
  for (const note of trailerNotes(report)) lines.push(`> ${note}`, '');
  return `${lines.join('\n').trimEnd()}\n`;
}

export const markdownRenderer: Renderer = {
  id: 'markdown',
  description: 'GitHub-flavoured Markdown for pull-request comments',
  render: renderMarkdown,
};
