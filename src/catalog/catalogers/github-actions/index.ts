import { makePurl } from '../../../core/purl.js';
import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import type { ParsedPackage } from '../lang-common/parsed.js';
import { parseWorkflow } from './parse-workflow.js';

const ID = 'github-actions';
const PATTERNS = [
  '**/.github/workflows/*.yml',
  '**/.github/workflows/*.yaml',
  '**/action.yml',
  '**/action.yaml',
];

/** `pkg:github/<owner>/<repo>@<ref>#<path>`: the github purl type lowercases owner and repository. */
function actionPurl(pkg: ParsedPackage): string {
  const [owner, repo] = pkg.name.split('/');
  const path = typeof pkg.metadata?.path === 'string' ? pkg.metadata.path : undefined;
  return makePurl({
    type: 'github',
    namespace: owner!.toLowerCase(),
    name: repo!.toLowerCase(),
    version: pkg.version,
    ...(path ? { subpath: path } : {}),
  });
}

/**
 * GitHub Actions used by workflows (`.github/workflows/*.yml`) and composite actions (`action.yml`): mostly
 * for fs:// inputs (a checked-out repository), where they are part of the supply chain.
 */
export const githubActionsCataloger: Cataloger = {
  id: ID,
  version: 1,
  type: 'github-action',
  patterns: PATTERNS,
  catalog: ({ tree }) =>
    catalogFiles(tree, {
      id: ID,
      type: 'github-action',
      files: regularFiles(tree.glob(PATTERNS)),
      parse: (content) => parseWorkflow(content.toString('utf8')),
      purl: actionPurl,
    }),
};
