import { compact, failed, guarded, type ParseResult, parsed } from '../lang-common/parsed.js';

/** `s.name = …` (any receiver name) at statement level: the attribute and the text after `=`. */
const assignment = /^\s*[a-z_]\w*\.(name|version|platform|licenses?|authors|homepage)\s*=\s*(.+)$/;
/** Ruby string literals as RubyGems writes them: "x", 'x', %q{x}, %q<x>, %q(x), %q[x]. */
const literal =
  /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|%q\{([^}]*)\}|%q<([^>]*)>|%q\(([^)]*)\)|%q\[([^\]]*)\]/g;

function literals(text: string): string[] {
  return [...text.matchAll(literal)].map((m) => m.slice(1).find((g) => g !== undefined) ?? '');
}

/** `# stub: <name> <version> <platform> <require paths>`, the header RubyGems writes for fast loading. */
function stubLine(text: string): { name?: string; version?: string; platform?: string } {
  const match = /^# stub: (\S+) (\S+) (\S+)/m.exec(text);
  return match ? { name: match[1], version: match[2], platform: match[3] } : {};
}

/**
 * An installed gem's specification (`specifications/*.gemspec`). It is Ruby code, never evaluated: the
 * generated form assigns each attribute once on its own line, which a tolerant line reader handles;
 * the `# stub:` header fills gaps. Dependencies are ignored.
 */
export function parseGemspec(text: string): ParseResult {
  return guarded(() => {
    const fields = new Map<string, string[]>();
    for (const line of text.split(/\r?\n/)) {
      const match = assignment.exec(line);
      if (match && !fields.has(match[1]!)) fields.set(match[1]!, literals(match[2]!));
    }
    const stub = stubLine(text);
    const name = fields.get('name')?.[0] ?? stub.name;
    const version = fields.get('version')?.[0] ?? stub.version;
    if (!name || !version) return failed('gemspec without a literal name or version');
    const platform = fields.get('platform')?.[0] ?? stub.platform;
    const licenses = [...new Set([...(fields.get('licenses') ?? []), ...(fields.get('license') ?? [])])];
    const metadata = compact({
      platform: platform && platform !== 'ruby' ? platform : undefined,
      authors: fields.get('authors'),
      homepage: fields.get('homepage')?.[0],
    });
    return parsed([{ name, version, licenses, ...(metadata ? { metadata } : {}) }]);
  });
}
