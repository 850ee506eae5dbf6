import type { EpssEntry, ShownSeverity } from '../../../advisories/model.js';
import { shortDigest } from '../../../core/digest.js';
import type { Finding } from '../../../match/types.js';
import type { Report } from '../../types.js';

/** The name a report shows for its image: the reference as given, else where it was read from. */
export function imageName(report: Report): string {
  return report.source.reference ?? report.source.location;
}

const fixWords: Record<Finding['fix']['state'], string> = {
  fixed: 'fixed',
  'not-fixed': 'not fixed',
  'will-not-fix': 'will not fix',
  unknown: 'unknown',
};

/** Distro statuses that say no more than the fix state already does. */
const redundant = new Set(['fixed', 'unfixed', 'will-not-fix']);

/** `4.17.19`, `not fixed`, `will not fix (ignored)`, `not fixed (no-dsa)`. */
export function fixText(finding: Finding): string {
  const base =
    finding.fix.state === 'fixed' && finding.fix.versions.length
      ? finding.fix.versions.join(', ')
      : fixWords[finding.fix.state];
  const status = finding.distroStatus;
  return status && !redundant.has(status) ? `${base} (${status})` : base;
}

/** `7.4 (CVSS_V3 from nvd)`: the score and who gave it. */
export function scoreText(severity: ShownSeverity): string {
  const score = severity.score === undefined ? '' : severity.score.toFixed(1);
  return [score, `(${severity.type} from ${severity.source})`].filter(Boolean).join(' ');
}

/** The score with its source, or for unscored findings the rating and who gave it. */
export function severityDetail(severity: ShownSeverity): string {
  if (severity.score !== undefined) return scoreText(severity);
  const { rating, source } = severity;
  return rating === 'unknown' || rating === 'none' ? `not yet rated (${source})` : `${rating} (${source})`;
}

export function epssText(epss: Omit<EpssEntry, 'cve'>): string {
  const percentile = Math.round(epss.percentile * 100);
  return `${(epss.score * 100).toFixed(2)}% (percentile ${percentile})`;
}

/** `layer 2 (sha256:0123456789ab)`: the index people count and the diff_id tools print. */
export function layerLabel(report: Report, index: number): string {
  const layer = report.source.layers.find((l) => l.index === index);
  return layer ? `layer ${index} (${shortDigest(layer.diffId)})` : `layer ${index}`;
}

/** The affected range of the first record that has one. */
export function rangeText(finding: Finding): string | undefined {
  return finding.matches.find((m) => m.range)?.range;
}

/** A one-line title from a summary: feeds without titles put whole paragraphs there. */
export function shortSummary(summary: string, max = 80): string {
  const line = summary.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}
