import { AppError } from '../core/errors.js';
import type { Db, UsersTable } from './schema.js';
import type { User, UserStore } from './types.js';
import { isUniqueViolation, newId, nowIso, toCount } from './util.js';

function toUser(row: Pick<UsersTable, 'id' | 'email' | 'name' | 'created_at'>): User {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
}

export function userStore(db: Db): UserStore {
  return {
    async create(input) {
      const row: UsersTable = {
        id: newId(),
        email: input.email.trim().toLowerCase(),
        name: input.name,
        password_hash: input.passwordHash,
        created_at: nowIso(),
      };
      try {
        await db.insertInto('users').values(row).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new AppError('E_CONFLICT', `a user with the email ${row.email} exists`);
      }
      return toUser(row);
    },
    async get(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async getByEmail(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.trim().toLowerCase())
        .executeTakeFirst();
      return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
    },
    async setPasswordHash(id, passwordHash) {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },
    async count() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return toCount(row?.n);
    },
  };
}
