import type { Headers } from './parse-core-metadata.js';

/** Trove classifiers that name exactly one SPDX licence; the others keep their own words. */
const spdxOfClassifier: Record<string, string> = {
  'MIT License': 'MIT',
  'MIT No Attribution License (MIT-0)': 'MIT-0',
  'ISC License (ISCL)': 'ISC',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v2 (LGPLv2)': 'LGPL-2.0-only',
  'GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.0-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'Python Software Foundation License': 'PSF-2.0',
  'The Unlicense (Unlicense)': 'Unlicense',
  'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'Apache Software License 2.0 (Apache-2.0)': 'Apache-2.0',
};

const longestDeclaration = 200;

/**
 * Licences of a distribution, most precise source first: `License-Expression` (an SPDX expression, core
 * metadata 2.4), then a short `License` field, then `License :: …` classifiers. A `License` field holding a
 * whole licence text (some projects paste it in) is not a name, so classifiers win over it; when there are
 * none, its first line is kept.
 */
export function licensesFrom(headers: Headers): string[] {
  const expression = headers.get('license-expression')?.[0]?.trim();
  if (expression) return [expression];
  const declared = headers.get('license')?.[0]?.trim();
  const usable = declared && !/^unknown$/i.test(declared) ? declared : undefined;
  if (usable && !usable.includes('\n') && usable.length <= longestDeclaration) return [usable];
  const fromClassifiers = classifierLicenses(headers.get('classifier') ?? []);
  if (fromClassifiers.length) return fromClassifiers;
  return usable ? [usable.split('\n')[0]!.slice(0, longestDeclaration)] : [];
}

function classifierLicenses(classifiers: string[]): string[] {
  const out = new Set<string>();
  for (const classifier of classifiers) {
    const parts = classifier.split('::').map((p) => p.trim());
    if (parts[0] !== 'License' || parts.length < 2) continue;
    const leaf = parts[parts.length - 1]!;
    // the bare "License :: OSI Approved" says only that some approved licence applies
    if (leaf !== 'OSI Approved') out.add(spdxOfClassifier[leaf] ?? leaf);
  }
  return [...out];
}
