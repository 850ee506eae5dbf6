/** One package of apk's installed database (`/lib/apk/db/installed`). */
export interface ApkEntry {
  name: string;
  version: string;
  architecture?: string;
  /** The origin (source) package: `o:`. */
  origin?: string;
  license?: string;
  maintainer?: string;
  url?: string;
  description?: string;
  /** `t:` build time, seconds since the epoch. */
  buildTime?: number;
  /** `c:` the aports commit the package was built from. */
  commit?: string;
  /** `S:` package size and `I:` installed size, in bytes. */
  size?: number;
  installedSize?: number;
  /** Absolute paths from the `F:` (directory) and `R:` (file in that directory) lines. */
  files: string[];
}

export interface ApkParse {
  entries: ApkEntry[];
  problems: string[];
}

const textFields: Record<string, keyof ApkEntry> = {
  A: 'architecture',
  o: 'origin',
  L: 'license',
  m: 'maintainer',
  U: 'url',
  T: 'description',
  c: 'commit',
};
const numberFields: Record<string, keyof ApkEntry> = { t: 'buildTime', S: 'size', I: 'installedSize' };

/**
 * The installed database is apk's "package info" text format: one block per package, blocks separated by
 * blank lines, each line a one-letter key, a colon and a value. `F:` names a directory (relative to /),
 * the `R:` lines after it the files in that directory. Unknown keys (checksums, ACLs, dependencies) are
 * skipped.
 */
export function parseApkInstalled(text: string): ApkParse {
  const entries: ApkEntry[] = [];
  const problems: string[] = [];
  let block: string[] = [];
  let index = 0;
  const flush = (): void => {
    if (block.length === 0) return;
    index += 1;
    const entry = entryOf(block);
    if (entry) entries.push(entry);
    else problems.push(`package block ${index} has no P: or V: line`);
    block = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') flush();
    else block.push(line);
  }
  flush();
  return { entries, problems };
}

function entryOf(lines: string[]): ApkEntry | undefined {
  const fields: Partial<Record<keyof ApkEntry, string | number>> = {};
  let name: string | undefined;
  let version: string | undefined;
  let dir = '';
  const files: string[] = [];
  for (const line of lines) {
    if (line[1] !== ':') continue;
    const key = line[0]!;
    const value = line.slice(2);
    if (key === 'P') name = value.trim();
    else if (key === 'V') version = value.trim();
    else if (key === 'F') dir = value.trim().replace(/^\/+|\/+$/g, '');
    else if (key === 'R') files.push(`/${dir ? `${dir}/` : ''}${value.trim()}`);
    else if (textFields[key]) fields[textFields[key]] = value.trim();
    else if (numberFields[key] && /^\d+$/.test(value.trim())) fields[numberFields[key]] = Number(value);
  }
  if (!name || !version) return undefined;
  return { ...(fields as Partial<ApkEntry>), name, version, files };
}

export function apkKey(entry: Pick<ApkEntry, 'name' | 'version' | 'architecture'>): string {
  return `${entry.name}\u0000${entry.version}\u0000${entry.architecture ?? ''}`;
}
