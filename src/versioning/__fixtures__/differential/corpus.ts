import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZipTexts } from './zip.js';

/** ../shared/advisories beside the checkout (CI always has it). */
export const advisoriesDir = fileURLToPath(new URL('../../../../../shared/advisories/', import.meta.url));
export const hasAdvisories = existsSync(advisoriesDir);

export function advisoryPath(relative: string): string {
  return join(advisoriesDir, relative);
}

/** Prints why a differential test is skipped, so a skip is never silent. */
export function explainSkip(what: string, needed: string): void {
  console.warn(`[versioning] skipping ${what}: ${needed} is missing`);
}

interface OsvLike {
  affected?: { package?: { ecosystem?: string }; versions?: string[]; ranges?: { events?: object[] }[] }[];
}

/** Every version named in OSV records (range events and `versions` lists) of matching ecosystems. */
export async function osvVersions(zip: string, ecosystem: (name: string) => boolean): Promise<string[]> {
  const out = new Set<string>();
  for (const text of await readZipTexts(advisoryPath(zip), (name) => name.endsWith('.json'))) {
    const record = JSON.parse(text) as OsvLike;
    for (const affected of record.affected ?? []) {
      if (!ecosystem(affected.package?.ecosystem ?? '')) continue;
      for (const v of affected.versions ?? []) out.add(v);
      for (const range of affected.ranges ?? []) {
        for (const event of range.events ?? []) {
          for (const v of Object.values(event))
            if (typeof v === 'string' && v !== '0' && !v.includes('*')) out.add(v);
        }
      }
    }
  }
  return [...out];
}

/** Version tokens after comparison operators (`>= 1.2.3`, `~> 4.0`, `<2.0.5`) in text files of a zip. */
export async function operatorVersions(zip: string, wanted: (name: string) => boolean): Promise<string[]> {
  const out = new Set<string>();
  for (const text of await readZipTexts(advisoryPath(zip), wanted)) {
    for (const match of text.matchAll(/(?:[<>]=?|~>|=)\s*v?([0-9][0-9A-Za-z.+-]*)/g)) out.add(match[1]!);
  }
  return [...out];
}

/** Versions of every package in the apt lists (thousands), else of the installed packages. */
export function debianVersions(): string[] {
  const dir = '/var/lib/apt/lists';
  const lists = existsSync(dir) ? readdirSync(dir).filter((f) => /_Packages(\.\w+)?$/.test(f)) : [];
  const text =
    lists.length > 0
      ? execFileSync('/usr/lib/apt/apt-helper', ['cat-file', ...lists.map((f) => join(dir, f))], {
          maxBuffer: 1 << 30,
          encoding: 'utf8',
        })
      : // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
        execFileSync('dpkg-query', ['-W', '-f', 'Version: ${Version}\n'], { encoding: 'utf8' });
  return [...new Set(text.match(/^Version: .+$/gm)?.map((line) => line.slice(9).trim()) ?? [])];
}
