/** A module line of Go build info: `mod`/`dep` path, version and go.sum hash, and its `=>` replacement. */
export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  replace?: GoModule;
}

export interface GoBuildInfo {
  goVersion: string;
  /** The main package's import path (`path` line). */
  path?: string;
  main?: GoModule;
  deps: GoModule[];
  /** `build` lines: -compiler, -ldflags, CGO_ENABLED, GOOS, GOARCH, vcs.revision, ... */
  settings: Record<string, string>;
}

/**
 * Parses the modinfo text (`go version -m` prints the same lines): tab-separated `path`, `mod`, `dep`, `=>`
 * (replaces the module of the line before) and `build key=value` lines, keys and values Go-quoted when
 * they hold blanks or quotes. Unknown and malformed lines are skipped: a newer linker may add kinds.
 */
export function parseModinfo(goVersion: string, text: string): GoBuildInfo {
  const info: GoBuildInfo = { goVersion, deps: [], settings: {} };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const [kind, ...fields] = line.replace(/\r$/, '').split('\t');
    if (kind === 'path' && fields[0]) info.path = fields[0];
    else if (kind === 'go' && fields[0] && !info.goVersion) info.goVersion = fields[0];
    else if ((kind === 'mod' || kind === 'dep') && fields[0]) {
      last = moduleOf(fields);
      if (kind === 'mod') info.main = last;
      else info.deps.push(last);
    } else if (kind === '=>' && fields[0] && last && !last.replace) last.replace = moduleOf(fields);
    else if (kind === 'build' && fields.length) addSetting(info.settings, fields.join('\t'));
  }
  return info;
}

function moduleOf(fields: string[]): GoModule {
  const [path, version, sum] = fields;
  return { path: path!, version: version ?? '', ...(sum ? { sum } : {}) };
}

function addSetting(settings: Record<string, string>, text: string): void {
  const key = text.startsWith('"') ? readQuoted(text) : undefined;
  const keyText = key ? key.value : text.slice(0, Math.max(0, text.indexOf('=')));
  const rest = key ? text.slice(key.end) : text.slice(keyText.length);
  if (!keyText || !rest.startsWith('=')) return;
  const raw = rest.slice(1);
  const value = raw.startsWith('"') ? readQuoted(raw) : undefined;
  settings[keyText] = value && value.end === raw.length ? value.value : raw;
}

/** A Go double-quoted string at the start of `text` (strconv.Quote output is JSON-compatible but for \x, \a, \v). */
function readQuoted(text: string): { value: string; end: number } | undefined {
  const match = /^"(?:[^"\\]|\\.)*"/.exec(text);
  if (!match) return undefined;
  try {
    const json = match[0]
      .replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')
      .replace(/\\a/g, '\\u0007')
      .replace(/\\v/g, '\\u000b')
      .replace(/\\U([0-9a-fA-F]{8})/g, (_, hex: string) =>
        JSON.stringify(String.fromCodePoint(Number.parseInt(hex, 16))).slice(1, -1),
      );
    return { value: JSON.parse(json) as string, end: match[0].length };
  } catch {
    return undefined;
  }
}
