import { compact, failed, guarded, type ParseResult, parsed } from '../lang-common/parsed.js';
import { asArray, asDict, asString, parseJson, uniqueStrings } from '../lang-common/values.js';

/**
 * One installed package's `package.json`. `installedAs` is the directory name under node_modules: it differs
 * from `name` for aliases (`npm install x@npm:y@1`), where the package really installed is `name`.
 */
export function parsePackageJson(text: string, installedAs?: string): ParseResult {
  return guarded(() => {
    const json = parseJson(text);
    if (!json.ok) return failed(json.reason);
    const manifest = asDict(json.value);
    if (!manifest) return failed('package.json is not a JSON object');
    const name = asString(manifest.name);
    const version = asString(manifest.version);
    if (!name || !version) return failed('package.json has no name or version');
    const metadata = compact({
      author: personOf(manifest.author),
      homepage: asString(manifest.homepage),
      private: manifest.private === true,
      installedAs: installedAs && installedAs !== name ? installedAs : undefined,
    });
    return parsed([{ name, version, licenses: npmLicenses(manifest), ...(metadata ? { metadata } : {}) }]);
  });
}

/** `license` (SPDX expression, or the legacy `{type}` object) or the legacy `licenses` list/object. */
export function npmLicenses(manifest: Record<string, unknown>): string[] {
  const fromOne = (value: unknown): string | undefined => asString(value) ?? asString(asDict(value)?.type);
  const single = fromOne(manifest.license);
  if (single) return [single];
  const legacy = manifest.licenses;
  if (Array.isArray(legacy)) return uniqueStrings(asArray(legacy).map(fromOne));
  return uniqueStrings([fromOne(legacy)]);
}

/** npm's person field: `"Name <mail> (url)"` or `{name, email, url}`; kept as one string. */
function personOf(value: unknown): string | undefined {
  const text = asString(value);
  if (text) return text;
  const person = asDict(value);
  if (!person) return undefined;
  const name = asString(person.name);
  const email = asString(person.email);
  if (!name) return email;
  return email ? `${name} <${email}>` : name;
}
