import { type Paragraph, parseParagraphs } from './parse-control.js';

/** One binary package of a dpkg database (status or status.d). */
export interface DebEntry {
  name: string;
  version: string;
  architecture?: string;
  /** The `Status:` field (`install ok installed`); absent in distroless status.d files. */
  status?: string;
  /** The source package: the `Source:` field, defaulting to the binary's own name and version. */
  source: { name: string; version: string };
  maintainer?: string;
  multiArch?: string;
  /** Installed-Size in KiB. */
  installedSize?: number;
}

export interface DebParse {
  entries: DebEntry[];
  /** Paragraphs that are not packages (no Package or Version): reported, never fatal. */
  problems: string[];
}

/** Parses every package paragraph of a dpkg status (or status.d) file. */
export function parseDebStatus(text: string): DebParse {
  const entries: DebEntry[] = [];
  const problems: string[] = [];
  parseParagraphs(text).forEach((paragraph, index) => {
    const entry = entryOf(paragraph);
    if (entry) entries.push(entry);
    else problems.push(`paragraph ${index + 1} has no Package or Version field`);
  });
  if (entries.length === 0 && problems.length === 0 && text.trim() !== '')
    problems.push('no deb822 paragraphs');
  return { entries, problems };
}

function entryOf(paragraph: Paragraph): DebEntry | undefined {
  const name = paragraph.get('package');
  const version = paragraph.get('version');
  if (!name || !version || /\s/.test(name) || /\s/.test(version)) return undefined;
  const entry: DebEntry = { name, version, source: sourceOf(paragraph.get('source'), name, version) };
  const optional = {
    architecture: paragraph.get('architecture'),
    status: paragraph.get('status'),
    maintainer: paragraph.get('maintainer'),
    multiArch: paragraph.get('multi-arch'),
  };
  for (const [key, value] of Object.entries(optional)) if (value) entry[key as keyof typeof optional] = value;
  const size = Number.parseInt(paragraph.get('installed-size') ?? '', 10);
  if (Number.isFinite(size)) entry.installedSize = size;
  return entry;
}

/** `Source: bzip2 (1.0.8-5)` (binNMUs and renamed binaries) or `Source: openssl`, or nothing. */
export function sourceOf(field: string | undefined, name: string, version: string): DebEntry['source'] {
  const match = /^(\S+)(?:\s+\((\S+)\))?\s*$/.exec(field ?? '');
  if (!match) return { name, version };
  return { name: match[1]!, version: match[2] ?? version };
}

/**
 * The package's files are unpacked and configured: dpkg's status word is `installed`, or it only waits for
 * triggers (`triggers-pending`, `triggers-awaited`). status.d files (distroless) carry no Status: every
 * file there is an installed package. Half-installed, unpacked, config-files and not-installed entries are
 * not reported.
 */
export function isInstalled(entry: DebEntry): boolean {
  if (entry.status === undefined) return true;
  const word = entry.status.trim().split(/\s+/)[2];
  return word === 'installed' || word === 'triggers-pending' || word === 'triggers-awaited';
}

/** The key packages are matched by across versions of the status file (introducing layers). */
export function debKey(entry: DebEntry): string {
  return `${entry.name}\u0000${entry.version}\u0000${entry.architecture ?? ''}`;
}
