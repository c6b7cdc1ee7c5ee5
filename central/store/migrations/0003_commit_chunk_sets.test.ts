import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, type RawDb } from '../../testing/backends';
import { postgresRoutines } from '../migrate-postgres';
import { SQLITE_MIGRATIONS } from '../migrations-sqlite';
import { expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';

/**
 * Migration 3 changed only PostgreSQL's commit procedure (a chunk of ops written set by set, in one transaction):
 * no schema change is left in it, and the procedure comes from postgres/routines.sql, installed with the latest
 * version. SQLite has nothing to change.
 */
describeBackends('central migration 3 commit-chunk-sets ($name)', (backend) => {
  let db: RawDb;
  beforeEach(async () => {
    db = await backend.openRaw();
  });
  afterEach(() => db?.close());

  it('upgrades a version-2 database holding data; the store commits on top of it', async () => {
    expect(await db.migrate(2)).toEqual([1, 2]);
    await writeOldRows(db);
    // Migration 3 and every later one.
    expect(await db.migrate()).toEqual(SQLITE_MIGRATIONS.map((m) => m.version).filter((v) => v >= 3));
    await expectOldRows(db);
    if (backend.name === 'postgres') {
      expect(await db.all('SELECT name, sha256 FROM schema_routines')).toEqual([{ name: 'routines.sql', sha256: postgresRoutines().sha256 }]);
      const routines = await db.all<{ proname: string }>(
        `SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() ORDER BY 1`,
      );
      expect(routines.map((r) => r.proname)).toEqual(['central_append_changes', 'central_commit_ops', 'central_expect_one']);
    } else {
      expect(await db.all('PRAGMA user_version')).toEqual([{ user_version: SQLITE_MIGRATIONS.length }]);
    }
    const store = await db.openStore();
    try {
      await expectStoreCarriesOn(store);
    } finally {
      await store.close();
    }
  });
});
