import { matchDistroPackage } from '../helpers/distro-match.js';
import type { Matcher } from '../types.js';

/** Alpine (and Wolfi-style) packages: by name and by origin, within the image's branch. */
export const apkMatcher: Matcher = { id: 'apk', types: ['apk'], match: matchDistroPackage };
