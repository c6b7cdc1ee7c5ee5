import { afterEach, beforeEach, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../migrations-postgres';
import { describeBackends, type RawDb } from '../../testing/backends';
import { ROUTINES_NAME, postgresRoutines } from '../migrate-postgres';
import { expectOldRows, expectStoreCarriesOn, writeOldRows } from '../../testing/migration-rows';

/**
 * PostgreSQL's stored routines (postgres/routines.sql) are one repeatable migration keyed on the file's sha256:
 * installed after the numbered ones, again whenever the file changes, never twice for the same file.
 */
const definitions = async (db: RawDb) =>
  db.all<{ name: string; args: string; def: string }>(
    `SELECT p.proname AS name, pg_get_function_identity_arguments(p.oid) AS args, pg_get_functiondef(p.oid) AS def
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() ORDER BY 1, 2`,
  );
const recorded = async (db: RawDb) => (await db.all<{ sha256: string }>('SELECT sha256 FROM schema_routines WHERE name = ?', [ROUTINES_NAME]))[0]?.sha256;

describeBackends(
  'central stored routines ($name)',
  (backend) => {
    let db: RawDb;
    beforeEach(async () => {
      db = await backend.openRaw();
    });
    afterEach(() => db?.close());

    it('are installed once with the latest schema; opening again changes nothing', async () => {
      expect(await db.migrate()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      expect(await recorded(db)).toBe(postgresRoutines().sha256);
      expect((await definitions(db)).map((d) => `${d.name}(${d.args})`)).toEqual([
        'central_append_changes(changes jsonb)',
        'central_commit_ops(IN commits jsonb, VARIADIC texts text[])',
        'central_expect_one(n bigint, what text)',
      ]);
      const at = await db.all('SELECT installed_at FROM schema_routines');
      expect(await db.migrate()).toEqual([]);
      expect(await db.all('SELECT installed_at FROM schema_routines')).toEqual(at);
    });

    it('a database an older server migrated (routines installed, no hash recorded) opens with the same routines', async () => {
      await db.migrate();
      const fresh = await definitions(db);
      await writeOldRows(db);
      // As the server before the repeatable migration left it: migrations 1–3 recorded, the routines in place.
      await db.exec('DROP TABLE schema_routines');
      expect(await db.migrate()).toEqual([]);
      expect(await recorded(db)).toBe(postgresRoutines().sha256);
      expect(await definitions(db)).toEqual(fresh);
      await expectOldRows(db);
      const store = await db.openStore();
      try {
        await expectStoreCarriesOn(store);
      } finally {
        await store.close();
      }
    });

    it('a changed file is installed again over what the database has', async () => {
      await db.migrate();
      const fresh = await definitions(db);
      // What a server with another routines.sql left: another hash, another body.
      await db.exec(`CREATE OR REPLACE FUNCTION central_expect_one(n BIGINT, what TEXT) RETURNS VOID LANGUAGE plpgsql AS $$ BEGIN END $$`);
      await db.all('UPDATE schema_routines SET sha256 = ?', ['0'.repeat(64)]);
      expect(await definitions(db)).not.toEqual(fresh);
      await db.migrate();
      expect(await definitions(db)).toEqual(fresh);
      expect(await recorded(db)).toBe(postgresRoutines().sha256);
    });

    it('two servers opening one new database at once both succeed, and it is migrated once', async () => {
      const [a, b] = await Promise.all([db.migrate(), db.migrate()]);
      expect([a, b].sort((x, y) => y.length - x.length)).toEqual([POSTGRES_MIGRATIONS.map((m) => m.version), []]);
      expect(await db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })));
      expect(await recorded(db)).toBe(postgresRoutines().sha256);
    });
  },
  { only: ['postgres'] },
);
