import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

const at = MIGRATIONS.findIndex((m) => m.name === 'trips, visits, batches');

describe('migration: trips, visits, batches', () => {
  it('adds trips with members and cases, visits and batches, with their checks', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, at));
    expect(migrate(db, MIGRATIONS.slice(0, at + 1))).toEqual([MIGRATIONS[at]!.version]);
    db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','m','m','mobile_team','h','t','t')").run();
    db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES ('p','1','resident','n','n','n','window','t','t')").run();
    db.prepare(
      `INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, clerk_id, station_code, created_at, updated_at)
       VALUES ('c', 'S-1', 'enrollment', 'resident_enrollment', 'p', 'accepted', 2, '{}', '[]', 'u', 'S', 't', 't')`,
    ).run();
    const trip = db.prepare(
      `INSERT INTO trips(id, name, villages, start_date, end_date, state, started_at, ended_at, ended_with, created_by, created_at, updated_at)
       VALUES (?, '送服务', '[{"name":"张家村","regionCode":null}]', ?, ?, ?, ?, ?, ?, 'u', 't', 't')`,
    );
    trip.run('t1', '2026-11-23', '2026-11-25', 'active', 't', null, null);
    // The end date before the start, an ended trip without how it ended, an active one never started: refused.
    expect(() => trip.run('t2', '2026-11-25', '2026-11-23', 'planned', null, null, null)).toThrow(/CHECK/);
    expect(() => trip.run('t3', '2026-11-23', '2026-11-23', 'ended', 't', 't', null)).toThrow(/CHECK/);
    expect(() => trip.run('t4', '2026-11-23', '2026-11-23', 'active', null, null, null)).toThrow(/CHECK/);
    db.prepare("INSERT INTO trip_members(trip_id, user_id) VALUES ('t1', 'u')").run();
    db.prepare("INSERT INTO trip_cases(case_id, trip_id, at) VALUES ('c', 't1', 't')").run();
    // A case belongs to one trip at most.
    expect(() => db.prepare("INSERT INTO trip_cases(case_id, trip_id, at) VALUES ('c', 't1', 't')").run()).toThrow(/UNIQUE|PRIMARY/);
    db.prepare("INSERT INTO visits(id, version, trip_id, person_id, visited_at, recorded_by, body, updated_at) VALUES ('v', 1, 't1', 'p', 't', 'u', '{}', 't')").run();
    expect(() => db.prepare("INSERT INTO visits(id, version, trip_id, person_id, visited_at, recorded_by, body, updated_at) VALUES ('w', 0, 't1', 'p', 't', 'u', '{}', 't')").run()).toThrow(/CHECK/);
    const batch = db.prepare(
      `INSERT INTO batches(id, item_code, file_name, file_sha256, state, total_rows, valid_rows, invalid_rows, agent, created_by, created_at)
       VALUES (?, 'resident_enrollment', '三年级二班.xlsx', ?, 'importing', 40, 39, 1, '{}', 'u', 't')`,
    );
    batch.run('b1', 'a'.repeat(64));
    // One batch per file and item: the same file again is the same batch.
    expect(() => batch.run('b2', 'a'.repeat(64))).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO batch_cases(batch_id, row_no, case_id) VALUES ('b1', 2, 'c')").run();
    expect(() => db.prepare("INSERT INTO batch_cases(batch_id, row_no, case_id) VALUES ('b1', 3, 'c')").run()).toThrow(/UNIQUE/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
