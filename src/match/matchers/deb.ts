import { matchDistroPackage } from '../helpers/distro-match.js';
import type { Matcher } from '../types.js';

/** Debian and Ubuntu packages: by binary and by source package, within the image's release. */
export const debMatcher: Matcher = { id: 'deb', types: ['deb'], match: matchDistroPackage };
