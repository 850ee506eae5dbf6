/**
 * The parts of an OSV record that range evaluation reads (OSV schema 1.6, `affected[]`). Structural and
 * read-only, so the advisory model's fuller types fit without conversion.
 */
export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

export interface OsvRange {
  /** SEMVER, ECOSYSTEM or GIT; anything else cannot be evaluated. */
  readonly type: OsvRangeType | (string & {});
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
}

export interface OsvAffected {
  readonly package?: { readonly ecosystem: string; readonly name: string; readonly purl?: string };
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
}

/** Whether one package version is affected, and by which range. */
export type RangeVerdict =
  | {
      status: 'affected';
      /** The range that matched; absent when the `versions` list decided. */
      range?: OsvRange;
      /** The smallest `fixed` above the version in the matching range, when there is one. */
      fixed?: string;
    }
  | { status: 'not-affected' }
  | { status: 'cannot-evaluate'; reason: string };
