/** The `%SECTION%` blocks of a libalpm local database file (`desc`, `files`): name → value lines. */
export function parseSections(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const header = /^%([A-Z0-9]+)%$/.exec(line);
    if (header) {
      current = [];
      sections.set(header[1]!, current);
    } else if (line === '') {
      current = undefined;
    } else if (current) {
      current.push(line);
    }
  }
  return sections;
}

/** One package of pacman's local database (`/var/lib/pacman/local/<name>-<version>/desc`). */
export interface AlpmEntry {
  name: string;
  /** `[epoch:]pkgver-pkgrel`, as pacman prints it. */
  version: string;
  /** pkgbase: the PKGBUILD a split package came from. */
  base?: string;
  architecture?: string;
  licenses: string[];
  packager?: string;
  url?: string;
  description?: string;
  buildDate?: number;
  installDate?: number;
  size?: number;
  /** Validation method (`pgp`, `sha256`, `none`). */
  validation?: string[];
}

/** A desc file's package, or undefined when it names no package and version. */
export function parseDesc(text: string): AlpmEntry | undefined {
  const sections = parseSections(text);
  const first = (key: string): string | undefined => sections.get(key)?.[0]?.trim() || undefined;
  const number = (key: string): number | undefined => {
    const value = first(key);
    return value && /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const name = first('NAME');
  const version = first('VERSION');
  if (!name || !version) return undefined;
  const optional = {
    base: first('BASE'),
    architecture: first('ARCH'),
    packager: first('PACKAGER'),
    url: first('URL'),
    description: first('DESC'),
    buildDate: number('BUILDDATE'),
    installDate: number('INSTALLDATE'),
    size: number('SIZE'),
    validation: sections.get('VALIDATION'),
  };
  const entry: AlpmEntry = { name, version, licenses: sections.get('LICENSE') ?? [] };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) (entry as unknown as Record<string, unknown>)[key] = value;
  return entry;
}

/** Absolute paths of the `%FILES%` section, directories (ending in `/`) left out. */
export function parseFiles(text: string): string[] {
  return (parseSections(text).get('FILES') ?? [])
    .filter((path) => !path.endsWith('/'))
    .map((path) => `/${path}`);
}
