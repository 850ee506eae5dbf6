import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';
import { compareDigits } from '../../digits.js';

/** A NuGet version: up to four numbers, optional release labels; build metadata is dropped. */
export interface NuGetVersion {
  numbers: [string, string, string, string];
  labels: string[];
}

const INT32_MAX = '2147483647';
const LABEL = /^[0-9A-Za-z-]+$/;

/**
 * NuGet.Versioning's `NuGetVersion.TryParse`: `N[.N[.N[.N]]][-label[.label]...][+metadata]`, each number a
 * non-negative 32-bit integer (leading zeros allowed), labels of letters, digits and `-`. Missing numbers
 * are 0, so `1.0` == `1.0.0` == `1.0.0.0`.
 */
export function parseNuGet(text: string): Parsed<NuGetVersion> {
  const plus = text.indexOf('+');
  const main = plus >= 0 ? text.slice(0, plus) : text;
  const metadata = plus >= 0 ? text.slice(plus + 1) : undefined;
  if (metadata !== undefined && !metadata.split('.').every((part) => LABEL.test(part))) {
    return rejected('invalid build metadata');
  }
  const dash = main.indexOf('-');
  const numberText = dash >= 0 ? main.slice(0, dash) : main;
  const labels = dash >= 0 ? main.slice(dash + 1).split('.') : [];
  if (!labels.every((label) => LABEL.test(label))) return rejected('invalid release label');
  const parts = numberText.split('.');
  if (
    parts.length > 4 ||
    !parts.every((part) => /^[0-9]+$/.test(part) && compareDigits(part, INT32_MAX) <= 0)
  ) {
    return rejected('expected one to four numbers');
  }
  const numbers = [...parts, '0', '0', '0'].slice(0, 4) as NuGetVersion['numbers'];
  return parsed({ numbers, labels });
}

const isInt32 = (label: string): boolean => /^[0-9]+$/.test(label) && compareDigits(label, INT32_MAX) <= 0;

/** `StringComparer.OrdinalIgnoreCase` for ASCII labels: compare as upper case, code unit by code unit. */
function compareIgnoreCase(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareLabel(a: string, b: string): number {
  const numericA = isInt32(a);
  const numericB = isInt32(b);
  if (numericA && numericB) return compareDigits(a, b);
  if (numericA !== numericB) return numericA ? -1 : 1;
  return compareIgnoreCase(a, b);
}

/** `VersionComparer.Default`: numbers, then release before prerelease, then labels one by one. */
export function compareNuGet(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const diff = compareDigits(a.numbers[i]!, b.numbers[i]!);
    if (diff !== 0) return diff;
  }
  if (a.labels.length === 0 || b.labels.length === 0) {
    return a.labels.length === b.labels.length ? 0 : a.labels.length === 0 ? 1 : -1;
  }
  for (let i = 0; i < Math.min(a.labels.length, b.labels.length); i++) {
    const diff = compareLabel(a.labels[i]!, b.labels[i]!);
    if (diff !== 0) return diff;
  }
  return a.labels.length - b.labels.length;
}

export const nugetScheme = defineScheme('nuget', 'NuGet', parseNuGet, compareNuGet);
