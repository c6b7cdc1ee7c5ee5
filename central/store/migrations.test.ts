import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from './migrations-sqlite';
import { POSTGRES_MIGRATIONS } from './migrations-postgres';
import { postgresRoutines } from './migrate-postgres';
import { SqliteStore } from './sqlite';
import { tempDir } from '../testing/backends';

describe('migrations', () => {
  it('are numbered 1, 2, 3 … and the two backends have the same versions', () => {
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual(SQLITE_MIGRATIONS.map((_, i) => i + 1));
    expect(POSTGRES_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(SQLITE_MIGRATIONS.map((m) => [m.version, m.name]));
  });

  it('create the same tables on both backends', () => {
    // A table SQLite rebuilds (created under a new name, then renamed over the old one) is not a new table.
    const tables = (sql: string) => {
      const renamed = new Set([...sql.matchAll(/ALTER TABLE (\w+) RENAME TO \w+/g)].map((m) => m[1]));
      return [...sql.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]).filter((t) => !renamed.has(t)).sort();
    };
    for (let i = 0; i < SQLITE_MIGRATIONS.length; i++) {
      expect(tables(POSTGRES_MIGRATIONS[i]!.sql)).toEqual(tables(SQLITE_MIGRATIONS[i]!.sql));
    }
  });

  it('PostgreSQL: the numbered migrations change the schema only; every routine is in postgres/routines.sql, replaceable', () => {
    for (const m of POSTGRES_MIGRATIONS) expect(m.sql, `migration ${m.version}`).not.toMatch(/CREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)/i);
    const { sql } = postgresRoutines();
    const creates = [...sql.matchAll(/^CREATE\b[^(]*/gim)].map((m) => m[0].trim());
    expect(creates).toEqual(['CREATE OR REPLACE FUNCTION central_expect_one', 'CREATE OR REPLACE FUNCTION central_append_changes', 'CREATE OR REPLACE PROCEDURE central_commit_ops']);
  });

  it('SQLite: reopening is a no-op, and a database from a newer server is refused', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.sqlite');
    try {
      await new SqliteStore(file).close();
      await new SqliteStore(file).close();
      const db = new Database(file);
      expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
      db.pragma('user_version = 99');
      db.close();
      expect(() => new SqliteStore(file)).toThrow(/newer than this server/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
