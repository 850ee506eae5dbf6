import type { Report } from '../types.js';

export type ReportFormat =
  | 'packages'
  | 'only-packages'
  | 'json'
  | 'sarif'
  | 'markdown'
  | 'cyclonedx'
  | 'gitlab';

export interface RenderOptions {
  /** Show the evidence files (path, layer index and diff_id) of each package. */
  locations?: boolean;
}

/** Draws a (filtered) report in one format. Pure: the same report gives the same text. */
export interface Renderer {
  id: ReportFormat;
  description: string;
  render(report: Report, options: RenderOptions): string;
}
