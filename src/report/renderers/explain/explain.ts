import { AppError } from '../../../core/errors.js';
import type { Finding, MatchEvidence, MatchMethod } from '../../../match/types.js';
import type { Package } from '../../../sbom/types.js';
import { compareFindings, severityOf } from '../../group.js';
import type { Report } from '../../types.js';
import { severityWord } from '../shared/counts.js';
import { fixText, layerLabel, severityDetail } from '../shared/text.js';

const methods: Record<MatchMethod, string> = {
  'binary-package': 'by its distro package name',
  'source-package': 'by its source package name',
  'language-package': 'by its ecosystem package name',
  'go-stdlib': 'as the Go standard library built into a binary',
};

function rows(pairs: [string, string | undefined][], indent: string): string[] {
  const shown = pairs.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '');
  const width = Math.max(...shown.map(([k]) => k.length));
  return shown.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`);
}

function distroText(match: MatchEvidence): string | undefined {
  const s = match.distroStatus;
  if (!s) return undefined;
  const where = `${s.ecosystem}${s.release ? ` (${s.release})` : ''}`;
  const extra = [
    s.version ? `version ${s.version}` : '',
    s.urgency ? `urgency ${s.urgency}` : '',
    s.note ? `"${s.note}"` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${s.status} for source package ${s.package} in ${where}${extra ? `: ${extra}` : ''}`;
}

function matchBlock(match: MatchEvidence): string[] {
  return [
    `    ${match.advisoryId} from feed ${match.feed}`,
    ...rows(
      [
        ['searched', `${match.searchedBy.ecosystem} / ${match.searchedBy.name} (${methods[match.method]})`],
        ['version', match.version],
        ['affected range', match.range],
        ['fixed in', match.fixedVersion],
        ['distro status', distroText(match)],
      ],
      '      ',
    ),
  ];
}

/** One sentence per matched record: the reason the package is reported. */
export function whySentence(pkg: Package, match: MatchEvidence): string {
  const subject = `${pkg.name} ${match.version}`;
  const via =
    match.method === 'source-package' ? ` (through its source package ${match.searchedBy.name})` : '';
  const record = `${match.advisoryId} (${match.feed})`;
  const fix = match.fixedVersion ? `; ${match.fixedVersion} fixes it` : '; no fixed version is known';
  if (match.distroStatus && !match.range) {
    return `${record} says ${match.distroStatus.ecosystem} has status "${match.distroStatus.status}" for ${match.distroStatus.package}${via}, which covers ${subject}${fix}.`;
  }
  if (match.range === undefined || match.range === 'versions list') {
    return `${record} lists ${subject}${via} among its affected versions${fix}.`;
  }
  return `${subject}${via} lies in the affected range "${match.range}" of ${record}${fix}.`;
}

function vexText(finding: Finding): string | undefined {
  const vex = finding.vex;
  if (!vex) return finding.suppressed ? 'suppressed' : undefined;
  const detail = [vex.justification, vex.impactStatement].filter(Boolean).join(': ');
  return `${finding.suppressed ? 'suppressed, ' : ''}VEX ${vex.status}${detail ? ` (${detail})` : ''} from ${vex.document}`;
}

function explainOne(report: Report, finding: Finding, pkg: Package): string[] {
  const introducing = report.source.layers.find((l) => l.index === pkg.layer);
  const found = pkg.locations.map((l, i): [string, string] => [
    i === 0 ? 'Found in' : '',
    `${l.path}, ${layerLabel(report, l.layer)}${i === 0 ? ` (cataloger ${pkg.foundBy})` : ''}`,
  ]);
  return [
    `${finding.id} in ${pkg.name} ${pkg.version} (${pkg.type})`,
    '',
    ...rows(
      [
        ['Package', pkg.purl],
        ...(found.length ? found : [['Found in', `(no file; cataloger ${pkg.foundBy})`] as [string, string]]),
        ['Added by', `layer ${pkg.layer}${introducing?.createdBy ? `: ${introducing.createdBy}` : ''}`],
        [
          'Source package',
          pkg.source ? `${pkg.source.name}${pkg.source.version ? ` ${pkg.source.version}` : ''}` : undefined,
        ],
        ['Aliases', finding.aliases.join(', ')],
        ['Severity', `${severityWord(severityOf(finding))} ${severityDetail(finding.severity)}`],
        ['CVSS vector', finding.severity.vector],
        ['Fix', fixText(finding)],
        ['Known exploited', finding.kev ? `CISA KEV since ${finding.kev.dateAdded}` : undefined],
        ['VEX', vexText(finding)],
      ],
      '  ',
    ),
    '',
    `  Matched advisory records (${finding.matches.length}):`,
    ...finding.matches.flatMap(matchBlock),
    '',
    '  Why:',
    ...finding.matches.map((m) => `    ${whySentence(pkg, m)}`),
  ];
}

/** `--explain ID` / `why ID`: every finding of that id (or alias), with the evidence behind it. */
export function renderExplanation(report: Report, id: string): string {
  const wanted = id.toUpperCase();
  const findings = report.findings
    .filter((f) => [f.id, ...f.aliases].some((x) => x.toUpperCase() === wanted))
    .sort(compareFindings);
  const byId = new Map(report.packages.map((p) => [p.id, p]));
  const blocks = findings.flatMap((f) => {
    const pkg = byId.get(f.packageId);
    return pkg ? [explainOne(report, f, pkg).join('\n')] : [];
  });
  if (blocks.length === 0) {
    throw new AppError('E_INPUT_NOT_FOUND', `no finding ${id} in this image`, {
      hint: 'list the findings with `crowsnest cves INPUT` (the same filters apply to --explain)',
    });
  }
  return `${blocks.join('\n\n')}\n`;
}
