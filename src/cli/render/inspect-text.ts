import { shortDigest } from '../../core/digest.js';
import type { InspectReport } from '../../image/inspect.js';
import { formatBytes } from '../progress.js';

function row(label: string, value: string | undefined): string[] {
  return value === undefined || value === '' ? [] : [`${label.padEnd(12)}${value}`];
}

function command(parts: string[] | undefined): string | undefined {
  return parts?.length ? JSON.stringify(parts) : undefined;
}

function layerTable(report: InspectReport): string[] {
  const header = ['#', 'DIFF ID', 'SIZE', 'UNPACKED', 'ADDED', 'CHANGED', 'REMOVED', 'CREATED BY'];
  const rows = report.layers.map((layer) => [
    String(layer.index),
    shortDigest(layer.diffId),
    formatBytes(layer.size),
    formatBytes(layer.uncompressedSize),
    String(layer.added),
    String(layer.changed),
    String(layer.removed),
    (layer.createdBy ?? '').replace(/\s+/g, ' ').slice(0, 70),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = new Set([2, 3, 4, 5, 6]);
  const format = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)].map((line) => `  ${line}`);
}

/** The layers view, earliest layer first, as Docker Scout's image details list them. */
export function renderInspectText(report: InspectReport): string {
  const labels = Object.entries(report.labels).map(([k, v]) => `${k}=${v}`);
  const lines = [
    ...row('Image', report.reference ?? report.source.location),
    ...row('Source', `${report.source.kind} ${report.source.location}`),
    ...row('Digest', report.manifestDigest),
    ...row('Index', report.indexDigest),
    ...row('Platforms', report.platforms?.join(', ')),
    ...row('Platform', report.platform),
    ...row('Created', report.created),
    ...row('User', report.user ?? '(root)'),
    ...row('Entrypoint', command(report.entrypoint)),
    ...row('Cmd', command(report.cmd)),
    ...row('WorkingDir', report.workingDir),
    ...labels.flatMap((label, i) => row(i === 0 ? 'Labels' : '', label)),
    ...row('Files', String(report.files)),
    '',
    report.layers.length ? `Layers (${report.layers.length}, earliest first)` : 'No layers (a directory)',
    ...(report.layers.length ? layerTable(report) : []),
    ...report.warnings.map((warning) => `warning: ${warning}`),
  ];
  return `${lines.join('\n')}\n`;
}
