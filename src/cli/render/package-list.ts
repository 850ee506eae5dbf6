import type { Sbom } from '../../sbom/types.js';

/** The `list` format: one package per line, grouped by nothing, aligned columns. */
export function renderPackageList(sbom: Sbom): string {
  const header = ['NAME', 'VERSION', 'TYPE', 'LAYER', 'LOCATION'];
  const rows = sbom.packages.map((p) => [
    p.name,
    p.version,
    p.type,
    String(p.layer),
    p.locations[0]?.path ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ');
  const distro = sbom.distro
    ? `${sbom.distro.prettyName ?? `${sbom.distro.id} ${sbom.distro.versionId ?? ''}`}\n`
    : '';
  const unknowns = sbom.unknowns.map((u) => `unreadable: ${u.path} (${u.cataloger}): ${u.reason}`);
  return `${distro}${[line(header), ...rows.map(line), ...unknowns].join('\n')}\n`;
}
