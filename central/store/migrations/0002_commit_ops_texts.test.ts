import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, type RawDb } from '../../testing/backends';
import { expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';

/**
 * Migration 2 changed only PostgreSQL's commit procedure (the large bodies as text parameters). The procedure now
 * lives in postgres/routines.sql; what the migration keeps is dropping the version-1 signature an older server
 * installed, central_commit_ops(JSONB). SQLite has nothing to change.
 */
const procedures = (db: RawDb) =>
  db.all<{ args: string }>(
    `SELECT pg_get_function_identity_arguments(p.oid) AS args FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema() AND p.proname = 'central_commit_ops' ORDER BY 1`,
  );

describeBackends('central migration 2 commit-ops-texts ($name)', (backend) => {
  let db: RawDb;
  beforeEach(async () => {
    db = await backend.openRaw();
  });
  afterEach(() => db?.close());

  it('upgrades a version-1 database holding data, keeping it', async () => {
    expect(await db.migrate(1)).toEqual([1]);
    await writeOldRows(db);
    if (backend.name === 'postgres') {
      // What an older server's migration 1 installed (its body does not matter here: it is dropped).
      await db.exec('CREATE PROCEDURE central_commit_ops(commits JSONB) LANGUAGE plpgsql AS $$ BEGIN END $$');
      expect(await procedures(db)).toEqual([{ args: 'IN commits jsonb' }]);
    }
    expect(await db.migrate(2)).toEqual([2]);
    await expectOldRows(db);
    if (backend.name === 'postgres') expect(await procedures(db)).toEqual([]);
  });

  it('applies as well to a version-1 database made without the old procedure, and the store carries on', async () => {
    await db.migrate(1);
    await writeOldRows(db);
    expect(await db.migrate(2)).toEqual([2]);
    const store = await db.openStore();
    try {
      await expectStoreCarriesOn(store);
    } finally {
      await store.close();
    }
  });
});
