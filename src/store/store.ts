import type { Kysely } from 'kysely';
import { dashboardStore } from './dashboard.js';
import { environmentStore } from './environments.js';
import { imageStore } from './images.js';
import { integrationStore } from './integrations.js';
import { jobStore } from './jobs.js';
import { membershipStore } from './memberships.js';
import { notificationStore } from './notifications.js';
import { orgStore } from './orgs.js';
import { packageIndexStore } from './package-index.js';
import { registryStore } from './registries.js';
import { repositoryStore } from './repositories.js';
import type { Database, Db } from './schema.js';
import { sessionStore } from './sessions.js';
import { settingsStore } from './settings.js';
import { subscriptionStore } from './subscriptions.js';
import { tokenStore } from './tokens.js';
import type { Store, StoreDialect } from './types.js';
import { userStore } from './users.js';

/** Every aggregate's repository over one handle: the database, or one open transaction. */
function bind(db: Db, dialect: StoreDialect, root: Kysely<Database>, close: () => Promise<void>): Store {
  const store: Store = {
    dialect,
    orgs: orgStore(db),
    users: userStore(db),
    memberships: membershipStore(db),
    sessions: sessionStore(db),
    tokens: tokenStore(db),
    registries: registryStore(db),
    repositories: repositoryStore(db, dialect),
    images: imageStore(db),
    packageIndex: packageIndexStore(db),
    jobs: jobStore(db, dialect),
    environments: environmentStore(db),
    notifications: notificationStore(db),
    subscriptions: subscriptionStore(db),
    integrations: integrationStore(db),
    settings: settingsStore(db),
    dashboard: dashboardStore(db),
    // nested calls join the transaction already open
    transaction: (fn) =>
      db.isTransaction ? fn(store) : root.transaction().execute((trx) => fn(bind(trx, dialect, root, close))),
    ping: async () => {
      await root.selectFrom('settings').select('key').limit(1).execute();
    },
    close,
  };
  return store;
}

/** A Store over an open Kysely database whose schema is migrated. */
export function createStore(db: Kysely<Database>, dialect: StoreDialect): Store {
  return bind(db, dialect, db, () => db.destroy());
}
