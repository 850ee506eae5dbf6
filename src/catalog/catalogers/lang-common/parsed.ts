/** What a language parser reports for one package, before it becomes a Package. */
export interface ParsedPackage {
  name: string;
  version: string;
  licenses?: string[];
  metadata?: Record<string, unknown>;
}

/** A parser's answer: packages, or why the file could not be read (the cataloger makes it an Unknown). */
export type ParseResult = { ok: true; packages: ParsedPackage[] } | { ok: false; reason: string };

export function parsed(packages: ParsedPackage[]): ParseResult {
  return { ok: true, packages };
}

export function failed(reason: string): ParseResult {
  return { ok: false, reason };
}

/** Runs a parser body; anything it throws on hostile input becomes a failed result instead of a crash. */
export function guarded(parse: () => ParseResult): ParseResult {
  try {
    return parse();
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/** `name@version`: the identity a lock file or an install directory gives one package. */
export function keyOf(pkg: Pick<ParsedPackage, 'name' | 'version'>): string {
  return `${pkg.name}@${pkg.version}`;
}

/**
 * Keeps the first package of each name@version: a lock file may list one package several times (nested
 * installs, several ranges), and the same evidence file must not yield two packages with one id.
 */
export function uniquePackages(packages: ParsedPackage[]): ParsedPackage[] {
  const seen = new Map<string, ParsedPackage>();
  for (const pkg of packages) if (!seen.has(keyOf(pkg))) seen.set(keyOf(pkg), pkg);
  return [...seen.values()];
}

/** Drops undefined, empty and false values so metadata stays small and serialises the same everywhere. */
export function compact(values: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === false || value === '' || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}
