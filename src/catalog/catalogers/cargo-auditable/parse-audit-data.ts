import { inflateSync } from 'node:zlib';
import { parseElf } from '../executables/elf.js';
import type { BinaryFormat } from '../executables/format.js';
import { compact, type ParsedPackage } from '../lang-common/parsed.js';
import { asArray, asBoolean, asDict, asString, parseJson } from '../lang-common/values.js';

export const SECTION = '.dep-v0';
/** Inflated JSON cap: real audit data is kilobytes; anything near this is a bomb. */
const MAX_JSON_BYTES = 64 * 1024 ** 2;

export type AuditOutcome =
  | { kind: 'none' }
  | { kind: 'error'; reason: string }
  | { kind: 'found'; value: ParsedPackage[] };

/**
 * The dependency list `cargo auditable` embeds in a binary: a `.dep-v0` section holding zlib-compressed
 * JSON `{"packages":[{name, version, source, kind?, dependencies?, root?}]}` (auditable-serde's format:
 * source is "crates.io", "git", "local", "registry" or another string; kind "build" marks build-time-only
 * crates, runtime when absent). Only ELF is read; Mach-O and PE carry the section too but are not parsed.
 */
export function parseAuditData(data: Buffer, format: BinaryFormat): AuditOutcome {
  if (format !== 'elf')
    return { kind: 'error', reason: `cargo auditable data in ${format} binaries is not read` };
  const elf = parseElf(data);
  if (!elf) return { kind: 'error', reason: 'not a readable ELF file' };
  const section = elf.section(SECTION);
  if (!section) return { kind: 'none' };
  let json: string;
  try {
    json = inflateSync(section, { maxOutputLength: MAX_JSON_BYTES }).toString('utf8');
  } catch (error) {
    return {
      kind: 'error',
      reason: `${SECTION} is not zlib data: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const doc = parseJson(json);
  if (!doc.ok) return { kind: 'error', reason: `${SECTION}: ${doc.reason}` };
  const list = asDict(doc.value)?.packages;
  if (!Array.isArray(list)) return { kind: 'error', reason: `${SECTION}: no packages list` };
  return { kind: 'found', value: packagesOf(list) };
}

function packagesOf(list: unknown[]): ParsedPackage[] {
  const out: ParsedPackage[] = [];
  for (const entry of list.map(asDict)) {
    const name = asString(entry?.name);
    const version = asString(entry?.version);
    if (!entry || !name || !version) continue;
    const metadata = compact({
      source: asString(entry.source),
      kind: asString(entry.kind) === 'build' ? 'build' : undefined,
      root: asBoolean(entry.root),
      dependencies: asArray(entry.dependencies).length || undefined,
    });
    out.push({ name, version, ...(metadata ? { metadata } : {}) });
  }
  return out;
}
