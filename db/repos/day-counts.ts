import type { Db } from '../open';

/**
 * The daily aggregates the station's figures read (db/repos/front.ts; migration 0010 made them), counted here when a
 * case or an event is inserted, in the statement's own transaction. Changes to a case (status, due day, acceptance)
 * and deletions are counted by the triggers of migration 0010.
 *
 * Why not triggers for inserts as well (migration 0014 dropped them): a statement that fires a trigger is one SQLite
 * must be able to undo alone, so it keeps a statement journal — every page the insert touches that the transaction
 * already changed is copied first. In a batch import's chunk that is most of them: an insert into `cases` took
 * 46 µs with its two triggers and 33 µs without, an event 9–17 µs against 7 (1,000 rows in one transaction,
 * alternating, this machine). Counting an insert here costs two single-row statements on a small table.
 *
 * Each count is an UPDATE, and an INSERT only when the day's row is new (no upsert: SQLite keeps a statement journal
 * for one as well).
 */
export class DayCounts {
  private readonly intakeBump;
  private readonly intakeFirst;
  private readonly dueBump;
  private readonly dueFirst;
  private readonly completionBump;
  private readonly completionFirst;

  constructor(db: Db) {
    this.intakeBump = db.prepare<[string, string, string]>('UPDATE stats_intake_days SET n = n + 1 WHERE day = ? AND family = ? AND item_code = ?');
    this.intakeFirst = db.prepare<[string, string, string]>('INSERT INTO stats_intake_days (day, family, item_code, n) VALUES (?, ?, ?, 1)');
    this.dueBump = db.prepare<[string, string]>('UPDATE stats_due_days SET n = n + 1 WHERE status = ? AND due_day = ?');
    this.dueFirst = db.prepare<[string, string]>('INSERT INTO stats_due_days (status, due_day, n) VALUES (?, ?, 1)');
    // On time: the day of completion on or before the case's due day, or its acceptance day without one
    // (shared/front/stats.ts completedOnTime), as the trigger of migration 0010 counted it.
    const onTime = 'coalesce((SELECT @day <= coalesce(c.sla_due, substr(c.accepted_at, 1, 10)) FROM cases c WHERE c.id = @caseId), 0)';
    this.completionBump = db.prepare<[{ day: string; caseId: string }]>(
      `UPDATE stats_completion_days SET completed = completed + 1, on_time = on_time + ${onTime} WHERE day = @day`,
    );
    this.completionFirst = db.prepare<[{ day: string; caseId: string }]>(`INSERT INTO stats_completion_days (day, completed, on_time) VALUES (@day, 1, ${onTime})`);
  }

  /** A case inserted: its acceptance day (when it has been accepted) and its due day (when it has one). */
  caseInserted(c: { acceptedAt: string | null; family: string; itemCode: string; status: string; slaDue: string | null }): void {
    if (c.acceptedAt !== null) {
      const day = c.acceptedAt.slice(0, 10);
      if (this.intakeBump.run(day, c.family, c.itemCode).changes === 0) this.intakeFirst.run(day, c.family, c.itemCode);
    }
    if (c.slaDue !== null && this.dueBump.run(c.status, c.slaDue).changes === 0) this.dueFirst.run(c.status, c.slaDue);
  }

  /** An event inserted: a completion counts on its day. */
  eventInserted(e: { kind: string; at: string; caseId: string }): void {
    if (e.kind !== 'complete') return;
    const p = { day: e.at.slice(0, 10), caseId: e.caseId };
    if (this.completionBump.run(p).changes === 0) this.completionFirst.run(p);
  }
}
