import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

const plan = (db: Database.Database, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0005 family status index', () => {
  it('counts by family, and by family and status, from one covering index', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(plan(db, "SELECT count(*) FROM cases WHERE family = 'care'")).toMatch(/COVERING INDEX cases_family_status/);
    expect(plan(db, "SELECT count(*) FROM cases WHERE status = 'accepted' AND family = 'reimbursement'")).toMatch(/COVERING INDEX cases_family_status/);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'cases_family'").get()).toEqual({ n: 0 });
  });
});
