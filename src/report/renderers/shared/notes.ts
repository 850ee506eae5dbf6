import type { Report } from '../../types.js';

/** `1 package`, `2 packages`, `3 vulnerabilities`. */
const plural = (n: number, word: string) =>
  n === 1 ? `${n} ${word}` : word.endsWith('y') ? `${n} ${word.slice(0, -1)}ies` : `${n} ${word}s`;

/**
 * The lines under a human-readable report that say what it does not show: VEX-suppressed findings (hidden
 * from tables, as Grype and Docker Scout hide them, but counted so nobody wonders where they went), and
 * packages the matcher could not evaluate (never silent).
 */
export function trailerNotes(report: Report): string[] {
  const notes: string[] = [];
  const suppressed = report.summary.suppressed;
  if (suppressed > 0) {
    notes.push(
      `${plural(suppressed, 'vulnerability')} suppressed by VEX ${suppressed === 1 ? 'is' : 'are'} not shown (--format json lists ${suppressed === 1 ? 'it' : 'them'}; --ignore-suppressed drops ${suppressed === 1 ? 'it' : 'them'} everywhere).`,
    );
  }
  const notEvaluated = new Set(report.notEvaluated.map((n) => n.packageId)).size;
  if (notEvaluated > 0) {
    const byId = new Map(report.packages.map((p) => [p.id, p]));
    const first = report.notEvaluated
      .slice(0, 3)
      .map((n) => `${byId.get(n.packageId)?.name ?? n.packageId}: ${n.reason}`);
    notes.push(
      `${plural(notEvaluated, 'package')} could not be evaluated (${first.join('; ')}${report.notEvaluated.length > 3 ? '; ...' : ''}).`,
    );
  }
  if (report.unknowns.length > 0) {
    notes.push(`${plural(report.unknowns.length, 'file')} could not be read; packages in them are missing.`);
  }
  return notes;
}

export { plural };
