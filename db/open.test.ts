import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openStore, migrate, readSchemaVersion, StoreError, LATEST_VERSION } from './open';
import { MIGRATIONS, type Migration } from './migrations';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-db-'));
  dirs.push(dir);
  return join(dir, 'station.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('openStore', () => {
  it('opens with WAL, synchronous=FULL and foreign keys on, at the latest schema version', () => {
    const db = openStore(tempDb());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('makes every table STRICT', () => {
    const db = openStore(tempDb());
    const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'persons_fts%'").all() as { name: string; strict: number }[];
    expect(tables.length).toBeGreaterThanOrEqual(15);
    expect(tables.filter((t) => t.strict !== 1).map((t) => t.name)).toEqual([]);
    db.close();
  });

  it('enforces foreign keys (a case for an unknown person is refused)', () => {
    const db = openStore(tempDb());
    expect(() =>
      db
        .prepare(
          `INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, clerk_id, station_code, created_at, updated_at)
           VALUES ('c', 'n', 'enrollment', 'x', 'nobody', 'draft', 1, '{}', '[]', 'nobody', 'S', 't', 't')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('reopening an up-to-date store applies nothing', () => {
    const path = tempDb();
    openStore(path).close();
    const db = new Database(path);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer version, with a clear message, and leaves the file untouched', () => {
    const path = tempDb();
    const db = openStore(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = sha(path);
    let err: unknown;
    try {
      openStore(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('db_from_future');
    expect((err as StoreError).message).toContain(`数据库版本 ${LATEST_VERSION + 1}`);
    expect((err as StoreError).message).toContain('升级');
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(readSchemaVersion(path)).toBe(LATEST_VERSION + 1);
  });

  it('applies pending migrations in one transaction: a failing migration leaves the store at its old version', () => {
    const path = tempDb();
    openStore(path).close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: LATEST_VERSION + 1, name: 'adds a table', sql: 'CREATE TABLE extra_one(x INTEGER) STRICT;' },
      { version: LATEST_VERSION + 2, name: 'broken', sql: 'CREATE TABLE oops(' },
    ];
    expect(() => openStore(path, { migrations: broken })).toThrow(StoreError);
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra_one'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses migrations numbered out of order', () => {
    const out: Migration[] = [{ version: 2, name: 'two', sql: '' }];
    expect(() => openStore(tempDb(), { migrations: out })).toThrow(/expected 1/);
  });
});
