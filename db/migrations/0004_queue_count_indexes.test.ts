import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

const plan = (db: Database.Database, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0004 queue count indexes', () => {
  it('counts cases by family and cases waiting for central from indexes, not table scans', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(plan(db, "SELECT count(*) FROM cases WHERE family = 'care'")).toMatch(/COVERING INDEX cases_family/);
    expect(plan(db, "SELECT count(*) FROM cases WHERE sync_state IN ('pending', 'uploading')")).toMatch(/COVERING INDEX cases_sync_state/);
  });
});
