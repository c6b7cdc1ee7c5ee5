import type { Db } from '../open';

/**
 * Whose cases a user reaches (least privilege, shared/access.ts): the cases they took in as the clerk, and the
 * cases they are named a handler of (`case_handlers`). `withHandlers: false` counts only the cases taken in —
 * the mobile team's scope until trips exist (a trip's cases will join here).
 */
export interface CaseReach {
  userId: string;
  withHandlers: boolean;
}

/** The SQL condition "case `c` is within reach of @reachUser" (parameters: `reachParams`). */
export function reachSql(reach: CaseReach, alias = 'c'): string {
  const own = `${alias}.clerk_id = @reachUser`;
  return reach.withHandlers ? `(${own} OR EXISTS (SELECT 1 FROM case_handlers h WHERE h.case_id = ${alias}.id AND h.user_id = @reachUser))` : own;
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

  constructor(db: Db) {
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

  /** Whether the person has a case within reach. */
  personInReach(personId: string, reach: CaseReach): boolean {
    const stmt = reach.withHandlers ? this.personHandledStmt : this.personOwnStmt;
    return stmt.get({ personId, ...reachParams(reach) })!.n === 1;
  }

  /** Those of `personIds` who have a case within reach. */
  personsInReach(personIds: readonly string[], reach: CaseReach): Set<string> {
    if (personIds.length === 0) return new Set();
    const stmt = reach.withHandlers ? this.personsHandledStmt : this.personsOwnStmt;
    return new Set(stmt.all({ personIds: JSON.stringify(personIds), ...reachParams(reach) }).map((r) => r.person_id));
  }
}
