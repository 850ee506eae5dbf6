import { matchDistroPackage } from '../helpers/distro-match.js';
import type { Matcher } from '../types.js';

/** pacman packages: by name and by pkgbase (Arch Linux is rolling: no release). */
export const alpmMatcher: Matcher = { id: 'alpm', types: ['alpm'], match: matchDistroPackage };
