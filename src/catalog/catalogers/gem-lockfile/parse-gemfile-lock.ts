import {
  compact,
  failed,
  guarded,
  type ParsedPackage,
  type ParseResult,
  parsed,
} from '../lang-common/parsed.js';

/** Sources whose specs are gems from elsewhere; PATH specs are the project's own code. */
const gemSources: Record<string, string> = { GEM: 'rubygems', GIT: 'git' };

/** `    name (version)` or `    name (version-platform)`: bundler splits at the first `-`, so do we. */
const specLine = /^ {4}([^\s(]+) \(([^-)\s]+)(?:-([^)\s]+))?\)!?$/;

/**
 * Gemfile.lock: sections start at column 0 (GEM, GIT, PATH, PLATFORMS, DEPENDENCIES, ...); a source
 * section lists its gems under `  specs:` at four spaces, their dependencies at six. A gem locked for
 * several platforms appears once per platform; it is one package here, its platforms in metadata.
 */
export function parseGemfileLock(text: string): ParseResult {
  return guarded(() => {
    const byKey = new Map<string, ParsedPackage & { platforms: string[] }>();
    let source: string | undefined;
    let sections = 0;
    for (const line of text.split(/\r?\n/)) {
      if (/^[A-Z]/.test(line)) {
        source = gemSources[line.trim()];
        sections += 1;
        continue;
      }
      const match = source ? specLine.exec(line) : null;
      if (!match) continue;
      const [, name, version, platform] = match;
      const key = `${name}@${version}`;
      const seen = byKey.get(key) ?? { name: name!, version: version!, platforms: [], metadata: { source } };
      seen.platforms.push(platform ?? 'ruby');
      byKey.set(key, seen);
    }
    if (sections === 0) return failed('no Gemfile.lock sections (GEM, PLATFORMS, DEPENDENCIES)');
    return parsed(
      [...byKey.values()].map(({ platforms, ...pkg }) => ({
        ...pkg,
        metadata: compact({
          ...pkg.metadata,
          platforms: platforms.some((p) => p !== 'ruby') ? platforms : undefined,
        }),
      })),
    );
  });
}
