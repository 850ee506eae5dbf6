import { createRepoArchiveFeed } from '../repo-archive.js';
import { advisoryPath, parseFriendsOfPhp } from './parse.js';

export const friendsOfPhpFeed = createRepoArchiveFeed({
  id: 'friendsofphp',
  title: 'FriendsOfPHP security advisories (Packagist)',
  defaultUrl: 'https://github.com/FriendsOfPHP/security-advisories/archive/refs/heads/master.zip',
  accept: advisoryPath,
  parse: parseFriendsOfPhp,
});
