import { AppError } from '../core/errors.js';
import type { Descriptor, Platform } from './types.js';
import { formatPlatform } from './types.js';

const archAliases: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', x64: 'amd64', armhf: 'arm' };

/** Parses `os/arch[/variant]` (`linux/arm64/v8`, `linux/amd64`). */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new AppError('E_USAGE', `invalid platform "${text}"`, {
      hint: 'write it as os/arch[/variant], e.g. linux/arm64',
    });
  }
  const [os, architecture, variant] = parts as [string, string, string?];
  return { os, architecture: archAliases[architecture] ?? architecture, ...(variant ? { variant } : {}) };
}

/** The platform of the machine crowsnest runs on, as OCI names it. */
export function hostPlatform(): Platform {
  const archNames: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };
  const arch = archNames[process.arch] ?? process.arch;
  // images are Linux images unless the host is Windows (Docker Desktop on macOS runs Linux images too)
  const os = process.platform === 'win32' ? 'windows' : 'linux';
  return { os, architecture: arch };
}

function normalisedVariant(platform: Platform): string | undefined {
  // arm64's only variant is v8: treat "no variant" and "v8" alike, as containerd does
  if (platform.architecture === 'arm64' && (platform.variant === undefined || platform.variant === 'v8'))
    return 'v8';
  return platform.variant;
}

export function platformMatches(wanted: Platform, offered: Platform): boolean {
  if (wanted.os !== offered.os || wanted.architecture !== offered.architecture) return false;
  const wantedVariant = normalisedVariant(wanted);
  return wantedVariant === undefined || wantedVariant === normalisedVariant(offered);
}

/** Attestation manifests (BuildKit marks them "unknown/unknown") are not runnable images. */
export function isAttestationDescriptor(descriptor: Descriptor): boolean {
  return (
    descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (descriptor.platform?.os === 'unknown' && descriptor.platform?.architecture === 'unknown')
  );
}

/**
 * Chooses the manifest for a platform from an index. When nothing matches, the error lists what the index
 * offers so the user can pick one with --platform.
 */
export function selectPlatform(manifests: Descriptor[], wanted: Platform, where: string): Descriptor {
  const runnable = manifests.filter((m) => !isAttestationDescriptor(m));
  const withPlatform = runnable.filter((m) => m.platform);
  const exact = withPlatform.find((m) => m.platform && platformMatches(wanted, m.platform));
  if (exact) return exact;
  // an index whose only image carries no platform (some single-image OCI layouts) is taken as is
  if (runnable.length === 1 && !runnable[0]!.platform) return runnable[0]!;
  const offered = withPlatform.map((m) => formatPlatform(m.platform!));
  throw new AppError('E_PLATFORM_NOT_FOUND', `no image for platform ${formatPlatform(wanted)}`, {
    where,
    hint: offered.length
      ? `the index offers ${[...new Set(offered)].join(', ')}; choose one with --platform`
      : 'the index lists no platforms',
  });
}
