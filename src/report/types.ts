import type { Finding, NotEvaluated } from '../match/types.js';
import type { Distro, Package, SbomSource, Unknown } from '../sbom/types.js';

export type SeverityName = 'critical' | 'high' | 'medium' | 'low' | 'unspecified';

export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  unspecified: number;
}

/** The report object `scan()` returns and every renderer (table, JSON, SARIF, ...) draws from. */
export interface Report {
  schema: 'crowsnest-report/1';
  createdAt: string;
  tool: { name: 'crowsnest'; version: string };
  source: SbomSource;
  distro?: Distro;
  /** Every package of the image (vulnerable or not). */
  packages: Package[];
  /** Findings after filters, suppressed ones included (renderers hide them unless asked). */
  findings: Finding[];
  summary: {
    counts: SeverityCounts;
    packages: number;
    vulnerablePackages: number;
    /** Findings with a fix available. */
    fixable: number;
    suppressed: number;
  };
  /** What the advisory data was: so a report says how current it is. */
  database: { path: string; lastUpdate?: string; sources: string[] };
  unknowns: Unknown[];
  notEvaluated: NotEvaluated[];
}
