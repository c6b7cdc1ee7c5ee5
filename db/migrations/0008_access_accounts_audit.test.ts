import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

describe('migration 0008 access, accounts, audit', () => {
  it('adds case handlers, the sign-in and password columns of users (existing users keep working), and audit breaks', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 7));
    db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','c','c','proxy_helper','h','t','t')").run();
    expect(migrate(db, MIGRATIONS.slice(0, 8))).toEqual([8]);
    expect(db.prepare("SELECT failed_sign_ins, last_failed_at, locked_until, must_change_password, password_changed_at FROM users WHERE id = 'u'").get()).toEqual({
      failed_sign_ins: 0,
      last_failed_at: null,
      locked_until: null,
      must_change_password: 0,
      password_changed_at: null,
    });
    db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES ('p','1','resident','n','n','n','window','t','t')").run();
    db.prepare(
      "INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, clerk_id, station_code, created_at, updated_at) VALUES ('c','S-1','enrollment','x','p','accepted',1,'{}','[]','u','S','t','t')",
    ).run();
    db.prepare("INSERT INTO case_handlers(case_id, user_id, assigned_by, assigned_at) VALUES ('c', 'u', 'u', 't')").run();
    // A handler must be a user of this station, of a case of this station.
    expect(() => db.prepare("INSERT INTO case_handlers(case_id, user_id, assigned_by, assigned_at) VALUES ('c', 'nobody', 'u', 't')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE users SET must_change_password = 2 WHERE id = 'u'").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO audit_breaks(detected_at, row_id, kind) VALUES ('t', 5, 'chain_broken')").run();
    expect(() => db.prepare("INSERT INTO audit_breaks(detected_at, row_id, kind) VALUES ('t', 5, 'whatever')").run()).toThrow(/CHECK/);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT case_id FROM case_handlers WHERE user_id = ?').all('u') as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/case_handlers_user/);
  });
});
