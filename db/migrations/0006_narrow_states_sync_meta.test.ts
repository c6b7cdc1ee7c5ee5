import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

function storeAt5(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 5));
  db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','c','c','clerk','h','t','t')").run();
  db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES ('p','1','resident','n','n','n','window','t','t')").run();
  const insertCase = db.prepare(
    "INSERT INTO cases(id, case_no, family, item_code, person_id, proxy, status, version, form, materials, sla_due, clerk_id, station_code, sync_state, created_at, updated_at, central_version, payout_fen) VALUES (?, ?, 'reimbursement', 'x', 'p', NULL, ?, 2, '{\"a\":1}', '[]', ?, 'u', 'S', ?, 't', 't', ?, ?)",
  );
  insertCase.run('c1', 'S-1', 'accepted', '2026-12-10', 'pending', null, null);
  insertCase.run('c2', 'S-2', 'queued', '2026-12-11', 'uploading', null, null);
  insertCase.run('c3', 'S-3', 'completed', null, 'local', 7, 12_345);
  db.prepare("INSERT INTO case_events(id, case_id, at, actor_name, actor_role, kind, to_status) VALUES ('e1','c2','t','c','clerk','created','draft')").run();
  db.prepare("INSERT INTO outbox(op_id, kind, case_id, payload, created_at) VALUES ('o1','case.created','c2','{}','t')").run();
  db.prepare("INSERT INTO attachments(id, case_id, sha256, mime, size, file_name, local_path, created_at) VALUES ('a1','c1',?, 'image/png', 3, 'f.png', '/x', 't')").run('a'.repeat(64));
  db.prepare("INSERT INTO sync_state(key, value) VALUES ('pull.cursor', '42')").run();
  return db;
}

describe('migration 0006 narrow case states, sync_meta', () => {
  it('keeps every case with its children, maps the states nothing enters, renames the sync key/value table', () => {
    const db = storeAt5();
    expect(migrate(db, MIGRATIONS.slice(0, 6))).toEqual([6]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, status, sync_state, due_key, form, central_version, payout_fen FROM cases ORDER BY id').all()).toEqual([
      { id: 'c1', status: 'accepted', sync_state: 'pending', due_key: '2026-12-10', form: '{"a":1}', central_version: null, payout_fen: null },
      { id: 'c2', status: 'accepted', sync_state: 'pending', due_key: '2026-12-11', form: '{"a":1}', central_version: null, payout_fen: null },
      { id: 'c3', status: 'completed', sync_state: 'pending', due_key: '9999-12-31', form: '{"a":1}', central_version: 7, payout_fen: 12_345 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM case_events').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT value FROM sync_meta WHERE key = 'pull.cursor'").get()).toEqual({ value: '42' });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sync_state'").get()).toEqual({ n: 0 });
  });

  it('refuses the removed states from now on, and children still need their case', () => {
    const db = storeAt5();
    migrate(db, MIGRATIONS.slice(0, 6));
    expect(() => db.prepare("UPDATE cases SET status = 'queued' WHERE id = 'c1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE cases SET sync_state = 'uploading' WHERE id = 'c1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE cases SET sync_state = 'local' WHERE id = 'c1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO case_events(id, case_id, at, actor_name, actor_role, kind, to_status) VALUES ('e2','nope','t','c','clerk','created','draft')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("DELETE FROM cases WHERE id = 'c2'").run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps the queue indexes', () => {
    const db = storeAt5();
    migrate(db, MIGRATIONS.slice(0, 6));
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(['cases_clerk', 'cases_due', 'cases_family_status', 'cases_item', 'cases_person', 'cases_proxy_due', 'cases_status_due', 'cases_sync_state']);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM cases WHERE sync_state = 'pending'").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/COVERING INDEX cases_sync_state/);
  });

  it('rolls back whole when a reference is broken, leaving version 5 and foreign keys on', () => {
    const db = storeAt5();
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO outbox(op_id, kind, case_id, payload, created_at) VALUES ('o2','case.created','ghost','{}','t')").run();
    db.pragma('foreign_keys = ON');
    expect(() => migrate(db, MIGRATIONS.slice(0, 6))).toThrow(/broken references/);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare("SELECT status FROM cases WHERE id = 'c2'").get()).toEqual({ status: 'queued' });
  });
});
