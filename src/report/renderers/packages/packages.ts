import { shortDigest } from '../../../core/digest.js';
import type { Finding } from '../../../match/types.js';
import type { Package } from '../../../sbom/types.js';
import { groupByPackage, type PackageGroup, severityNames, severityOf } from '../../group.js';
import type { Report } from '../../types.js';
import { countColumns, severityWord } from '../shared/counts.js';
import { plural, trailerNotes } from '../shared/notes.js';
import {
  epssText,
  fixText,
  imageName,
  layerLabel,
  rangeText,
  scoreText,
  severityDetail,
  shortSummary,
} from '../shared/text.js';
import type { Renderer, RenderOptions } from '../types.js';

function overview(report: Report): string[] {
  const rows: [string, string | undefined][] = [
    ['Target', imageName(report)],
    ['  digest', report.source.manifestDigest ? shortDigest(report.source.manifestDigest) : undefined],
    ['  platform', report.source.platform],
    ['  distro', report.distro?.prettyName ?? report.distro?.id],
    ['  vulnerabilities', countColumns(report.summary.counts).trimStart()],
    ['  packages', String(report.summary.packages)],
    ['  advisories', report.database.lastUpdate ? `updated ${report.database.lastUpdate}` : undefined],
  ];
  const shown = rows.filter((r): r is [string, string] => r[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length)) + 3;
  return [
    '## Overview',
    '',
    `${' '.repeat(width)}│  Analyzed image`,
    `${'─'.repeat(width)}┼${'─'.repeat(40)}`,
    ...shown.map(([label, value]) => `  ${label.padEnd(width - 2)}│  ${value}`),
  ];
}

function detailRows(finding: Finding): [string, string][] {
  const rows: [string, string | undefined][] = [
    ['Affected range', rangeText(finding)],
    ['Fixed version', fixText(finding)],
    ['CVSS score', finding.severity.score === undefined ? undefined : scoreText(finding.severity)],
    ['Severity', finding.severity.score === undefined ? severityDetail(finding.severity) : undefined],
    ['CVSS vector', finding.severity.vector],
    ['Aliases', finding.aliases.length ? finding.aliases.join(', ') : undefined],
    ['Known exploited', finding.kev ? `CISA KEV since ${finding.kev.dateAdded}` : undefined],
    ['EPSS', finding.epss ? epssText(finding.epss) : undefined],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined);
}

function findingBlock(finding: Finding): string[] {
  const markers = [
    finding.kev ? ' [KEV]' : '',
    finding.summary ? ` [${shortSummary(finding.summary)}]` : '',
  ].join('');
  const rows = detailRows(finding);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `    ✗ ${severityWord(severityOf(finding))} ${finding.id}${markers}`,
    ...(finding.urls[0] ? [`      ${finding.urls[0]}`] : []),
    '',
    ...rows.map(([label, value]) => `      ${label.padEnd(width)} : ${value}`),
    '',
  ];
}

function locationLines(report: Report, pkg: Package): string[] {
  return pkg.locations.map((l) => `  ${l.path}  in ${layerLabel(report, l.layer)}`);
}

function packageBlock(report: Report, group: PackageGroup, options: RenderOptions): string[] {
  const { package: pkg } = group;
  return [
    `${countColumns(group.counts)}  ${pkg.name} ${pkg.version}`,
    pkg.purl,
    ...(options.locations ? locationLines(report, pkg) : []),
    '',
    ...group.findings.flatMap(findingBlock),
  ];
}

function totals(report: Report): string[] {
  const { counts, vulnerablePackages } = report.summary;
  const total = severityNames.reduce((sum, name) => sum + counts[name], 0);
  if (total === 0) return ['No vulnerable package detected'];
  return [
    `${plural(total, 'vulnerability')} found in ${plural(vulnerablePackages, 'package')}`,
    ...severityNames
      .filter((name) => name !== 'unspecified' || counts.unspecified > 0)
      .map((name) => `  ${severityWord(name).padEnd(12)}${counts[name]}`),
  ];
}

/** The default format: an overview, then one block per vulnerable package, worst first, as Docker Scout lays it out. */
export function renderPackages(report: Report, options: RenderOptions = {}): string {
  const groups = groupByPackage(report);
  const lines = [
    ...overview(report),
    '',
    '## Packages and vulnerabilities',
    '',
    ...groups.flatMap((group) => packageBlock(report, group, options)),
    ...totals(report),
  ];
  const notes = trailerNotes(report);
  if (notes.length) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}

export const packagesRenderer: Renderer = {
  id: 'packages',
  description: 'vulnerable packages with their vulnerabilities (default)',
  render: renderPackages,
};
