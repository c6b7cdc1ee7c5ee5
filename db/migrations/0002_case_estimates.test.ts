import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

describe('migration 0002 case estimates', () => {
  it('upgrades a version-1 store that holds data, keeping it, and adds case_estimates', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    db.prepare("INSERT INTO settings(key, value) VALUES ('station.code', 'OLD01')").run();
    expect(migrate(db, MIGRATIONS.slice(0, 2))).toEqual([2]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'station.code'").pluck().get()).toBe('OLD01');
    const cols = (db.prepare("SELECT name FROM pragma_table_info('case_estimates')").pluck().all() as string[]).sort();
    expect(cols).toEqual(['actor_id', 'actor_name', 'case_id', 'computed_at', 'id', 'input', 'kind', 'meta', 'result', 'sample', 'steps', 'tables'].sort());
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM case_estimates WHERE case_id = 'x' ORDER BY computed_at").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/USING INDEX case_estimates_case/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(() =>
      db.prepare("INSERT INTO case_estimates(id, case_id, kind, input, result, steps, tables, sample, computed_at, actor_id, actor_name) VALUES ('e','nocase','claim','{}','{}','[]','[]',0,'t','u','n')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
