import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

describe('migration 0014 insert counts', () => {
  it('drops the three insert triggers and keeps the aggregates counted so far; changes are still counted by triggers', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 13));
    db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','c','c','clerk','h','t','t')").run();
    db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES ('p','1','resident','n','n','n','window','t','t')").run();
    const addCase = db.prepare(
      `INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, accepted_at, sla_due, clerk_id, station_code, created_at, updated_at)
       VALUES (?, ?, 'reimbursement', 'outpatient_reimbursement', 'p', 'accepted', 1, '{}', '[]', '2026-11-23T09:00:00.000+08:00', '2026-12-07', 'u', 'S', 't', 't')`,
    );
    addCase.run('c1', 'S-1');
    db.prepare("INSERT INTO case_events(id, case_id, at, actor_name, actor_role, kind, to_status) VALUES ('e1', 'c1', '2026-12-01T16:00:00.000+08:00', '中心', 'central', 'complete', 'completed')").run();
    const kept = () => ({
      intake: db.prepare('SELECT day, n FROM stats_intake_days').all(),
      due: db.prepare('SELECT status, due_day, n FROM stats_due_days WHERE n > 0').all(),
      completion: db.prepare('SELECT day, completed, on_time FROM stats_completion_days').all(),
    });
    const before = kept();
    expect(before).toEqual({
      intake: [{ day: '2026-11-23', n: 1 }],
      due: [{ status: 'accepted', due_day: '2026-12-07', n: 1 }],
      completion: [{ day: '2026-12-01', completed: 1, on_time: 1 }],
    });

    expect(migrate(db, MIGRATIONS.slice(0, 14))).toEqual([14]);
    expect(kept()).toEqual(before);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stats_%' ORDER BY name").pluck().all()).toEqual([
      'stats_due_delete',
      'stats_due_update',
      'stats_intake_update',
    ]);
    // A plain INSERT is no longer counted (the repositories count theirs: db/repos/day-counts.ts) …
    addCase.run('c2', 'S-2');
    expect(kept()).toEqual(before);
    // … while a change of status still moves the count.
    db.prepare("UPDATE cases SET status = 'submitted' WHERE id = 'c1'").run();
    expect(db.prepare('SELECT status, due_day, n FROM stats_due_days WHERE n > 0').all()).toEqual([{ status: 'submitted', due_day: '2026-12-07', n: 1 }]);
  });
});
