import type { UseCase } from '../types.js';

/** A container client as its user agent names it. */
export interface ClientAgent {
  /** Tool name as reports show it (USER_AGENT, "User agent tool"). */
  tool: string;
  version: string | null;
  /** The use case the tool implies before the cloud rule (seed: Local Dev, CI/CD, Prod, Unknown). */
  useCase: UseCase;
}

export interface ProductToken {
  name: string;
  version: string | null;
}

/**
 * RFC 9110 product tokens (`name/version`) and `(comments)`. Comments nest, and moby escapes the
 * parentheses of the upstream client's own comment (`UpstreamClient(Docker-Client/24.0.7 \(linux\))`).
 */
export function tokenize(ua: string): { products: ProductToken[]; comments: string[] } {
  const products: ProductToken[] = [];
  const comments: string[] = [];
  let i = 0;
  while (i < ua.length) {
    const c = ua[i] as string;
    if (c === ' ' || c === '\t') {
      i += 1;
    } else if (c === '(') {
      const end = commentEnd(ua, i);
      comments.push(ua.slice(i + 1, end));
      i = end + 1;
    } else {
      let end = i;
      while (end < ua.length && ua[end] !== ' ' && ua[end] !== '(' && ua[end] !== '\t') end += 1;
      const token = ua.slice(i, end);
      const slash = token.indexOf('/');
      products.push(
        slash < 0
          ? { name: token, version: null }
          : { name: token.slice(0, slash), version: token.slice(slash + 1) },
      );
      i = end;
    }
  }
  return { products, comments };
}

function commentEnd(ua: string, open: number): number {
  let depth = 0;
  for (let i = open; i < ua.length; i += 1) {
    const c = ua[i];
    if (c === '\\') i += 1;
    else if (c === '(') depth += 1;
    else if (c === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return ua.length;
}

interface ToolRule {
  tool: string;
  useCase: UseCase;
}

const rule = (tool: string, useCase: UseCase): ToolRule => ({ tool, useCase });

/**
 * First product name (lower case) → tool. Use cases follow the seed: Docker Desktop and direct `docker`
 * are Local Dev; containerd, build tools and registry mirroring are CI/CD; orchestrators are Prod.
 * containers/image is the library podman and buildah pull with; its default agent is podman's.
 */
const rules = new Map<string, ToolRule>([
  ['docker', rule('docker', 'Local Dev')],
  ['containerd', rule('containerd', 'CI/CD')],
  ['buildkit', rule('buildkit', 'CI/CD')],
  ['cri-o', rule('cri-o', 'Prod')],
  ['containers', rule('podman', 'Local Dev')],
  ['libpod', rule('podman', 'Local Dev')],
  ['podman', rule('podman', 'Local Dev')],
  ['buildah', rule('buildah', 'CI/CD')],
  ['skopeo', rule('skopeo', 'CI/CD')],
  ['crane', rule('crane', 'CI/CD')],
  ['go-containerregistry', rule('go-containerregistry', 'CI/CD')],
  ['regclient', rule('regclient', 'CI/CD')],
  ['regctl', rule('regclient', 'CI/CD')],
  ['regsync', rule('regclient', 'CI/CD')],
  ['regbot', rule('regclient', 'CI/CD')],
  ['renovatebot', rule('renovate', 'CI/CD')],
  ['renovate', rule('renovate', 'CI/CD')],
  ['diun', rule('diun', 'CI/CD')],
  ['watchtower', rule('watchtower', 'Prod')],
  ['harbor-registry-client', rule('harbor', 'CI/CD')],
  ['kaniko', rule('kaniko', 'CI/CD')],
  ['oras', rule('oras', 'CI/CD')],
  ['helm', rule('helm', 'CI/CD')],
  ['trivy', rule('trivy', 'CI/CD')],
  ['docker-scout', rule('docker-scout', 'CI/CD')],
  ['flux', rule('flux', 'Prod')],
  ['source-controller', rule('flux', 'Prod')],
  ['argocd', rule('argocd', 'Prod')],
  ['mozilla', rule('browser', 'Unknown')],
]);

/** Versions as reports show them: no leading `v`, no build metadata; null when not a version at all. */
export function cleanVersion(raw: string | null): string | null {
  if (!raw) return null;
  const version = raw.replace(/^v(?=\d)/, '').replace(/\+.*$/, '');
  return /^\d[0-9A-Za-z.-]{0,31}$/.test(version) ? version : null;
}

/** Docker Engine inside Docker Desktop: a linuxkit or WSL2 kernel, or a macOS/Windows CLI upstream. */
function isDockerDesktop(products: ProductToken[], comments: string[]): boolean {
  const kernel = products.find((p) => p.name === 'kernel')?.version ?? '';
  if (/linuxkit|microsoft-standard-wsl2/i.test(kernel)) return true;
  return comments.some((c) => /Docker-Client\/\S+ \\?\((darwin|windows)\\?\)/i.test(c));
}

function dockerAgent(products: ProductToken[], comments: string[]): ClientAgent {
  let version = cleanVersion(products[0]?.version ?? null);
  if (version === null) {
    const upstream = comments.map((c) => /Docker-Client\/(\S+)/.exec(c)?.[1]).find(Boolean);
    version = cleanVersion(upstream ?? null);
  }
  const tool = isDockerDesktop(products, comments) ? 'docker-desktop' : 'docker';
  return { tool, version, useCase: 'Local Dev' };
}

/** A tool name safe to show: lower case, a bounded token; anything else is `unknown`. */
function safeName(name: string): string {
  const lower = name.toLowerCase();
  return /^[a-z0-9][a-z0-9._-]{0,39}$/.test(lower) ? lower : 'unknown';
}

/** Parses a container client's user agent into tool, version and implied use case. Never throws. */
export function parseUserAgent(ua: string): ClientAgent {
  const { products, comments } = tokenize(ua.slice(0, 1024));
  const first = products[0];
  if (!first) return { tool: 'unknown', version: null, useCase: 'Unknown' };
  const name = first.name.toLowerCase();
  if (name === 'docker') return dockerAgent(products, comments);
  const known = rules.get(name);
  if (known) return { tool: known.tool, version: cleanVersion(first.version), useCase: known.useCase };
  const tool = safeName(first.name);
  return { tool, version: tool === 'unknown' ? null : cleanVersion(first.version), useCase: 'Unknown' };
}
