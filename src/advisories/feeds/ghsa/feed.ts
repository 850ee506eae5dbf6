import { parseOsvEntries } from '../osv/parse.js';
import { createRepoArchiveFeed } from '../repo-archive.js';

/** Reviewed advisories in the GitHub Advisory Database repository, which stores them as OSV JSON. */
export const ghsaPath = /(?:^|\/)advisories\/github-reviewed\/(?:[^/]+\/)*GHSA-[^/]+\.json$/;

export const ghsaFeed = createRepoArchiveFeed({
  id: 'ghsa',
  title: 'GitHub Advisory Database (OSV layout, reviewed)',
  defaultUrl: 'https://github.com/github/advisory-database/archive/refs/heads/main.zip',
  // the OSV ecosystem exports carry the same records in smaller downloads
  defaultEnabled: false,
  accept: ghsaPath,
  parse: (entries, source) => parseOsvEntries(entries, source, true),
});
