import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRules } from '../../src/server/access.js';
import type { Role } from '../../src/store/types.js';
import { makeTeam, startTestApp, type Team, type TestApp } from './support/app-harness.js';

type Caller = 'anonymous' | 'outsider' | Role;
const rank: Record<Role, number> = { member: 0, editor: 1, owner: 2 };

/** What the guard must answer for a caller on a route with this rule; undefined = let through. */
function expected(rule: string, caller: Caller): number | undefined {
  if (rule === 'public' || rule === 'webhook') return undefined;
  if (caller === 'anonymous') return 401;
  if (rule === 'signed-in') return undefined;
  if (caller === 'outsider') return 404;
  return rank[caller] >= rank[rule as Role] ? undefined : 403;
}

describe('authorization matrix: every endpoint × every role', () => {
  let t: TestApp;
  let team: Team;
  let outsider: Team;
  beforeAll(async () => {
    t = await startTestApp();
    team = await makeTeam(t, 'acme');
    outsider = await makeTeam(t, 'other');
  });
  afterAll(() => t?.close());

  it('declares a rule for every route in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.length).toBeGreaterThan(25);
    for (const key of documented) expect(accessRules.has(key), key).toBe(true);
  });

  it('answers each caller as the route’s rule says', async () => {
    const callers: Caller[] = ['anonymous', 'outsider', 'member', 'editor', 'owner'];
    let checked = 0;
    for (const [key, rule] of accessRules) {
      const [method, template] = key.split(' ') as [string, string];
      if (rule === 'public' || rule === 'webhook') continue;
      const path = template.replace('{org}', team.orgSlug).replace('{id}', 'does-not-exist');
      for (const caller of callers) {
        const token =
          caller === 'anonymous'
            ? undefined
            : caller === 'outsider'
              ? outsider.tokens.owner
              : team.tokens[caller];
        const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
        // never sign the shared tokens out
        if (method === 'DELETE' && template === '/api/session') continue;
        const res = await t.call(method, path, { ...(token ? { token } : {}), ...(body ? { body } : {}) });
        const want = expected(rule, caller);
        const label = `${key} as ${caller} → ${res.status} ${JSON.stringify(res.body?.error ?? '')}`;
        if (want) expect(res.status, label).toBe(want);
        else {
          expect([401, 403], label).not.toContain(res.status);
          expect(res.body?.error?.message ?? '', label).not.toMatch(/not a member/);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
