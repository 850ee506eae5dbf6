import { AppError } from '../core/errors.js';
import type { Membership, Role, Store, User } from '../store/types.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { newSecret, secretHash } from './secrets.js';
import type { AuthService, BootstrapInput, Principal } from './types.js';
import { roleRank } from './types.js';

const SETUP_TOKEN_KEY = 'setup-token-hash';
/** A hash to verify against when the email is unknown, so both answers take as long. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface AuthOptions {
  sessionTtlMs?: number;
  now?: () => Date;
}

const lower = (a: Role, b: Role): Role => (roleRank[a] <= roleRank[b] ? a : b);
const authRequired = (message: string) =>
  new AppError('E_AUTH_REQUIRED', message, { hint: 'sign in again or use a valid API token' });
const notFound = () => new AppError('E_NOT_FOUND', 'no such organization, or you are not a member');

/**
 * Makes the one-time setup token `serve` prints on first start (while no user exists). A new one on every
 * start replaces the last; bootstrap deletes it.
 */
export async function prepareSetupToken(store: Store): Promise<string | undefined> {
  if ((await store.users.count()) > 0) return undefined;
  const token = newSecret('cnsetup', 18);
  await store.settings.set(SETUP_TOKEN_KEY, secretHash(token));
  return token;
}

export function authService(store: Store, options: AuthOptions = {}): AuthService {
  const now = options.now ?? (() => new Date());
  const sessionTtl = options.sessionTtlMs ?? 7 * 86_400_000;

  async function membershipOf(orgId: string, user: User): Promise<Membership> {
    const membership = await store.memberships.get(orgId, user.id);
    if (!membership) throw notFound();
    return membership;
  }

  async function bootstrap(input: BootstrapInput, setupToken: string | 'trusted') {
    if (setupToken !== 'trusted') {
      const expected = await store.settings.get(SETUP_TOKEN_KEY);
      if (!expected || expected !== secretHash(setupToken)) {
        throw authRequired('the setup token is wrong or was already used');
      }
    }
    const passwordHash = await hashPassword(input.password);
    return store.transaction(async (tx) => {
      if ((await tx.users.count()) > 0) {
        throw new AppError('E_CONFLICT', 'this server already has an owner', { hint: 'sign in instead' });
      }
      const user = await tx.users.create({
        email: input.email,
        name: input.name ?? input.email,
        passwordHash,
      });
      const org = await tx.orgs.create({
        slug: input.orgSlug ?? 'default',
        name: input.orgName ?? 'Default',
      });
      await tx.memberships.put(org.id, user.id, 'owner');
      await tx.settings.delete(SETUP_TOKEN_KEY);
      return { user, org };
    });
  }

  async function fromToken(secret: string): Promise<Principal> {
    const token = await store.tokens.findBySecretHash(secretHash(secret));
    if (!token) throw authRequired('the API token is not known');
    const at = now().toISOString();
    if (token.revokedAt) throw authRequired('the API token was revoked');
    if (token.expiresAt && token.expiresAt <= at) throw authRequired('the API token has expired');
    const user = await store.users.get(token.userId);
    const membership = user ? await store.memberships.get(token.orgId, user.id) : undefined;
    if (!user || !membership) throw authRequired('the API token’s user is no longer a member');
    // a write per use would be a write per request: once a minute is enough to show "last used"
    if (!token.lastUsedAt || Date.parse(at) - Date.parse(token.lastUsedAt) > 60_000)
      await store.tokens.touch(token.id, at);
    return {
      kind: 'token',
      user,
      token: { id: token.id, orgId: token.orgId, role: lower(token.role, membership.role) },
    };
  }

  return {
    needsSetup: async () => (await store.users.count()) === 0,
    bootstrap,
    async signIn(email, password) {
      const found = await store.users.getByEmail(email);
      const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
      if (!found || !ok) throw authRequired('the email or password is wrong');
      const secret = newSecret('cns');
      const expiresAt = new Date(now().getTime() + sessionTtl).toISOString();
      const session = await store.sessions.create({
        userId: found.id,
        secretHash: secretHash(secret),
        expiresAt,
      });
      const { passwordHash: _, ...user } = found;
      return { secret, session, user };
    },
    async signOut(principal) {
      if (principal.sessionId) await store.sessions.delete(principal.sessionId);
    },
    async fromSession(secret) {
      const session = await store.sessions.findBySecretHash(secretHash(secret), now().toISOString());
      const user = session ? await store.users.get(session.userId) : undefined;
      return session && user ? { kind: 'session', user, sessionId: session.id } : undefined;
    },
    fromToken,
    async access(principal, orgSlug) {
      const org = await store.orgs.getBySlug(orgSlug);
      if (!org || (principal.token && principal.token.orgId !== org.id)) throw notFound();
      const membership = await membershipOf(org.id, principal.user);
      const role = principal.token ? lower(principal.token.role, membership.role) : membership.role;
      return { principal, org, role };
    },
    async createToken(access, input) {
      const role = input.role ?? access.role;
      if (roleRank[role] > roleRank[access.role]) {
        throw new AppError(
          'E_FORBIDDEN',
          `a token cannot have more rights (${role}) than its creator (${access.role})`,
        );
      }
      const secret = newSecret('cn');
      const token = await store.tokens.create({
        orgId: access.org.id,
        userId: access.principal.user.id,
        name: input.name,
        role,
        secretHash: secretHash(secret),
        prefix: secret.slice(0, 11),
        ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      });
      return { token, secret };
    },
    async revokeToken(access, tokenId) {
      const token = (await store.tokens.listByOrg(access.org.id)).find((t) => t.id === tokenId);
      if (!token) throw new AppError('E_NOT_FOUND', 'no such token in this organization');
      if (token.userId !== access.principal.user.id && access.role !== 'owner') {
        throw new AppError('E_FORBIDDEN', 'only an owner may revoke another member’s token');
      }
      await store.tokens.revoke(access.org.id, tokenId, now().toISOString());
    },
    async addMember(access, input) {
      const existing = await store.users.getByEmail(input.email);
      let user: User;
      if (existing) {
        const { passwordHash: _, ...rest } = existing;
        user = rest;
      } else {
        if (!input.password) {
          throw new AppError('E_REQUEST_INVALID', 'a new user needs a password', { where: input.email });
        }
        user = await store.users.create({
          email: input.email,
          name: input.name ?? input.email,
          passwordHash: await hashPassword(input.password),
        });
      }
      const current = await store.memberships.get(access.org.id, user.id);
      if (
        current?.role === 'owner' &&
        input.role !== 'owner' &&
        (await store.memberships.countOwners(access.org.id)) < 2
      ) {
        throw new AppError('E_CONFLICT', 'the organization would have no owner left', {
          hint: 'make another member an owner first',
        });
      }
      await store.memberships.put(access.org.id, user.id, input.role);
      return user;
    },
  };
}
