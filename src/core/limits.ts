/**
 * Every cap that protects crowsnest from hostile or oversized images. All are settings: the CLI exposes
 * them as flags and the environment as CROWSNEST_MAX_* variables.
 */
export interface Limits {
  /** Decompressed bytes one layer may expand to. */
  maxLayerBytes: number;
  /** Bytes of one file that may be read into memory (readFile); streams are not capped. */
  maxFileBytes: number;
  /** Tar entries one image may hold, all layers together. */
  maxEntries: number;
  /** Bytes of a manifest, index or config document. */
  maxManifestBytes: number;
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export const defaultLimits: Readonly<Limits> = Object.freeze({
  maxLayerBytes: 16 * GiB,
  maxFileBytes: 256 * MiB,
  maxEntries: 2_000_000,
  maxManifestBytes: 8 * MiB,
});

const envNames: Record<keyof Limits, string> = {
  maxLayerBytes: 'CROWSNEST_MAX_LAYER_BYTES',
  maxFileBytes: 'CROWSNEST_MAX_FILE_BYTES',
  maxEntries: 'CROWSNEST_MAX_ENTRIES',
  maxManifestBytes: 'CROWSNEST_MAX_MANIFEST_BYTES',
};

/** Parses "512M", "2G", "1000", "64k" into a byte or item count. Returns undefined when unparsable. */
export function parseSize(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b?|b)?\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = (match[2] ?? '').toLowerCase().replace(/i?b$/, '');
  const factor = { '': 1, k: 1024, m: MiB, g: GiB, t: 1024 * GiB }[unit] ?? 1;
  return Math.floor(Number(match[1]) * factor);
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Limits> {
  const out: Partial<Limits> = {};
  for (const [key, name] of Object.entries(envNames) as [keyof Limits, string][]) {
    const raw = env[name];
    if (raw === undefined) continue;
    const parsed = parseSize(raw);
    if (parsed !== undefined && parsed > 0) out[key] = parsed;
  }
  return out;
}

export function resolveLimits(...overrides: (Partial<Limits> | undefined)[]): Limits {
  return Object.assign({}, defaultLimits, limitsFromEnv(), ...overrides.filter(Boolean));
}
