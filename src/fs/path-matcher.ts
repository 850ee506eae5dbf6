import picomatch from 'picomatch';

/**
 * Glob matching with a cheap first look: almost every cataloger pattern ends in a literal file name
 * (`**\/package.json`) or an extension (`**\/*.jar`), so a path whose name is neither is refused without
 * running any glob. Patterns whose last segment is anything else go through picomatch every time.
 */
export interface PathMatcher {
  (path: string): boolean;
  /** Literal last segments and `*.suffix` endings (`.deps.json` too): a path can match only through one. */
  names: ReadonlySet<string>;
  extensions: ReadonlySet<string>;
  general: boolean;
}

const globChars = /[*?[\]{}()!+@]/;

function lastSegment(pattern: string): string {
  return pattern.slice(pattern.lastIndexOf('/') + 1);
}

export function compileMatcher(patterns: readonly string[]): PathMatcher {
  const names = new Set<string>();
  const extensions = new Set<string>();
  let general = false;
  for (const pattern of patterns) {
    const last = lastSegment(pattern);
    if (!globChars.test(last)) names.add(last);
    else if (/^\*\.[^*?[\]{}()!+@/]+$/.test(last)) extensions.add(last.slice(1));
    else general = true;
  }
  const suffixes = [...extensions];
  const glob = patterns.length ? picomatch([...patterns], { dot: true }) : () => false;
  const matcher = ((path: string): boolean => {
    if (!general) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (!names.has(name) && !suffixes.some((suffix) => name.endsWith(suffix))) return false;
    }
    return glob(path);
  }) as PathMatcher;
  matcher.names = names;
  matcher.extensions = extensions;
  matcher.general = general;
  return matcher;
}
