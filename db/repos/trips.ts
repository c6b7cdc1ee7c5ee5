import type { Db } from '../open';
import type { Trip, TripEndMode, Village } from '../../shared/outreach/trips';

interface Raw {
  id: string;
  name: string;
  villages: string;
  start_date: string;
  end_date: string;
  state: Trip['state'];
  prepared_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  ended_with: TripEndMode | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  members: string;
}

const SELECT = `SELECT t.*, (SELECT json_group_array(user_id) FROM (SELECT user_id FROM trip_members m WHERE m.trip_id = t.id ORDER BY user_id)) AS members FROM trips t`;

const toTrip = (r: Raw): Trip => ({
  id: r.id,
  name: r.name,
  villages: JSON.parse(r.villages) as Village[],
  startDate: r.start_date,
  endDate: r.end_date,
  memberIds: JSON.parse(r.members) as string[],
  state: r.state,
  preparedAt: r.prepared_at,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  endedWith: r.ended_with,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Village trips, their members and the cases taken in on them (migration 0012). */
export class TripsRepo {
  private readonly insertStmt;
  private readonly memberStmt;
  private readonly byIdStmt;
  private readonly allStmt;
  private readonly ofMemberStmt;
  private readonly activeOfStmt;
  private readonly setStateStmt;
  private readonly preparedStmt;
  private readonly attachStmt;
  private readonly caseIdsStmt;
  private readonly countsStmt;
  private readonly villagePersonsStmt;
  private readonly isMemberStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO trips(id, name, villages, start_date, end_date, state, created_by, created_at, updated_at)
       VALUES (@id, @name, @villages, @startDate, @endDate, 'planned', @createdBy, @createdAt, @updatedAt)`,
    );
    this.memberStmt = db.prepare('INSERT INTO trip_members(trip_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.byIdStmt = db.prepare<[string], Raw>(`${SELECT} WHERE t.id = ?`);
    this.allStmt = db.prepare<[], Raw>(`${SELECT} ORDER BY t.start_date DESC, t.created_at DESC`);
    this.ofMemberStmt = db.prepare<[string], Raw>(
      `${SELECT} WHERE EXISTS (SELECT 1 FROM trip_members m WHERE m.trip_id = t.id AND m.user_id = ?) ORDER BY t.start_date DESC, t.created_at DESC`,
    );
    this.activeOfStmt = db.prepare<[string], Raw>(
      `${SELECT} WHERE t.state = 'active' AND EXISTS (SELECT 1 FROM trip_members m WHERE m.trip_id = t.id AND m.user_id = ?) ORDER BY t.started_at DESC LIMIT 1`,
    );
    this.setStateStmt = db.prepare(
      `UPDATE trips SET state = @state, started_at = coalesce(@startedAt, started_at), ended_at = @endedAt, ended_with = @endedWith, updated_at = @at
       WHERE id = @id AND state = @from`,
    );
    this.preparedStmt = db.prepare('UPDATE trips SET prepared_at = @at, updated_at = @at WHERE id = @id');
    // The trip a new case joins: the active trip its clerk is a member of (the latest started, should there be two).
    this.attachStmt = db.prepare(
      `INSERT INTO trip_cases(case_id, trip_id, at)
       SELECT @caseId, t.id, @at FROM trips t JOIN trip_members m ON m.trip_id = t.id
       WHERE t.state = 'active' AND m.user_id = @userId ORDER BY t.started_at DESC LIMIT 1
       ON CONFLICT DO NOTHING`,
    );
    this.caseIdsStmt = db.prepare<[string], { case_id: string }>('SELECT case_id FROM trip_cases WHERE trip_id = ? ORDER BY at, case_id');
    this.countsStmt = db.prepare<[string, string], { cases: number; visits: number }>(
      'SELECT (SELECT count(*) FROM trip_cases WHERE trip_id = ?) AS cases, (SELECT count(*) FROM visits WHERE trip_id = ?) AS visits',
    );
    this.villagePersonsStmt = db.prepare<[{ regionCode: string | null; name: string }], { n: number }>(
      `SELECT count(*) AS n FROM persons WHERE (@regionCode IS NULL OR region_code = @regionCode) AND instr(coalesce(address, ''), @name) > 0`,
    );
    this.isMemberStmt = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM trip_members WHERE trip_id = ? AND user_id = ?');
  }

  insert(t: Pick<Trip, 'id' | 'name' | 'villages' | 'startDate' | 'endDate' | 'memberIds' | 'createdBy' | 'createdAt' | 'updatedAt'>): void {
    this.insertStmt.run({ ...t, villages: JSON.stringify(t.villages) });
    for (const u of t.memberIds) this.memberStmt.run(t.id, u);
  }

  byId(id: string): Trip | null {
    const r = this.byIdStmt.get(id);
    return r ? toTrip(r) : null;
  }

  /** Every trip, or those `memberId` is a member of; newest first. */
  list(memberId: string | null): Trip[] {
    return (memberId === null ? this.allStmt.all() : this.ofMemberStmt.all(memberId)).map(toTrip);
  }

  isMember(tripId: string, userId: string): boolean {
    return this.isMemberStmt.get(tripId, userId)!.n > 0;
  }

  /** The trip `userId` is on now, if any. */
  activeOf(userId: string): Trip | null {
    const r = this.activeOfStmt.get(userId);
    return r ? toTrip(r) : null;
  }

  /** Move a trip from state `from`; false when it was not in that state any more. */
  setState(id: string, from: Trip['state'], to: Trip['state'], at: string, endedWith: TripEndMode | null): boolean {
    return (
      this.setStateStmt.run({
        id,
        from,
        state: to,
        startedAt: to === 'active' ? at : null,
        endedAt: to === 'ended' ? at : null,
        endedWith: to === 'ended' ? endedWith : null,
        at,
      }).changes === 1
    );
  }

  markPrepared(id: string, at: string): void {
    this.preparedStmt.run({ id, at });
  }

  /** A new case joins the trip its clerk is on (nothing when they are on none). */
  attachNewCase(caseId: string, userId: string, at: string): void {
    this.attachStmt.run({ caseId, userId, at });
  }

  caseIds(tripId: string): string[] {
    return this.caseIdsStmt.all(tripId).map((r) => r.case_id);
  }

  counts(tripId: string): { cases: number; visits: number } {
    return this.countsStmt.get(tripId, tripId)!;
  }

  /** How many persons the roster holds in a village. */
  villagePersons(v: Village): number {
    return this.villagePersonsStmt.get({ regionCode: v.regionCode, name: v.name })!.n;
  }
}
