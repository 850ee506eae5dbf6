/** The version orderings crowsnest knows. One folder under schemes/ each. */
export type SchemeId =
  | 'dpkg'
  | 'rpm'
  | 'apk'
  | 'alpm'
  | 'semver'
  | 'pep440'
  | 'maven'
  | 'go'
  | 'gem'
  | 'nuget'
  | 'composer';

/**
 * One ecosystem's version ordering. `compare` returns a negative number, 0 or a positive number and throws
 * `AppError('E_VERSION_INVALID')` when either version cannot be parsed; `isValid(v)` is true exactly when
 * `compare` accepts `v`.
 */
export interface VersionScheme {
  readonly id: SchemeId;
  readonly name: string;
  isValid(version: string): boolean;
  compare(a: string, b: string): number;
}
