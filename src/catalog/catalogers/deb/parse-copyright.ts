import { parseParagraphs } from './parse-control.js';

/**
 * Licences declared by a Debian `copyright` file, SPDX where the file says so unambiguously, the declared
 * name otherwise, in order of first appearance and without repeats.
 *
 * Machine-readable files (copyright-format 1.0, "DEP-5") name licences in `License:` fields with Debian's
 * short names (`GPL-2+`, `Expat`, `BSD-3-clause or GPL-2`), mapped here to SPDX. Free-form files are
 * searched for a few well-known licence texts and GNU licence notices; anything else yields nothing rather
 * than a guess.
 */
export function licensesFromCopyright(text: string): string[] {
  const found = isMachineReadable(text) ? fromDep5(text) : fromFreeText(text);
  return [...new Set(found)];
}

function isMachineReadable(text: string): boolean {
  const first = text.trimStart().split(/\r?\n/, 1)[0] ?? '';
  return /^Format:\s*\S*copyright-format/i.test(first);
}

function fromDep5(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of parseParagraphs(text)) {
    const synopsis = paragraph.get('license')?.split('\n', 1)[0]?.trim();
    if (synopsis) out.push(dep5Expression(synopsis));
  }
  return out;
}

/** Debian short names (copyright-format 1.0, "License specification") → SPDX ids. Keys lower-case. */
const shortNames: Record<string, string> = {
  'apache-1.0': 'Apache-1.0',
  'apache-1.1': 'Apache-1.1',
  'apache-2.0': 'Apache-2.0',
  artistic: 'Artistic-1.0-Perl',
  'artistic-1.0': 'Artistic-1.0',
  'artistic-2.0': 'Artistic-2.0',
  'bsd-2-clause': 'BSD-2-Clause',
  'bsd-3-clause': 'BSD-3-Clause',
  'bsd-4-clause': 'BSD-4-Clause',
  'bsl-1.0': 'BSL-1.0',
  cc0: 'CC0-1.0',
  'cc0-1.0': 'CC0-1.0',
  expat: 'MIT',
  mit: 'MIT',
  isc: 'ISC',
  zlib: 'Zlib',
  'mpl-1.1': 'MPL-1.1',
  'mpl-2.0': 'MPL-2.0',
  'psf-2': 'PSF-2.0',
  'python-2.0': 'Python-2.0',
  openssl: 'OpenSSL',
  ssleay: 'SSLeay',
  curl: 'curl',
  unicode: 'Unicode-DFS-2016',
  'ofl-1.1': 'OFL-1.1',
  'epl-1.0': 'EPL-1.0',
  'epl-2.0': 'EPL-2.0',
};

/** GNU families take a version and an optional `+` (or later). */
const gnuFamilies: Record<string, string> = { gpl: 'GPL', lgpl: 'LGPL', agpl: 'AGPL', gfdl: 'GFDL' };

function shortNameToSpdx(name: string): string | undefined {
  const lower = name.toLowerCase();
  const direct = shortNames[lower];
  if (direct) return direct;
  const gnu = /^(gpl|lgpl|agpl|gfdl)-(\d(?:\.\d)?)(\+)?$/.exec(lower);
  if (!gnu) return undefined;
  const version = gnu[2]!.includes('.') ? gnu[2]! : `${gnu[2]}.0`;
  return `${gnuFamilies[gnu[1]!]}-${version}-${gnu[3] ? 'or-later' : 'only'}`;
}

/**
 * `BSD-3-clause or GPL-2+` → `BSD-3-Clause OR GPL-2.0-or-later`. A synopsis with anything this table does
 * not know (an exception clause, a comma list, a local name such as `BSD-variant`) is kept as written.
 */
export function dep5Expression(synopsis: string): string {
  if (synopsis.includes(',') || /\bwith\b/i.test(synopsis)) return synopsis;
  const parts = synopsis.split(/\s+(or|and)\s+/i);
  const mapped: string[] = [];
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    if (index % 2 === 1) {
      mapped.push(part.toUpperCase());
      continue;
    }
    const spdx = shortNameToSpdx(part);
    if (!spdx) return synopsis;
    mapped.push(spdx);
  }
  return mapped.join(' ');
}

/** Opening lines of well-known licence texts, as they appear pasted into free-form copyright files. */
const licenceTexts: readonly [RegExp, string][] = [
  [/Apache License,? Version 2\.0/i, 'Apache-2.0'],
  [/Permission is hereby granted, free of charge, to any person obtaining a copy/i, 'MIT'],
  [
    /Permission to use, copy, modify, and(?:\/or)? distribute this software for any purpose with or without fee/i,
    'ISC',
  ],
  [/This software is provided 'as-is', without any express or implied warranty/i, 'Zlib'],
  [/Mozilla Public License,? (?:Version|v\.) ?2\.0/i, 'MPL-2.0'],
  [/Boost Software License - Version 1\.0/i, 'BSL-1.0'],
];

/**
 * "under [the terms of] the GNU [Lesser|Library|Affero] General Public License ... version N [of the License][,
 * or (at your option) any later version]". Requiring "under" skips "the complete text of the GNU General
 * Public License version 2 can be found in ...", which names a file, not the terms.
 */
const gnuNotice =
  /under (?:the terms of )?the GNU (Lesser |Library |Affero )?General Public License[^.]{0,160}?version (\d(?:\.\d)?)(?: of the License)?(,? or \(at your option\) any later version)?/gi;

function fromFreeText(text: string): string[] {
  const flat = text.replace(/\s+/g, ' ');
  const out: string[] = [];
  for (const match of flat.matchAll(gnuNotice)) {
    const kind = match[1]?.trim().toLowerCase();
    const family = kind === 'affero' ? 'AGPL' : kind ? 'LGPL' : 'GPL';
    const version = match[2]!.includes('.') ? match[2]! : `${match[2]}.0`;
    out.push(`${family}-${version}-${match[3] ? 'or-later' : 'only'}`);
  }
  for (const [pattern, id] of licenceTexts) if (pattern.test(flat)) out.push(id);
  return out;
}
