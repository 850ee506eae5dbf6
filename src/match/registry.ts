import type { PackageType } from '../sbom/types.js';
import { alpmMatcher } from './matchers/alpm.js';
import { apkMatcher } from './matchers/apk.js';
import { cargoMatcher } from './matchers/cargo.js';
import { composerMatcher } from './matchers/composer.js';
import { debMatcher } from './matchers/deb.js';
import { gemMatcher } from './matchers/gem.js';
import { githubActionMatcher } from './matchers/github-action.js';
import { golangMatcher } from './matchers/golang.js';
import { mavenMatcher } from './matchers/maven.js';
import { npmMatcher } from './matchers/npm.js';
import { nugetMatcher } from './matchers/nuget.js';
import { pypiMatcher } from './matchers/pypi.js';
import { rpmMatcher } from './matchers/rpm.js';
import type { Matcher } from './types.js';

/** Every matcher. Adding one means adding it here; nothing registers itself. */
export const matchers: readonly Matcher[] = [
  debMatcher,
  rpmMatcher,
  apkMatcher,
  alpmMatcher,
  npmMatcher,
  pypiMatcher,
  mavenMatcher,
  golangMatcher,
  gemMatcher,
  composerMatcher,
  nugetMatcher,
  cargoMatcher,
  githubActionMatcher,
];

/** The matcher for each package type. */
export const matcherByType: ReadonlyMap<PackageType, Matcher> = new Map(
  matchers.flatMap((matcher) => matcher.types.map((type) => [type, matcher] as const)),
);
