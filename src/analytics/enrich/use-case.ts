import type { UseCase } from '../types.js';

/**
 * The seed's reclassification on cloud hosts: "Local development tools used on cloud infrastructure are
 * reclassified as CI/CD, and CI/CD tools used on cloud infrastructure are reclassified as production."
 */
export function inferUseCase(toolUseCase: UseCase, csp: string): UseCase {
  if (csp === 'no csp') return toolUseCase;
  if (toolUseCase === 'Local Dev') return 'CI/CD';
  if (toolUseCase === 'CI/CD') return 'Prod';
  return toolUseCase;
}
