import picomatch from 'picomatch';

/**
 * Glob matching with a cheap first look: almost every cataloger pattern ends in a literal file name
 * (`**\/package.json`), an extension (`**\/*.jar`) or sits under a literal folder (`/var/lib/dpkg/status.d/*`),
 * so a path that fits none of those is refused without running any glob. Only patterns with none of the
 * three (`**\/*-release`) send every path through picomatch.
 */
export interface PathMatcher {
  (path: string): boolean;
  /** Literal last segments and `*.suffix` endings (`.deps.json` too): a path can match only through one. */
  names: ReadonlySet<string>;
  extensions: ReadonlySet<string>;
  /** Last segments with one `*` between literal text (`requirements*.txt`): [start, end] of the name. */
  shapes: readonly (readonly [string, string])[];
  /** Literal beginnings of absolute patterns whose last segment is a glob (`/var/lib/dpkg/status.d/`). */
  prefixes: readonly string[];
  general: boolean;
}

const globChars = /[*?[\]{}()!+@]/;
/** Anything that makes the rest of a pattern more than literal text, escapes included. */
const notLiteral = /[*?[\]{}()!+@\\]/;

/** The literal text an absolute pattern starts with, up to its last `/` before the first glob character. */
function literalPrefix(pattern: string): string | undefined {
  if (!pattern.startsWith('/')) return undefined;
  const first = pattern.search(notLiteral);
  const head = first < 0 ? pattern : pattern.slice(0, first);
  const prefix = head.slice(0, head.lastIndexOf('/') + 1);
  return prefix.length > 1 ? prefix : undefined;
}

function lastSegment(pattern: string): string {
  return pattern.slice(pattern.lastIndexOf('/') + 1);
}

export function compileMatcher(patterns: readonly string[]): PathMatcher {
  const names = new Set<string>();
  const extensions = new Set<string>();
  const prefixes: string[] = [];
  const shapes: [string, string][] = [];
  let general = false;
  for (const pattern of patterns) {
    const last = lastSegment(pattern);
    const prefix = literalPrefix(pattern);
    if (!globChars.test(last)) names.add(last);
    else if (/^\*\.[^*?[\]{}()!+@/]+$/.test(last)) extensions.add(last.slice(1));
    else if (last !== '*' && /^[^*?[\]{}()!+@\\/]*\*[^*?[\]{}()!+@\\/]*$/.test(last)) {
      const star = last.indexOf('*');
      shapes.push([last.slice(0, star), last.slice(star + 1)]);
    } else if (prefix) prefixes.push(prefix);
    else general = true;
  }
  const suffixes = [...extensions];
  const glob = patterns.length ? picomatch([...patterns], { dot: true }) : () => false;
  const matcher = ((path: string): boolean => {
    if (!general) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (
        !names.has(name) &&
        !suffixes.some((suffix) => name.endsWith(suffix)) &&
        !shapes.some(
          ([a, b]) => name.length >= a.length + b.length && name.startsWith(a) && name.endsWith(b),
        ) &&
        !prefixes.some((prefix) => path.startsWith(prefix))
      )
        return false;
    }
    return glob(path);
  }) as PathMatcher;
  matcher.names = names;
  matcher.extensions = extensions;
  matcher.prefixes = prefixes;
  matcher.shapes = shapes;
  matcher.general = general;
  return matcher;
}
