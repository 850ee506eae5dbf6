import type { Advisory, AffectedRange, DistroStatus } from '../model.js';
import type { SearchResult } from '../search.js';

function severityText(a: Advisory): string {
  const s = a.shown_severity;
  if (!s) return 'severity unknown';
  const score = s.score === undefined ? '' : ` ${s.score.toFixed(1)}`;
  return `${s.rating}${score} (${s.type} from ${s.source})`;
}

function rangeText(range: AffectedRange): string {
  const parts = range.events.map((e) =>
    e.introduced !== undefined
      ? `from ${e.introduced}`
      : e.fixed !== undefined
        ? `fixed ${e.fixed}`
        : e.last_affected !== undefined
          ? `through ${e.last_affected}`
          : `limit ${e.limit}`,
  );
  return `${range.type}: ${parts.join(', ')}`;
}

function statusText(s: DistroStatus): string {
  const version = s.version ? ` ${s.version}` : '';
  const note = s.note ? ` (${s.note})` : '';
  return `${s.ecosystem} ${s.package}: ${s.status}${version}${note}`;
}

/** The affected lines of one advisory: distro statuses when it has them, else the OSV ranges. */
function affectedLines(a: Advisory, limit: number): string[] {
  const lines = a.distro_statuses?.length
    ? a.distro_statuses.map(statusText)
    : a.affected.map((x) => {
        const ranges = (x.ranges ?? []).map(rangeText).join('; ');
        const versions = x.versions?.length
          ? `${ranges ? '; ' : ''}${x.versions.length} listed versions`
          : '';
        return `${x.package?.ecosystem} ${x.package?.name}: ${ranges}${versions}`;
      });
  return lines.length > limit ? [...lines.slice(0, limit), `… ${lines.length - limit} more`] : lines;
}

function advisoryBlock(a: Advisory): string[] {
  const lines = [
    `${a.id}  [${a.source}]  ${severityText(a)}${a.withdrawn ? `  WITHDRAWN ${a.withdrawn}` : ''}`,
  ];
  if (a.summary) lines.push(`  ${a.summary}`);
  const ids = [...a.aliases, ...(a.upstream ?? [])];
  if (ids.length) lines.push(`  aliases: ${ids.join(', ')}`);
  if (a.related?.length)
    lines.push(`  related: ${a.related.slice(0, 10).join(', ')}${a.related.length > 10 ? ', …' : ''}`);
  lines.push(...affectedLines(a, 12).map((l) => `  ${l}`));
  return lines;
}

export function renderSearchText(result: SearchResult): string {
  const out: string[] = [];
  if (result.kind === 'id') {
    for (const a of result.advisories) out.push(...advisoryBlock(a), '');
    for (const k of result.kev) {
      const due = k.dueDate ? `, due ${k.dueDate}` : '';
      out.push(
        `known exploited (CISA KEV): ${k.cve} added ${k.dateAdded}${due}, ransomware use: ${k.ransomwareUse ?? 'unknown'}`,
      );
    }
    for (const e of result.epss) {
      out.push(
        `EPSS: ${e.cve} ${e.score.toFixed(5)} (percentile ${e.percentile.toFixed(5)}${e.date ? `, ${e.date}` : ''})`,
      );
    }
  } else {
    for (const p of result.packages) {
      out.push(`${p.ecosystem} ${p.name}: ${p.advisories.length} advisories`);
      for (const a of p.advisories) out.push(...advisoryBlock(a).map((l) => `  ${l}`));
      out.push('');
    }
  }
  if (out.length === 0) return `nothing found for "${result.query}"\n`;
  return `${out.join('\n').trimEnd()}\n`;
}
