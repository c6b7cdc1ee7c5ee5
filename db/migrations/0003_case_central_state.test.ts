import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

describe('migration 0003 case central state', () => {
  it('adds central version, note and payout to existing cases, empty for them', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 2));
    db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','c','c','clerk','h','t','t')").run();
    db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES ('p','1','resident','n','n','n','window','t','t')").run();
    db.prepare(
      "INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, clerk_id, station_code, created_at, updated_at) VALUES ('c','S-1','enrollment','x','p','accepted',2,'{}','[]','u','S','t','t')",
    ).run();
    expect(migrate(db, MIGRATIONS.slice(0, 3))).toEqual([3]);
    expect(db.prepare("SELECT central_version, central_note, payout_fen, status FROM cases WHERE id = 'c'").get()).toEqual({ central_version: null, central_note: null, payout_fen: null, status: 'accepted' });
    expect(() => db.prepare("UPDATE cases SET payout_fen = -1 WHERE id = 'c'").run()).toThrow(/CHECK/);
  });
});
