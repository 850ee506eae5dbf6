/**
 * A Java properties file, as Maven writes `pom.properties`: `key=value`, `key: value` or `key value`, `#`
 * and `!` comments, a trailing backslash continues the line, backslash escapes (`\uXXXX`, `\t`, ...).
 */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const match = /^((?:\\.|[^=:\s\\])*)\s*[=:\s]?\s*(.*)$/s.exec(line);
    if (!match || match[1] === '') continue;
    out.set(unescapeJava(match[1]!), unescapeJava(match[2]!));
  }
  return out;
}

function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r\n|\r|\n/)) {
    // leading blanks never count, on first lines and continuations alike
    const line = raw.trimStart();
    if (!pending && (line === '' || line.startsWith('#') || line.startsWith('!'))) continue;
    const trailing = /(\\*)$/.exec(line)![1]!.length;
    if (trailing % 2 === 1) {
      pending += line.slice(0, -1);
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  if (pending) lines.push(pending);
  return lines;
}

const escapes: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescapeJava(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/gs, (_, code: string) =>
    code.length === 5 ? String.fromCharCode(Number.parseInt(code.slice(1), 16)) : (escapes[code] ?? code),
  );
}

export interface PomProperties {
  groupId: string;
  artifactId: string;
  version: string;
}

/**
 * Maven coordinates from `META-INF/maven/<groupId>/<artifactId>/pom.properties`. The file's own values win;
 * the path fills a missing groupId or artifactId. Undefined when no version or artifactId can be had.
 */
export function parsePomProperties(text: string, entryName: string): PomProperties | undefined {
  const properties = parseProperties(text);
  const parts = entryName.split('/');
  const fromPath = parts.length === 5 ? { groupId: parts[2]!, artifactId: parts[3]! } : undefined;
  const groupId = properties.get('groupId')?.trim() || fromPath?.groupId || '';
  const artifactId = properties.get('artifactId')?.trim() || fromPath?.artifactId || '';
  const version = properties.get('version')?.trim() || '';
  if (!artifactId || !version) return undefined;
  return { groupId, artifactId, version };
}
