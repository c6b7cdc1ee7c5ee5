import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

/** One test per migration: apply up to it on an empty store and check what it promises, query plans included. */
describe('migration 0001 initial', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 1));

  it('sets user_version to 1 and creates every table the later issues need', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).sort();
    for (const t of ['persons', 'cases', 'case_events', 'attachments', 'outbox', 'sync_state', 'catalog_items', 'policy_tables', 'calendar_days', 'users', 'audit_log', 'tickets', 'settings', 'case_numbers']) {
      expect(names).toContain(t);
    }
  });

  it('keeps persons_fts in step with persons (insert, update, delete) and finds by prefix', () => {
    const ins = db.prepare(
      `INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at)
       VALUES (?, ?, 'resident', ?, ?, ?, 'window', 't', 't')`,
    );
    ins.run('p1', '11010519491231002X', '张三丰', 'zhangsanfeng', 'zsf');
    ins.run('p2', '371002195003041239', '李四', 'lisi', 'ls');
    const find = (q: string) => db.prepare("SELECT p.id FROM persons_fts f JOIN persons p ON p.rowid = f.rowid WHERE persons_fts MATCH ? ORDER BY p.id").pluck().all(q);
    expect(find('"zs"*')).toEqual(['p1']);
    expect(find('"张三"*')).toEqual(['p1']);
    db.prepare("UPDATE persons SET name = '王五', name_pinyin = 'wangwu', name_initials = 'ww' WHERE id = 'p2'").run();
    expect(find('"ls"*')).toEqual([]);
    expect(find('"ww"*')).toEqual(['p2']);
    db.prepare("DELETE FROM persons WHERE id = 'p1'").run();
    expect(find('"zs"*')).toEqual([]);
  });

  it('serves the queue from an index: filtered by status, ordered by due date, no sort step', () => {
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM cases c WHERE c.status = 'accepted' ORDER BY c.due_key, c.id LIMIT 50").all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX cases_status_due/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('finds a person by ID number or phone prefix through B-tree indexes', () => {
    const phonePlan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM persons WHERE phone >= '139' AND phone < '139\uffff'").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(phonePlan).toMatch(/USING INDEX persons_phone/);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM persons WHERE id_number = 'x'").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/USING INDEX sqlite_autoindex_persons/);
  });

  it('refuses malformed JSON bodies and unknown statuses', () => {
    expect(() => db.prepare("INSERT INTO outbox(op_id, kind, payload, created_at) VALUES ('o', 'k', '{bad', 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','n','d','king','h','t','t')").run()).toThrow(/CHECK/);
  });

  it('gives each case number once', () => {
    db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u1','clerk','d','clerk','h','t','t')").run();
    db.prepare(
      `INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at)
       VALUES ('p9', '110105194912310021', 'resident', 'n', 'n', 'n', 'window', 't', 't')`,
    ).run();
    const ins = db.prepare(
      `INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, clerk_id, station_code, created_at, updated_at)
       VALUES (?, 'S-20261123-0001', 'enrollment', 'x', 'p9', 'draft', 1, '{}', '[]', 'u1', 'S', 't', 't')`,
    );
    ins.run('c1');
    expect(() => ins.run('c2')).toThrow(/UNIQUE/);
  });
});
