import { cyclonedxRenderer } from './cyclonedx/cyclonedx.js';
import { gitlabRenderer } from './gitlab/gitlab.js';
import { jsonRenderer } from './json/json.js';
import { markdownRenderer } from './markdown/markdown.js';
import { onlyPackagesRenderer } from './only-packages/only-packages.js';
import { packagesRenderer } from './packages/packages.js';
import { sarifRenderer } from './sarif/sarif.js';
import type { Renderer, ReportFormat } from './types.js';

/** The explicit registry of report formats, in the order `--help` lists them; the first is the default. */
export const renderers: ReadonlyMap<ReportFormat, Renderer> = new Map(
  [
    packagesRenderer,
    onlyPackagesRenderer,
    jsonRenderer,
    sarifRenderer,
    markdownRenderer,
    cyclonedxRenderer,
    gitlabRenderer,
  ].map((r) => [r.id, r]),
);

export const reportFormats = [...renderers.keys()];

export function rendererFor(format: string): Renderer | undefined {
  return renderers.get(format as ReportFormat);
}
