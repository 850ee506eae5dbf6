import { describe, expect, it } from 'vitest';
import { rejectsWith, type StoreFactory, unique, useStore } from './store-suite.js';

/** Orgs, users, memberships, sessions, tokens, settings, transactions. */
export function accountsSuite(factory: StoreFactory): void {
  describe(`store accounts (${factory.label})`, () => {
    const ctx = useStore(factory);

    it('creates orgs with unique slugs and settings', async () => {
      const slug = unique('acme');
      const org = await ctx.store.orgs.create({
        slug,
        name: 'Acme',
        settings: { maxEnabledRepositories: 3 },
      });
      expect(org.settings.maxEnabledRepositories).toBe(3);
      expect(await ctx.store.orgs.getBySlug(slug)).toEqual(org);
      await rejectsWith(ctx.store.orgs.create({ slug, name: 'again' }), 'E_CONFLICT');
      const updated = await ctx.store.orgs.updateSettings(org.id, { maxEnabledRepositories: null });
      expect(updated.settings.maxEnabledRepositories).toBeNull();
      expect(await ctx.store.orgs.get('nope')).toBeUndefined();
    });

    it('stores users by lower-case email, unique', async () => {
      const email = `${unique('Ann')}@Example.org`;
      const user = await ctx.store.users.create({ email, name: 'Ann', passwordHash: 'h1' });
      expect(user.email).toBe(email.toLowerCase());
      const found = await ctx.store.users.getByEmail(email.toUpperCase());
      expect(found?.passwordHash).toBe('h1');
      await rejectsWith(ctx.store.users.create({ email, name: 'x', passwordHash: 'h' }), 'E_CONFLICT');
      await ctx.store.users.setPasswordHash(user.id, 'h2');
      expect((await ctx.store.users.getByEmail(email))?.passwordHash).toBe('h2');
    });

    it('keeps one membership per user and org, with roles', async () => {
      const org = await ctx.store.orgs.create({ slug: unique('m'), name: 'M' });
      const other = await ctx.store.orgs.create({ slug: unique('m'), name: 'Other' });
      const a = await ctx.store.users.create({ email: `${unique('a')}@x.io`, name: 'A', passwordHash: 'h' });
      const b = await ctx.store.users.create({ email: `${unique('b')}@x.io`, name: 'B', passwordHash: 'h' });
      await ctx.store.memberships.put(org.id, a.id, 'owner');
      await ctx.store.memberships.put(org.id, b.id, 'member');
      await ctx.store.memberships.put(org.id, b.id, 'editor');
      await ctx.store.memberships.put(other.id, b.id, 'owner');
      expect((await ctx.store.memberships.get(org.id, b.id))?.role).toBe('editor');
      const members = await ctx.store.memberships.listByOrg(org.id);
      expect(members.map((m) => [m.email, m.role])).toEqual([
        [a.email, 'owner'],
        [b.email, 'editor'],
      ]);
      expect(await ctx.store.memberships.countOwners(org.id)).toBe(1);
      const orgsOfB = await ctx.store.orgs.listForUser(b.id);
      expect(orgsOfB.map((o) => o.role).sort()).toEqual(['editor', 'owner']);
      expect(await ctx.store.memberships.remove(org.id, b.id)).toBe(true);
      expect(await ctx.store.memberships.remove(org.id, b.id)).toBe(false);
    });

    it('finds live sessions only', async () => {
      const user = await ctx.store.users.create({
        email: `${unique('s')}@x.io`,
        name: 'S',
        passwordHash: 'h',
      });
      const liveSecret = unique('live');
      const live = await ctx.store.sessions.create({
        userId: user.id,
        secretHash: liveSecret,
        expiresAt: '2030-01-01T00:00:00.000Z',
      });
      const oldHash = unique('old');
      await ctx.store.sessions.create({
        userId: user.id,
        secretHash: oldHash,
        expiresAt: '2020-01-01T00:00:00.000Z',
      });
      const now = '2026-01-01T00:00:00.000Z';
      expect(await ctx.store.sessions.findBySecretHash(oldHash, now)).toBeUndefined();
      expect(await ctx.store.sessions.findBySecretHash(liveSecret, now)).toEqual(live);
      expect(await ctx.store.sessions.findBySecretHash('nope', now)).toBeUndefined();
      expect(await ctx.store.sessions.deleteExpired(now)).toBeGreaterThanOrEqual(1);
      await ctx.store.sessions.delete(live.id);
      expect(await ctx.store.sessions.findBySecretHash(liveSecret, now)).toBeUndefined();
    });

    it('revokes tokens once, within their org only', async () => {
      const org = await ctx.store.orgs.create({ slug: unique('t'), name: 'T' });
      const other = await ctx.store.orgs.create({ slug: unique('t'), name: 'U' });
      const user = await ctx.store.users.create({
        email: `${unique('t')}@x.io`,
        name: 'T',
        passwordHash: 'h',
      });
      const hash = unique('hash');
      const token = await ctx.store.tokens.create({
        orgId: org.id,
        userId: user.id,
        name: 'ci',
        role: 'editor',
        secretHash: hash,
        prefix: 'cn_abcd',
      });
      expect(await ctx.store.tokens.findBySecretHash(hash)).toEqual(token);
      expect(await ctx.store.tokens.revoke(other.id, token.id, '2026-01-01T00:00:00.000Z')).toBe(false);
      expect(await ctx.store.tokens.revoke(org.id, token.id, '2026-01-01T00:00:00.000Z')).toBe(true);
      expect(await ctx.store.tokens.revoke(org.id, token.id, '2026-01-02T00:00:00.000Z')).toBe(false);
      await ctx.store.tokens.touch(token.id, '2026-01-03T00:00:00.000Z');
      const [listed] = await ctx.store.tokens.listByOrg(org.id);
      expect(listed?.revokedAt).toBe('2026-01-01T00:00:00.000Z');
      expect(listed?.lastUsedAt).toBe('2026-01-03T00:00:00.000Z');
      expect(await ctx.store.tokens.listByOrg(other.id)).toEqual([]);
    });

    it('keeps server settings', async () => {
      const key = unique('k');
      expect(await ctx.store.settings.get(key)).toBeUndefined();
      await ctx.store.settings.set(key, 'one');
      await ctx.store.settings.set(key, 'two');
      expect(await ctx.store.settings.get(key)).toBe('two');
      expect(await ctx.store.settings.delete(key)).toBe(true);
    });

    it('writes all of a transaction or none of it', async () => {
      const slug = unique('tx');
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.orgs.create({ slug, name: 'half' });
          await tx.orgs.create({ slug, name: 'duplicate' });
        }),
      ).rejects.toMatchObject({ code: 'E_CONFLICT' });
      expect(await ctx.store.orgs.getBySlug(slug)).toBeUndefined();
      const made = await ctx.store.transaction(async (tx) => {
        const org = await tx.orgs.create({ slug, name: 'whole' });
        // nested calls join the open transaction
        return tx.transaction(async (inner) => inner.orgs.get(org.id));
      });
      expect(made?.name).toBe('whole');
      await ctx.store.ping();
    });
  });
}
