import { parse as parseToml } from 'smol-toml';
import {
  compact,
  failed,
  guarded,
  type ParsedPackage,
  type ParseResult,
  parsed,
} from '../lang-common/parsed.js';
import { asArray, asBoolean, asDict, asString, type Dict, uniqueStrings } from '../lang-common/values.js';

/** The `[[package]]` tables of a TOML lock file, or why the file is not one. */
function packageTables(text: string): Dict[] | string {
  let document: Dict | undefined;
  try {
    document = asDict(parseToml(text));
  } catch (error) {
    return `invalid TOML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
  if (!document) return 'not a TOML table';
  return asArray(document.package).flatMap((p) => (asDict(p) ? [asDict(p)!] : []));
}

function fromTables(text: string, toPackage: (table: Dict) => ParsedPackage | undefined): ParseResult {
  return guarded(() => {
    const tables = packageTables(text);
    if (typeof tables === 'string') return failed(tables);
    return parsed(tables.flatMap((t) => toPackage(t) ?? []));
  });
}

function groupsOf(table: Dict): string[] | undefined {
  const groups = uniqueStrings(asArray(table.groups).map(asString));
  return groups.length ? groups : undefined;
}

/**
 * poetry.lock: `[[package]]` with name and version; `category` (Poetry < 1.5: main/dev) or `groups`. Local
 * directory sources are the project's own code.
 */
export function parsePoetryLock(text: string): ParseResult {
  return fromTables(text, (table) => {
    const name = asString(table.name);
    const version = asString(table.version);
    if (!name || !version || asString(asDict(table.source)?.type) === 'directory') return undefined;
    const metadata = compact({
      category: asString(table.category),
      groups: groupsOf(table),
      optional: asBoolean(table.optional),
    });
    return { name, version, ...(metadata ? { metadata } : {}) };
  });
}

/** pdm.lock: `[[package]]` with name, version and groups; local paths and editables are project code. */
export function parsePdmLock(text: string): ParseResult {
  return fromTables(text, (table) => {
    const name = asString(table.name);
    const version = asString(table.version);
    if (!name || !version || table.path !== undefined || table.editable === true) return undefined;
    const metadata = compact({ groups: groupsOf(table) });
    return { name, version, ...(metadata ? { metadata } : {}) };
  });
}

const projectSources = ['editable', 'virtual', 'directory'];

/**
 * uv.lock: `[[package]]` with name, version and `source`; the project and workspace members are sources
 * `editable`, `virtual` or `directory` (and may have no version at all).
 */
export function parseUvLock(text: string): ParseResult {
  return fromTables(text, (table) => {
    const name = asString(table.name);
    const version = asString(table.version);
    const source = asDict(table.source) ?? {};
    if (!name || !version || projectSources.some((key) => key in source)) return undefined;
    const kind = Object.keys(source)[0];
    const metadata = compact({ source: kind && kind !== 'registry' ? kind : undefined });
    return { name, version, ...(metadata ? { metadata } : {}) };
  });
}
