export interface NameAndVersion {
  name: string;
  version?: string;
}

const ARCHIVE_SUFFIX = /\.(jar|war|ear|jpi|hpi)$/i;

/**
 * Artifact name and version from an archive's file name, as Maven names what it builds
 * (`<artifactId>-<version>[-<classifier>].jar`). The version starts at the last dash-separated part that
 * begins with a digit and has a dot (`log4j-1.2-api-2.19.0` → `log4j-1.2-api` + `2.19.0`), else at the
 * last part that begins with a digit (`foo-7` → `foo` + `7`). Undefined for an empty name.
 */
export function parseFileName(fileName: string): NameAndVersion | undefined {
  const stem = fileName.replace(ARCHIVE_SUFFIX, '');
  const parts = stem.split('-');
  const starts = parts
    .map((part, index) => (index > 0 && /^\d/.test(part) ? index : -1))
    .filter((i) => i > 0);
  const dotted = starts.filter((index) => parts[index]!.includes('.'));
  const at = dotted.length ? dotted[dotted.length - 1]! : starts[starts.length - 1];
  if (at === undefined) return stem ? { name: stem } : undefined;
  const name = parts.slice(0, at).join('-');
  return name ? { name, version: parts.slice(at).join('-') } : undefined;
}

export function isArchiveName(name: string): boolean {
  return ARCHIVE_SUFFIX.test(name);
}
