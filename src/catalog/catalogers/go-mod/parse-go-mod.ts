/** One `require` line of a go.mod. */
export interface GoRequire {
  path: string;
  version: string;
  indirect: boolean;
}

export interface GoReplace {
  oldPath: string;
  /** Absent: every version of oldPath is replaced. */
  oldVersion?: string;
  newPath: string;
  /** Absent for a directory replacement. */
  newVersion?: string;
}

export interface GoModFile {
  module?: string;
  go?: string;
  toolchain?: string;
  requires: GoRequire[];
  replaces: GoReplace[];
  excludes: { path: string; version: string }[];
}

export type GoModResult = { ok: true; file: GoModFile } | { ok: false; reason: string };

interface Line {
  tokens: string[];
  comment: string;
  number: number;
}

/**
 * Parses a go.mod the way golang.org/x/mod/modfile reads it: `//` comments, single-line and parenthesised
 * block directives, tokens bare or quoted ("..." and `...`). Directives this cataloger does not need (retract,
 * godebug, tool, ignore) are skipped. An unterminated block or a malformed require fails the file.
 */
export function parseGoMod(text: string): GoModResult {
  const file: GoModFile = { requires: [], replaces: [], excludes: [] };
  let block: string | undefined;
  for (const line of lines(text)) {
    if (line.tokens.length === 0) continue;
    if (block !== undefined) {
      if (line.tokens[0] === ')' && line.tokens.length === 1) block = undefined;
      else if (!directive(file, block, line)) return failed(block, line);
      continue;
    }
    const [verb, ...rest] = line.tokens;
    if (rest.length === 1 && rest[0] === '(') {
      block = verb;
      continue;
    }
    if (!directive(file, verb!, { ...line, tokens: rest })) return failed(verb!, line);
  }
  if (block !== undefined) return { ok: false, reason: `go.mod: the ${block} block is never closed` };
  return { ok: true, file };
}

function failed(verb: string, line: Line): GoModResult {
  return { ok: false, reason: `go.mod line ${line.number}: malformed ${verb} directive` };
}

function directive(file: GoModFile, verb: string, line: Line): boolean {
  const t = line.tokens;
  switch (verb) {
    case 'module':
      file.module = t[0];
      return t.length >= 1;
    case 'go':
      file.go = t[0];
      return t.length === 1;
    case 'toolchain':
      file.toolchain = t[0];
      return t.length === 1;
    case 'require':
      if (t.length !== 2) return false;
      file.requires.push({
        path: t[0]!,
        version: t[1]!,
        indirect: /(^|;)\s*indirect\s*(;|$)/.test(line.comment),
      });
      return true;
    case 'exclude':
      if (t.length !== 2) return false;
      file.excludes.push({ path: t[0]!, version: t[1]! });
      return true;
    case 'replace':
      return replace(file, t);
    default:
      return true;
  }
}

function replace(file: GoModFile, t: string[]): boolean {
  const arrow = t.indexOf('=>');
  const left = t.slice(0, arrow);
  const right = t.slice(arrow + 1);
  if (arrow < 1 || left.length > 2 || right.length < 1 || right.length > 2) return false;
  file.replaces.push({
    oldPath: left[0]!,
    ...(left[1] ? { oldVersion: left[1] } : {}),
    newPath: right[0]!,
    ...(right[1] ? { newVersion: right[1] } : {}),
  });
  return true;
}

function* lines(text: string): Generator<Line> {
  let number = 0;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    number += 1;
    yield { ...tokenize(raw), number };
  }
}

/** Splits one line into tokens and its trailing `//` comment; quoted tokens are unquoted. */
function tokenize(raw: string): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  const pattern = /\s*(?:(\/\/.*)|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(=>|[()]|[^\s()"`]+))/gy;
  let comment = '';
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    if (match[1] !== undefined) {
      comment = match[1].slice(2).trim();
      break;
    }
    if (match[2] !== undefined) tokens.push(unquote(match[2]));
    else tokens.push(match[3] ?? match[4]!);
  }
  return { tokens, comment };
}

function unquote(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}
