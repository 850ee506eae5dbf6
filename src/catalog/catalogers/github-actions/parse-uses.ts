/** An action or reusable workflow reference: `owner/repo[/path]@ref`. */
export interface ActionRef {
  owner: string;
  repo: string;
  /** Folder of the action or path of the reusable workflow inside the repository, when there is one. */
  path?: string;
  ref: string;
}

/**
 * Parses a `uses:` value. Local actions (`./x`), Docker images (`docker://...`), expressions and values
 * without an `@ref` are not packages of a repository and give undefined.
 */
export function parseUses(value: string): ActionRef | undefined {
  const text = value.trim();
  if (text.startsWith('./') || text.startsWith('../') || text.startsWith('docker://') || text.includes('${{'))
    return undefined;
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return undefined;
  const [owner, repo, ...rest] = text.slice(0, at).split('/');
  if (!owner || !repo || rest.some((part) => part === '')) return undefined;
  return { owner, repo, ...(rest.length ? { path: rest.join('/') } : {}), ref: text.slice(at + 1) };
}

/** A full commit SHA pins an exact revision; anything else is a tag or a branch that can move. */
export function refKind(ref: string): 'commit' | 'tag-or-branch' {
  return /^[0-9a-f]{40}$/i.test(ref) ? 'commit' : 'tag-or-branch';
}
