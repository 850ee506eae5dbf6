import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Advisory } from '../../src/advisories/model.js';
import { openAdvisoryDb } from '../../src/advisories/store/index.js';
import type { Report } from '../../src/report/types.js';
import type { Sbom } from '../../src/sbom/types.js';
import { matchRecordingKeys } from '../../src/service/analyze.js';
import { evaluationDriver, evaluationSettings } from '../../src/service/evaluation/driver.js';
import {
  ADVISORY_UPDATE,
  CURSOR_SETTING,
  queueNewOperations,
} from '../../src/service/evaluation/operations.js';
import { reevaluateOperation } from '../../src/service/evaluation/reevaluate.js';
import { jsonLogger, silentLogger } from '../../src/service/log.js';
import { openStore } from '../../src/store/open.js';
import type { ImageRecord, Store } from '../../src/store/types.js';
import { postgresBinDir, type RunningPostgres, startPostgres } from '../harness/postgres.js';
import { applyFeeds, makeRepository, pkg, pushImage, record, sbomOf } from './evaluation-support.js';

const debian12 = { id: 'debian', versionId: '12', codename: 'bookworm' };
const rhel9 = { id: 'rhel', versionId: '9.3' };

/** The selection suite over one store implementation (`fresh` opens an empty one). */
function selectionSuite(label: string, fresh: (dir: string) => Promise<Store>): void {
  describe(`continuous evaluation (${label}): the reverse index selects only the images an update names`, () => {
    let dir: string;
    let dbPath: string;
    let store: Store;
    let orgId: string;
    const images: Record<string, ImageRecord> = {};
    const evaluate = (operationId: number) =>
      reevaluateOperation({ store, advisoryDbPath: dbPath, log: silentLogger }, operationId);
    const historyLength = async (image: ImageRecord) => (await store.images.history(orgId, image.id)).length;
    const findingIds = async (image: ImageRecord) =>
      (await store.images.findings(orgId, image.id, { limit: 500 })).items.map((f) => f.vulnerabilityId);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'crowsnest-eval-'));
      dbPath = join(dir, 'advisories.db');
      store = await fresh(dir);
      orgId = (await store.orgs.create({ slug: 'acme', name: 'Acme' })).id;
      applyFeeds(dbPath, { seed: [record('SEED-1', 'npm', 'left-pad', '9.9.9')] });
      const continuous = await makeRepository(store, orgId, 'team/app');
      const frozen = await makeRepository(store, orgId, 'team/frozen', 'point-in-time');
      const libssl = pkg('deb', 'libssl3', '3.0.11-1~deb12u1', {
        source: { name: 'openssl', version: '3.0.11-1~deb12u1' },
      });
      const debian = sbomOf([libssl, pkg('deb', 'zlib1g', '1:1.2.13.dfsg-1')], debian12);
      const push = (sbom: ReturnType<typeof sbomOf>, repository = continuous) =>
        pushImage(store, dbPath, { repository, sbom });
      images.debian = await push(debian);
      images.frozen = await push(debian, frozen);
      images.npm = await push(sbomOf([pkg('npm', '@babel/traverse', '7.22.0')]));
      images.pypi = await push(sbomOf([pkg('pypi', 'Flask_SQLAlchemy', '2.5.0')]));
      images.maven = await push(
        sbomOf([
          pkg('maven', 'log4j-core', '2.14.1', {
            purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
            metadata: { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core' },
          }),
        ]),
      );
      images.go = await push(sbomOf([pkg('golang', 'github.com/gin-gonic/gin', 'v1.7.0')]));
      images.rhel = await push(
        sbomOf([pkg('rpm', 'openssl-libs', '1:3.0.7-24.el9', { source: { name: 'openssl' } })], rhel9),
      );
      images.unrelated = await push(sbomOf([pkg('npm', 'lodash', '4.17.21')]));
    });
    afterAll(async () => {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const cases: [string, Advisory, string][] = [
      ['Debian source package', record('DSA-9001-1', 'Debian:12', 'openssl', '3.0.13-1~deb12u1'), 'debian'],
      ['Debian binary package', record('DEB-BIN-1', 'Debian:12', 'libssl3', '3.0.14-1~deb12u1'), 'debian'],
      ['npm scoped name', record('GHSA-npm1-aaaa-bbbb', 'npm', '@babel/traverse', '7.23.2'), 'npm'],
      ['PyPI name under PEP 503', record('PYSEC-2026-1', 'PyPI', 'flask.sqlalchemy', '3.0.0'), 'pypi'],
      [
        'Maven groupId:artifactId',
        record('GHSA-mvn1-aaaa-bbbb', 'Maven', 'org.apache.logging.log4j:log4j-core', '2.15.0'),
        'maven',
      ],
      ['Go module path', record('GO-2026-0001', 'Go', 'github.com/gin-gonic/gin', '1.9.1'), 'go'],
      [
        'Red Hat stream under the release',
        record('RHSA-2026:0001', 'Red Hat:enterprise_linux:9::appstream', 'openssl', '1:3.0.7-27.el9'),
        'rhel',
      ],
    ];

    it.each(cases)(
      '%s: only that image is re-matched, and it gains the finding',
      async (_, advisory, name) => {
        const target = images[name] as ImageRecord;
        const before = Object.fromEntries(
          await Promise.all(Object.entries(images).map(async ([k, v]) => [k, await historyLength(v)])),
        );
        const [op] = applyFeeds(dbPath, { [`feed-${advisory.id}`]: [advisory] });
        const outcome = await evaluate(op as number);
        expect(outcome).toMatchObject({ selected: 1, rematched: 1, changed: 1, skipped: 0 });
        expect(await findingIds(target)).toContain(advisory.id);
        for (const [key, image] of Object.entries(images))
          expect(await historyLength(image), key).toBe(before[key] + (key === name ? 1 : 0));
        const history = await store.images.history(orgId, target.id);
        expect(history.at(-1)).toMatchObject({ reason: 're-evaluation', operationId: op });
      },
    );

    it('never touches a point-in-time image, though its packages are in the index', async () => {
      const frozenFindings = await findingIds(images.frozen as ImageRecord);
      expect(frozenFindings).toEqual([]);
      expect(await historyLength(images.frozen as ImageRecord)).toBe(1);
      expect((await store.images.get(orgId, images.frozen?.id as string))?.evaluatedAt).toBe(
        images.frozen?.evaluatedAt,
      );
    });

    it('re-matches several images for one multi-ecosystem update, and none twice when run again', async () => {
      const [op] = applyFeeds(dbPath, {
        multi: [
          record('MULTI-1', 'npm', '@babel/traverse', '7.24.0', 'critical'),
          record('MULTI-2', 'Go', 'github.com/gin-gonic/gin', '1.9.2', 'low'),
          record('MULTI-3', 'npm', 'not-in-any-image', '1.0.0'),
        ],
      });
      const first = await evaluate(op as number);
      expect(first).toMatchObject({ selected: 2, rematched: 2, changed: 2 });
      const again = await evaluate(op as number);
      expect(again).toMatchObject({ selected: 2, rematched: 2, changed: 0, notices: 0 });
    });

    it('re-matches the packages behind a KEV addition through the CVE’s alias group (a KEV entry names no package)', async () => {
      const aliased = record('GHSA-alias-aaaa-bbbb', 'npm', '@babel/traverse', '7.25.0', 'medium', {
        aliases: ['CVE-2026-4242'],
      });
      const [added] = applyFeeds(dbPath, { aliased: [aliased] });
      await evaluate(added as number);
      const kevOf = async () =>
        (await store.images.findings(orgId, images.npm?.id as string, { limit: 500 })).items.find(
          (f) => f.vulnerabilityId === 'CVE-2026-4242',
        )?.kev;
      expect(await kevOf()).toBe(false);
      const [op] = applyFeeds(
        dbPath,
        {},
        { source: 'kev-test', entries: [{ cve: 'CVE-2026-4242', dateAdded: '2026-01-02' }] },
      );
      expect(await evaluate(op as number)).toMatchObject({ selected: 1, rematched: 1, changed: 1 });
      expect(await kevOf()).toBe(true);
    });

    it('keeps exactly what a full re-match of every continuous image finds (re-matching only concerned packages is exact)', async () => {
      const db = openAdvisoryDb(dbPath);
      try {
        for (const [name, image] of Object.entries(images)) {
          if (name === 'frozen') continue;
          const sbom = await store.images.sbom(orgId, image.id);
          const full = matchRecordingKeys(sbom as Sbom, db).report;
          const stored = await store.images.report(orgId, image.id);
          const view = (r: Report | undefined) =>
            r?.findings.map((f) => [
              f.packageId,
              f.id,
              f.aliases,
              f.severity,
              f.fix,
              Boolean(f.kev),
              f.matches.length,
            ]);
          expect(view(stored), name).toEqual(view(full));
          expect(stored?.summary, name).toEqual(full.summary);
        }
      } finally {
        db.close();
      }
    });
  });
}

selectionSuite('SQLite', (dir) => openStore({ sqlitePath: join(dir, 'store.db') }));

const pgMissing = !postgresBinDir();
if (pgMissing)
  console.warn(
    'PostgreSQL server binaries missing (Debian package postgresql): PostgreSQL evaluation suite skipped',
  );
describe.skipIf(pgMissing)('PostgreSQL', () => {
  let server: RunningPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => server?.stop());
  selectionSuite('PostgreSQL', async () =>
    openStore({ databaseUrl: await server.createDatabase('evaluation') }),
  );
});

describe('the driver: the operation log read with a cursor kept in the store', () => {
  let dir: string;
  let store: Store;
  const logs: string[] = [];
  const log = jsonLogger({ write: (line) => void logs.push(line) });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crowsnest-driver-'));
    store = await openStore({ sqlitePath: join(dir, 'store.db') });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const queue = (dbPath: string) => queueNewOperations({ store, advisoryDbPath: dbPath, log });
  const jobs = async () =>
    (await store.jobs.list({ kind: ADVISORY_UPDATE })).items.map((j) => j.payload.operationId);

  it('starts from the newest operation, queues each later one that changed something once, across restarts', async () => {
    const dbPath = join(dir, 'a.db');
    expect(await queue(dbPath)).toEqual({ queued: 0 }); // no database yet
    applyFeeds(dbPath, { one: [record('A-1', 'npm', 'a', '2.0.0')] });
    expect((await queue(dbPath)).queued).toBe(0); // the first sight sets the cursor only
    const baseline = await store.settings.get(CURSOR_SETTING);
    const [changed] = applyFeeds(dbPath, {
      one: [record('A-1', 'npm', 'a', '2.0.0'), record('A-2', 'npm', 'b', '1.0.0')],
    });
    applyFeeds(dbPath, { one: [record('A-1', 'npm', 'a', '2.0.0'), record('A-2', 'npm', 'b', '1.0.0')] }); // same records
    const [kev] = applyFeeds(
      dbPath,
      {},
      { source: 'kev', entries: [{ cve: 'CVE-2026-1', dateAdded: '2026-01-01' }] },
    );
    expect((await queue(dbPath)).queued).toBe(2);
    expect((await jobs()).sort()).toEqual([changed, kev].sort());
    expect(await jobs()).toHaveLength(2);
    expect((await queue(dbPath)).queued).toBe(0);
    // a restart that lost its place (the cursor rewound to the start) queues nothing twice: the job keys are taken
    await store.settings.set(CURSOR_SETTING, baseline as string);
    expect((await queue(dbPath)).queued).toBe(0);
    expect(await jobs()).toHaveLength(2);
  });

  it('treats a replaced database file (operation ids restarted) as new: every operation it holds is queued', async () => {
    const dbPath = join(dir, 'b.db');
    applyFeeds(dbPath, { two: [record('B-1', 'npm', 'c', '2.0.0')] });
    expect((await queue(dbPath)).queued).toBe(1);
    expect(logs.some((l) => l.includes('the advisory database was replaced'))).toBe(true);
  });

  it('runs db update on its schedule (the setting: default daily, 0 = off) and queues what it changed', async () => {
    expect(evaluationSettings({})).toEqual({ checkMs: 60_000, updateMs: 86_400_000 });
    expect(
      evaluationSettings({ CROWSNEST_ADVISORY_UPDATE_HOURS: '0', CROWSNEST_ADVISORY_CHECK_SECONDS: '5' }),
    ).toEqual({ checkMs: 5000, updateMs: null });
    expect(() => evaluationSettings({ CROWSNEST_ADVISORY_UPDATE_HOURS: 'soon' })).toThrow(
      /CROWSNEST_ADVISORY_UPDATE_HOURS/,
    );
    const dbPath = join(dir, 'c.db');
    applyFeeds(dbPath, { three: [record('C-1', 'npm', 'c', '2.0.0')] });
    await store.settings.delete(CURSOR_SETTING);
    let updates = 0;
    const driver = evaluationDriver({
      store,
      advisoryDbPath: dbPath,
      log,
      settings: { checkMs: 3_600_000, updateMs: 40 },
      runUpdate: async () => {
        if (updates++ === 0)
          applyFeeds(dbPath, {
            three: [record('C-1', 'npm', 'c', '2.0.0'), record('C-2', 'npm', 'd', '1.0.0')],
          });
      },
    });
    const before = (await jobs()).length;
    driver.start(); // the first check sets the cursor; the update follows one interval later
    await vi.waitFor(async () => expect((await jobs()).length).toBe(before + 1), {
      timeout: 5000,
      interval: 20,
    });
    await driver.stop();
    expect(updates).toBeGreaterThan(0);
  });
});
