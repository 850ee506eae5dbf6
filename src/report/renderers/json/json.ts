import type { Report } from '../../types.js';
import type { Renderer } from '../types.js';

/** The Report itself (documented in docs/report-json.md): suppressed findings included, marked. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export const jsonRenderer: Renderer = {
  id: 'json',
  description: "crowsnest's report object (docs/report-json.md)",
  render: renderJson,
};
