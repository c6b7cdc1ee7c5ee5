import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type pg from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations-postgres';

/**
 * Migrating the PostgreSQL store, in one transaction under an advisory lock (two servers starting at once take
 * turns):
 * 1. the numbered migrations not applied yet (./migrations-postgres.ts: schema changes), recorded in
 *    `schema_migrations`; a database from a newer server is refused;
 * 2. the repeatable one: the stored routines of ./postgres/routines.sql, run again whenever the file's sha256
 *    differs from the one recorded in `schema_routines` (a database migrated before that table existed has none
 *    recorded, and gets the file once: CREATE OR REPLACE, the same routines).
 * Central is never bundled (build/bundle.mjs bundles the station only): the file is read beside this module.
 */

/** The key of the routines file in `schema_routines`. */
export const ROUTINES_NAME = 'routines.sql';
const ROUTINES_FILE = new URL('./postgres/routines.sql', import.meta.url);

let routines: { sql: string; sha256: string } | null = null;

/** The routines file and its hash (line endings normalized: a checkout with CRLF is the same file). */
export function postgresRoutines(): { sql: string; sha256: string } {
  if (!routines) {
    const sql = fs.readFileSync(ROUTINES_FILE, 'utf8').replace(/\r\n/g, '\n');
    routines = { sql, sha256: createHash('sha256').update(sql).digest('hex') };
  }
  return routines;
}

export interface PostgresMigrateOptions {
  /** Apply the numbered migrations only up to this version and leave the routines alone (tests of one migration). */
  to?: number;
}

export interface PostgresMigrateResult {
  /** Numbered migrations applied now. */
  applied: number[];
  /** Whether the routines file was (re)installed now. */
  routines: boolean;
}

export async function migratePostgres(pool: pg.Pool, opts: PostgresMigrateOptions = {}): Promise<PostgresMigrateResult> {
  const latest = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]?.version ?? 0;
  const target = opts.to ?? latest;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(727000)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const current = r.rows[0]?.v ?? 0;
    if (current > latest) throw new Error(`central database schema ${current} is newer than this server (${latest}); refusing to use it`);
    const applied: number[] = [];
    for (const m of POSTGRES_MIGRATIONS.filter((m) => m.version > current && m.version <= target)) {
      if (m.sql.trim() !== '') await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    let installed = false;
    if (target === latest) {
      await client.query('CREATE TABLE IF NOT EXISTS schema_routines (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, installed_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      const { sql, sha256 } = postgresRoutines();
      const had = await client.query<{ sha256: string }>('SELECT sha256 FROM schema_routines WHERE name = $1', [ROUTINES_NAME]);
      if (had.rows[0]?.sha256 !== sha256) {
        await client.query(sql);
        await client.query(
          'INSERT INTO schema_routines (name, sha256) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, installed_at = now()',
          [ROUTINES_NAME, sha256],
        );
        installed = true;
      }
    }
    await client.query('COMMIT');
    return { applied, routines: installed };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
