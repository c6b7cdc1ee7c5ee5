import type { Db } from '../open';

/**
 * Whose cases a user reaches (least privilege, shared/access.ts): the cases they took in as the clerk, the cases
 * they are named a handler of (`case_handlers`, a proxy helper's scope), and the cases taken in on the village
 * trips they are members of (`trip_cases`, a mobile team's scope; migration 0012).
 */
export interface CaseReach {
  userId: string;
  withHandlers: boolean;
  /** The cases of the user's trips, and the persons of the villages of their trips not yet ended. */
  withTrips?: boolean;
}

/** The SQL condition "case `c` is within reach of @reachUser" (parameters: `reachParams`). */
export function reachSql(reach: CaseReach, alias = 'c'): string {
  const parts = [`${alias}.clerk_id = @reachUser`];
  if (reach.withHandlers) parts.push(`EXISTS (SELECT 1 FROM case_handlers h WHERE h.case_id = ${alias}.id AND h.user_id = @reachUser)`);
  if (reach.withTrips) {
    parts.push(`EXISTS (SELECT 1 FROM trip_cases tc JOIN trip_members tm ON tm.trip_id = tc.trip_id WHERE tc.case_id = ${alias}.id AND tm.user_id = @reachUser)`);
  }
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** "Person `p` lives in a village of a trip @reachUser is on or will go on" (a mobile team serves those villages). */
export function tripVillagesSql(alias = 'p'): string {
  return `EXISTS (SELECT 1 FROM trips t JOIN trip_members tm ON tm.trip_id = t.id, json_each(t.villages) v
    WHERE tm.user_id = @reachUser AND t.state <> 'ended'
      AND (json_extract(v.value, '$.regionCode') IS NULL OR ${alias}.region_code = json_extract(v.value, '$.regionCode'))
      AND instr(coalesce(${alias}.address, ''), json_extract(v.value, '$.name')) > 0)`;
}

/** "Person `p` is within reach": a person of a case within reach, or (trips) of a village the user's trip serves. */
function personReachSql(reach: CaseReach): string {
  const ofCase = `EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND ${reachSql(reach)})`;
  return reach.withTrips ? `(${ofCase} OR ${tripVillagesSql('p')})` : ofCase;
}

export function reachParams(reach: CaseReach): { reachUser: string } {
  return { reachUser: reach.userId };
}

export class CaseHandlersRepo {
  private readonly isStmt;
  private readonly ofCaseStmt;
  private readonly addStmt;
  private readonly removeStmt;
  private readonly personOwnStmt;
  private readonly personHandledStmt;
  private readonly personsOwnStmt;
  private readonly personsHandledStmt;

  constructor(private readonly db: Db) {
    this.isStmt = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM case_handlers WHERE case_id = ? AND user_id = ?');
    this.ofCaseStmt = db.prepare<[string], { user_id: string }>('SELECT user_id FROM case_handlers WHERE case_id = ? ORDER BY assigned_at, user_id');
    this.addStmt = db.prepare('INSERT INTO case_handlers(case_id, user_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.removeStmt = db.prepare('DELETE FROM case_handlers WHERE case_id = ? AND user_id = ?');
    const own = 'SELECT 1 FROM cases c WHERE c.person_id = @personId AND c.clerk_id = @reachUser';
    this.personOwnStmt = db.prepare<[{ personId: string; reachUser: string }], { n: number }>(`SELECT EXISTS (${own}) AS n`);
    this.personHandledStmt = db.prepare<[{ personId: string; reachUser: string }], { n: number }>(
      `SELECT EXISTS (${own}) OR EXISTS (SELECT 1 FROM case_handlers h JOIN cases c ON c.id = h.case_id WHERE h.user_id = @reachUser AND c.person_id = @personId) AS n`,
    );
    const ids = 'SELECT value FROM json_each(@personIds)';
    this.personsOwnStmt = db.prepare<[{ personIds: string; reachUser: string }], { person_id: string }>(
      `SELECT DISTINCT person_id FROM cases WHERE clerk_id = @reachUser AND person_id IN (${ids})`,
    );
    this.personsHandledStmt = db.prepare<[{ personIds: string; reachUser: string }], { person_id: string }>(
      `SELECT DISTINCT person_id FROM cases WHERE clerk_id = @reachUser AND person_id IN (${ids})
       UNION SELECT c.person_id FROM case_handlers h JOIN cases c ON c.id = h.case_id WHERE h.user_id = @reachUser AND c.person_id IN (${ids})`,
    );
  }

  isHandler(caseId: string, userId: string): boolean {
    return this.isStmt.get(caseId, userId)!.n > 0;
  }

  handlersOf(caseId: string): string[] {
    return this.ofCaseStmt.all(caseId).map((r) => r.user_id);
  }

  add(caseId: string, userId: string, assignedBy: string, at: string): void {
    this.addStmt.run(caseId, userId, assignedBy, at);
  }

  remove(caseId: string, userId: string): void {
    this.removeStmt.run(caseId, userId);
  }

  private readonly tripStmts = new Map<string, ReturnType<Db['prepare']>>();

  private tripStatement(sql: string): ReturnType<Db['prepare']> {
    let stmt = this.tripStmts.get(sql);
    if (!stmt) this.tripStmts.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  /** Whether the case was taken in on a trip the user is a member of. */
  onTripOf(caseId: string, userId: string): boolean {
    const sql = 'SELECT EXISTS (SELECT 1 FROM trip_cases tc JOIN trip_members tm ON tm.trip_id = tc.trip_id WHERE tc.case_id = @caseId AND tm.user_id = @userId) AS n';
    return (this.tripStatement(sql).get({ caseId, userId }) as { n: number }).n === 1;
  }

  /** Whether the person has a case within reach (or, for a trip's team, lives in a village of the trip). */
  personInReach(personId: string, reach: CaseReach): boolean {
    if (reach.withTrips) {
      const sql = `SELECT EXISTS (SELECT 1 FROM persons p WHERE p.id = @personId AND ${personReachSql(reach)}) AS n`;
      return (this.tripStatement(sql).get({ personId, ...reachParams(reach) }) as { n: number }).n === 1;
    }
    const stmt = reach.withHandlers ? this.personHandledStmt : this.personOwnStmt;
    return stmt.get({ personId, ...reachParams(reach) })!.n === 1;
  }

  /** Those of `personIds` who have a case within reach. */
  personsInReach(personIds: readonly string[], reach: CaseReach): Set<string> {
    if (personIds.length === 0) return new Set();
    if (reach.withTrips) {
      const sql = `SELECT p.id FROM persons p WHERE p.id IN (SELECT value FROM json_each(@personIds)) AND ${personReachSql(reach)}`;
      return new Set((this.tripStatement(sql).all({ personIds: JSON.stringify(personIds), ...reachParams(reach) }) as { id: string }[]).map((r) => r.id));
    }
    const stmt = reach.withHandlers ? this.personsHandledStmt : this.personsOwnStmt;
    return new Set(stmt.all({ personIds: JSON.stringify(personIds), ...reachParams(reach) }).map((r) => r.person_id));
  }
}
