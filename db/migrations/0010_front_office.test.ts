import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './index';
import { migrate } from '../open';

const upTo = (v: number) => MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.version === v) + 1);

describe('migration 0010 front office', () => {
  it('replaces the unused tickets table, seeds a hall, and keeps its rules in the schema', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, upTo(9));
    db.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u','c','c','clerk','h','t','t')").run();
    expect(migrate(db, upTo(10))).toEqual([10]);

    // A new hall: four categories A–D and two windows serving them all.
    expect(db.prepare('SELECT letter, name FROM ticket_categories ORDER BY sort').all()).toEqual([
      { letter: 'A', name: '参保登记' },
      { letter: 'B', name: '待遇报销' },
      { letter: 'C', name: '长期护理' },
      { letter: 'D', name: '综合咨询' },
    ]);
    expect(db.prepare('SELECT no, json_array_length(categories) AS n FROM service_windows ORDER BY no').all()).toEqual([
      { no: 1, n: 4 },
      { no: 2, n: 4 },
    ]);

    const ticket = db.prepare(
      `INSERT INTO tickets(id, day, category, seq, number, source, priority, status, issued_by, issued_at) VALUES (?, '2026-11-23', ?, ?, ?, 'kiosk', ?, 'waiting', 'k', 't')`,
    );
    ticket.run('t1', 'enrollment', 1, 'A001', null);
    ticket.run('t2', 'enrollment', 2, 'A002', 'age70');
    // Numbers restart per day and category, never twice in one.
    expect(() => ticket.run('t3', 'enrollment', 2, 'A002', null)).toThrow(/UNIQUE/);
    expect(() => ticket.run('t4', 'nope', 1, 'X001', null)).toThrow(/FOREIGN KEY/);
    expect(() => ticket.run('t5', 'care', 1, 'C001', 'vip')).toThrow(/CHECK/);
    // One open call per window.
    const call = db.prepare("INSERT INTO ticket_calls(id, ticket_id, day, window_no, clerk_id, called_at, last_called_at, first, wait_sec) VALUES (?, ?, '2026-11-23', 1, 'u', 't', 't', 1, 60)");
    call.run('c1', 't1');
    expect(() => call.run('c2', 't2')).toThrow(/UNIQUE/);
    // A first call has its waiting time; an ended call its service time.
    expect(() => db.prepare("INSERT INTO ticket_calls(id, ticket_id, day, window_no, clerk_id, called_at, last_called_at, first) VALUES ('c3', 't2', 'd', 2, 'u', 't', 't', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE ticket_calls SET ended_at = 't' WHERE id = 'c1'").run()).toThrow(/CHECK/);

    // One rating per ticket; a hand-out rating names its case.
    const rating = db.prepare(
      `INSERT INTO ratings(id, subject, ticket_id, case_id, case_nos, day, level, reasons, rater, device_id, at, version) VALUES (?, ?, ?, NULL, '[]', '2026-11-23', ?, '[]', 'self', 'd', 't', 1)`,
    );
    rating.run('r1', 'ticket', 't1', 5);
    expect(() => rating.run('r2', 'ticket', 't1', 4)).toThrow(/UNIQUE/);
    expect(() => rating.run('r3', 'hand_out', null, 4)).toThrow(/CHECK/);
    expect(() => rating.run('r4', 'ticket', 't2', 6)).toThrow(/CHECK/);
    // A follow-up cannot be closed without its rectification.
    expect(() =>
      db.prepare("INSERT INTO rating_followups(id, rating_id, status, opened_on, visit_due, rectify_due, visit_at, version, updated_at) VALUES ('f', 'r1', 'closed', 'd', 'd', 'd', 't', 1, 't')").run(),
    ).toThrow(/CHECK/);
    // A kiosk belongs to no window.
    expect(() =>
      db.prepare("INSERT INTO devices(id, kind, name, window_no, key_hash, created_by, created_at) VALUES ('d', 'kiosk', 'k', 1, ?, 'u', 't')").run('a'.repeat(64)),
    ).toThrow(/CHECK/);

    // Two active categories never share a letter; a retired one may.
    expect(() => db.prepare("UPDATE ticket_categories SET letter = 'A' WHERE code = 'care'").run()).toThrow(/UNIQUE/);
    db.prepare("UPDATE ticket_categories SET active = 0, letter = 'A' WHERE code = 'consult'").run();

    // The daily aggregates follow the cases: acceptance counted once on its day, a completion on or before the due
    // day (or on the acceptance day without one: shared/front/stats completedOnTime) counted on time.
    db.prepare("INSERT INTO persons(id, id_number, id_kind, name, name_pinyin, name_initials, source, created_at, updated_at) VALUES ('p','1','resident','n','n','n','window','t','t')").run();
    const addCase = db.prepare(
      `INSERT INTO cases(id, case_no, family, item_code, person_id, status, version, form, materials, accepted_at, sla_due, clerk_id, station_code, created_at, updated_at)
       VALUES (?, ?, 'reimbursement', 'outpatient_reimbursement', 'p', ?, 1, '{}', '[]', ?, ?, 'u', 'S', 't', 't')`,
    );
    addCase.run('c1', 'S-1', 'accepted', '2026-11-23T09:00:00.000+08:00', '2026-12-07');
    addCase.run('c2', 'S-2', 'draft', null, null);
    addCase.run('c3', 'S-3', 'accepted', '2026-11-23T10:00:00.000+08:00', null);
    db.prepare("UPDATE cases SET status = 'accepted', accepted_at = '2026-11-24T09:00:00.000+08:00', sla_due = '2026-11-25' WHERE id = 'c2'").run();
    db.prepare("UPDATE cases SET version = 2 WHERE id = 'c1'").run(); // not an acceptance: counted once
    expect(db.prepare('SELECT day, n FROM stats_intake_days ORDER BY day').all()).toEqual([
      { day: '2026-11-23', n: 2 },
      { day: '2026-11-24', n: 1 },
    ]);
    // Cases by status and due day: a transition moves the count, a new due day too.
    db.prepare("UPDATE cases SET status = 'submitted' WHERE id = 'c1'").run();
    expect(db.prepare('SELECT status, due_day, n FROM stats_due_days WHERE n > 0 ORDER BY status, due_day').all()).toEqual([
      { status: 'accepted', due_day: '2026-11-25', n: 1 },
      { status: 'submitted', due_day: '2026-12-07', n: 1 },
    ]);
    const complete = db.prepare("INSERT INTO case_events(id, case_id, at, actor_name, actor_role, kind, to_status) VALUES (?, ?, ?, '中心', 'central', 'complete', 'completed')");
    complete.run('e1', 'c1', '2026-12-07T16:00:00.000+08:00'); // on its due day
    complete.run('e2', 'c2', '2026-12-07T16:00:00.000+08:00'); // late
    complete.run('e3', 'c3', '2026-11-23T11:00:00.000+08:00'); // no due day: on the acceptance day
    db.prepare("INSERT INTO case_events(id, case_id, at, actor_name, actor_role, kind, to_status) VALUES ('e4', 'c3', '2026-11-23T12:00:00.000+08:00', 'c', 'clerk', 'hand_out', 'completed')").run();
    expect(db.prepare('SELECT day, completed, on_time FROM stats_completion_days ORDER BY day').all()).toEqual([
      { day: '2026-11-23', completed: 1, on_time: 1 },
      { day: '2026-12-07', completed: 2, on_time: 1 },
    ]);

    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan("SELECT family, item_code, count(*) FROM cases WHERE accepted_at IS NOT NULL AND accepted_at >= 'a' AND accepted_at < 'b' GROUP BY 1, 2")).toMatch(/cases_accepted_day/);
    expect(plan("SELECT count(*) FROM cases INDEXED BY cases_promises WHERE status = 'awaiting_materials' AND promise_date <= 'x'")).toMatch(/cases_promises/);
    expect(plan("SELECT * FROM tickets WHERE day = 'x' AND status = 'waiting'")).toMatch(/tickets_day_status/);
  });
});
