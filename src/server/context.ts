import type { OrgAccess, Principal, Services } from '../service/types.js';

export interface AppVariables {
  services: Services;
  /** Set by the guard of org-scoped routes. */
  access: OrgAccess;
  /** Set by the guard of routes that need a signed-in caller. */
  principal: Principal;
  requestId: string;
}

export interface AppEnv {
  Variables: AppVariables;
}
