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
    const call = db.prepare("INSERT INTO ticket_calls(id, ticket_id, day, window_no, clerk_id, called_at, last_called_at) VALUES (?, ?, '2026-11-23', 1, 'u', 't', 't')");
    call.run('c1', 't1');
    expect(() => call.run('c2', 't2')).toThrow(/UNIQUE/);

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

    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan("SELECT family, item_code, count(*) FROM cases WHERE accepted_at IS NOT NULL AND accepted_at >= 'a' AND accepted_at < 'b' GROUP BY 1, 2")).toMatch(/cases_accepted_day/);
    expect(plan("SELECT at, case_id FROM case_events WHERE kind = 'complete' AND at >= 'a' AND at < 'b'")).toMatch(/case_events_completed/);
    expect(plan("SELECT * FROM tickets WHERE day = 'x' AND status = 'waiting'")).toMatch(/tickets_day_status/);
  });
});
