import type { Db } from '../open';
import type { DayCounts } from './day-counts';
import type { CaseEvent } from '../../shared/cases/model';

interface Raw {
  id: string;
  case_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: CaseEvent['actorRole'];
  kind: CaseEvent['kind'];
  from_status: CaseEvent['fromStatus'];
  to_status: CaseEvent['toStatus'];
  reason: string | null;
  data: string;
}

const toEvent = (r: Raw): CaseEvent => ({
  id: r.id,
  caseId: r.case_id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorRole: r.actor_role,
  kind: r.kind,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  reason: r.reason,
  data: JSON.parse(r.data) as CaseEvent['data'],
});

/** The append-only history of each case. */
export class EventsRepo {
  private readonly insertStmt;
  private readonly byCaseStmt;

  constructor(
    db: Db,
    private readonly counts: DayCounts,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO case_events(id, case_id, at, actor_id, actor_name, actor_role, kind, from_status, to_status, reason, data)
       VALUES (@id, @caseId, @at, @actorId, @actorName, @actorRole, @kind, @fromStatus, @toStatus, @reason, @data)`,
    );
    this.byCaseStmt = db.prepare<[string], Raw>('SELECT * FROM case_events WHERE case_id = ? ORDER BY id');
  }

  /** Append an event, counted in the daily aggregates (DayCounts: a completion). */
  append(e: CaseEvent): void {
    this.insertStmt.run({ ...e, data: JSON.stringify(e.data) });
    this.counts.eventInserted(e);
  }

  forCase(caseId: string): CaseEvent[] {
    return this.byCaseStmt.all(caseId).map(toEvent);
  }
}
