import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

describe('migration 0012 attachment damage', () => {
  it('adds the damage mark to attachments, keeping the rows, and finds damaged ones of a case by index', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = OFF');
    migrate(db, MIGRATIONS.slice(0, 11));
    db.prepare(
      `INSERT INTO attachments (id, case_id, material_code, sha256, mime, size, file_name, local_path, upload_state, created_at)
       VALUES ('a1', 'c1', NULL, ?, 'image/png', 10, 'x.png', '/x', 'pending', '2026-05-20T09:00:00.000+08:00')`,
    ).run('ab'.repeat(32));
    migrate(db, MIGRATIONS.slice(0, 12));
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    expect(db.prepare('SELECT id, upload_state, damaged, damaged_at FROM attachments').all()).toEqual([{ id: 'a1', upload_state: 'pending', damaged: null, damaged_at: null }]);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM attachments WHERE case_id = 'c1' AND damaged IS NOT NULL").all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/attachments_damaged|attachments_case/);
  });
});
