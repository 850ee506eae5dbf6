import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { postgresBinDir, type RunningPostgres, startPostgres } from '../harness/postgres.js';
import type { StoreFactory } from './support/store-suite.js';
import { accountsSuite } from './support/store-suite-accounts.js';
import { dashboardSuite } from './support/store-suite-dashboard.js';
import { imagesSuite } from './support/store-suite-images.js';
import { jobsSuite } from './support/store-suite-jobs.js';

const suites = [accountsSuite, imagesSuite, jobsSuite, dashboardSuite];

// ---- SQLite: a new file per suite
const dir = mkdtempSync(join(tmpdir(), 'crowsnest-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const sqlite: StoreFactory = {
  label: 'SQLite',
  fresh: async () => {
    const sqlitePath = join(dir, `store-${++files}.db`);
    return { store: await openStore({ sqlitePath }), options: { sqlitePath } };
  },
};
for (const suite of suites) suite(sqlite);

// ---- PostgreSQL: a real server started here, a new database per suite
const pgMissing = !postgresBinDir();
if (pgMissing)
  console.warn(
    'PostgreSQL server binaries missing (Debian package postgresql): PostgreSQL store suite skipped',
  );
describe.skipIf(pgMissing)('PostgreSQL', () => {
  let server: RunningPostgres;
  let databases = 0;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => server?.stop());
  const postgres: StoreFactory = {
    label: 'PostgreSQL',
    fresh: async () => {
      const databaseUrl = await server.createDatabase(`store_${++databases}`);
      return { store: await openStore({ databaseUrl }), options: { databaseUrl } };
    },
  };
  for (const suite of suites) suite(postgres);
});
