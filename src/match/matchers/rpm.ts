import { matchDistroPackage } from '../helpers/distro-match.js';
import type { Matcher } from '../types.js';

/** RPM packages: by binary name and by the source RPM's name, within the image's release. */
export const rpmMatcher: Matcher = { id: 'rpm', types: ['rpm'], match: matchDistroPackage };
