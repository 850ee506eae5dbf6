import { createRepoArchiveFeed } from '../repo-archive.js';
import { parseRubysec, rubysecPath } from './parse.js';

export const rubysecFeed = createRepoArchiveFeed({
  id: 'rubysec',
  title: 'Ruby Advisory Database (RubyGems and Ruby interpreters)',
  defaultUrl: 'https://github.com/rubysec/ruby-advisory-db/archive/refs/heads/master.zip',
  accept: rubysecPath,
  parse: (entries, source) => parseRubysec(entries, source),
});
