import { createRepoArchiveFeed } from '../repo-archive.js';
import { nodejsPath, parseNodejs } from './parse.js';

export const nodejsFeed = createRepoArchiveFeed({
  id: 'nodejs-security-wg',
  title: 'Node.js security WG (legacy npm advisories, Node.js core)',
  defaultUrl: 'https://github.com/nodejs/security-wg/archive/refs/heads/main.zip',
  accept: nodejsPath,
  parse: parseNodejs,
});
