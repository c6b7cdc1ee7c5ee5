import type { Db } from '../open';
import type { DayCounts } from './day-counts';
import type { Case } from '../../shared/cases/model';
import type { CaseStatus } from '../../shared/cases/status';
import type { Family } from '../../shared/catalog/types';
import { reachParams, reachSql, type CaseReach } from './case-handlers';

interface Raw {
  id: string;
  case_no: string;
  family: Family;
  item_code: string;
  person_id: string;
  proxy: string | null;
  status: CaseStatus;
  version: number;
  form: string;
  materials: string;
  promise_date: string | null;
  accepted_at: string | null;
  sla_due: string | null;
  clerk_id: string;
  station_code: string;
  sync_state: Case['syncState'];
  sync_error: string | null;
  created_at: string;
  updated_at: string;
}

const COLS = `id, case_no, family, item_code, person_id, proxy, status, version, form, materials, promise_date,
  accepted_at, sla_due, clerk_id, station_code, sync_state, sync_error, created_at, updated_at`;

const toCase = (r: Raw): Case => ({
  id: r.id,
  caseNo: r.case_no,
  family: r.family,
  itemCode: r.item_code,
  personId: r.person_id,
  proxy: r.proxy === null ? null : (JSON.parse(r.proxy) as Case['proxy']),
  status: r.status,
  version: r.version,
  form: JSON.parse(r.form) as Case['form'],
  materials: JSON.parse(r.materials) as Case['materials'],
  promiseDate: r.promise_date,
  acceptedAt: r.accepted_at,
  slaDue: r.sla_due,
  clerkId: r.clerk_id,
  stationCode: r.station_code,
  syncState: r.sync_state,
  syncError: r.sync_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toParams = (c: Case) => ({
  id: c.id,
  caseNo: c.caseNo,
  family: c.family,
  itemCode: c.itemCode,
  personId: c.personId,
  proxy: c.proxy === null ? null : JSON.stringify(c.proxy),
  status: c.status,
  version: c.version,
  form: JSON.stringify(c.form),
  materials: JSON.stringify(c.materials),
  promiseDate: c.promiseDate,
  acceptedAt: c.acceptedAt,
  slaDue: c.slaDue,
  clerkId: c.clerkId,
  stationCode: c.stationCode,
  syncState: c.syncState,
  syncError: c.syncError,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

/** What applying central's news needs of a case, read without parsing its form. */
export interface CaseStatusRow {
  id: string;
  caseNo: string;
  status: CaseStatus;
  version: number;
  syncState: Case['syncState'];
  central: CentralCaseStateKept;
}

export interface CentralCaseStateKept {
  version: number | null;
  note: string | null;
  payoutFen: number | null;
}

/** The SQL-level form of a queue filter, resolved by the service (search text → person ids, "overdue" → today). */
export interface QueueQuery {
  statuses?: readonly CaseStatus[];
  family?: Family;
  itemCode?: string;
  clerkId?: string;
  proxyOnly?: boolean;
  /** Cases central refused a change of (sync_state 'rejected'), of `openStatuses` when given, else of any status. */
  needsAction?: boolean;
  /** Only cases of these items / not of these items. */
  itemCodesIn?: readonly string[];
  itemCodesNotIn?: readonly string[];
  /** Open cases with sla_due before this date. */
  overdueBefore?: string;
  openStatuses?: readonly CaseStatus[];
  /** Search: case number prefix OR one of these persons. */
  search?: { caseNoPrefix: string; personIds: readonly string[] };
  /** Only the cases within a user's reach (a proxy helper's, a mobile team's: shared/access.ts). */
  reach?: CaseReach;
}

export class CasesRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly byNoStmt;
  private readonly bumpNoStmt;
  private readonly firstNoStmt;
  private readonly lastNoStmt;
  private readonly countByStatusStmt;
  private readonly centralGetStmt;
  private readonly centralSetStmt;
  private readonly syncSetStmt;
  private readonly pendingStmt;
  private readonly syncRejectedStmt;
  private readonly statusRowStmt;
  private readonly centralStatusStmt;
  /**
   * Queue totals by filter, kept until the next write to a case: the queue asks for the same total with
   * every page and every refresh, and counting 100k cases costs milliseconds each time.
   */
  private readonly countCache = new Map<string, number>();
  private statusCounts: Map<CaseStatus, number> | null = null;
  private readonly queueStmts = new Map<string, { rows: ReturnType<Db['prepare']>; count: ReturnType<Db['prepare']> }>();
  private readonly reachCountStmts = new Map<string, ReturnType<Db['prepare']>>();

  constructor(
    private readonly db: Db,
    private readonly counts: DayCounts,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO cases(${COLS}) VALUES (@id, @caseNo, @family, @itemCode, @personId, @proxy, @status, @version, @form,
        @materials, @promiseDate, @acceptedAt, @slaDue, @clerkId, @stationCode, @syncState, @syncError, @createdAt, @updatedAt)`,
    );
    // Optimistic concurrency: the row changes only if nobody else changed it since it was read.
    this.updateStmt = db.prepare(
      `UPDATE cases SET proxy = @proxy, status = @status, version = @version, form = @form, materials = @materials,
        promise_date = @promiseDate, accepted_at = @acceptedAt, sla_due = @slaDue, sync_state = @syncState,
        sync_error = @syncError, updated_at = @updatedAt
       WHERE id = @id AND version = @expected`,
    );
    this.byIdStmt = db.prepare<[string], Raw>(`SELECT ${COLS} FROM cases WHERE id = ?`);
    this.byNoStmt = db.prepare<[string], Raw>(`SELECT ${COLS} FROM cases WHERE case_no = ?`);
    // Plain statements rather than one upsert with RETURNING: an upsert opens a statement journal, and in a
    // transaction that has written the persons' full-text index that makes FTS5 flush a segment — 37 µs a case in
    // a batch import, against 6 µs for an UPDATE and a SELECT (the INSERT runs once a day).
    this.bumpNoStmt = db.prepare<[string]>('UPDATE case_numbers SET last = last + 1 WHERE day = ?');
    this.firstNoStmt = db.prepare<[string]>('INSERT INTO case_numbers(day, last) VALUES (?, 1)');
    this.lastNoStmt = db.prepare<[string], { last: number }>('SELECT last FROM case_numbers WHERE day = ?');
    this.countByStatusStmt = db.prepare<[], { status: CaseStatus; n: number }>(
      'SELECT status, count(*) AS n FROM cases GROUP BY status',
    );
    this.centralGetStmt = db.prepare<[string], { central_version: number | null; central_note: string | null; payout_fen: number | null }>(
      'SELECT central_version, central_note, payout_fen FROM cases WHERE id = ?',
    );
    this.centralSetStmt = db.prepare('UPDATE cases SET central_version = @version, central_note = @note, payout_fen = @payoutFen WHERE id = @id');
    this.syncSetStmt = db.prepare('UPDATE cases SET sync_state = ?, sync_error = ? WHERE id = ?');
    this.pendingStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM cases WHERE sync_state = 'pending'");
    this.syncRejectedStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM cases WHERE sync_state = 'rejected'");
    this.statusRowStmt = db.prepare<[string], { id: string; case_no: string; status: CaseStatus; version: number; sync_state: Case['syncState']; central_version: number | null; central_note: string | null; payout_fen: number | null }>(
      'SELECT id, case_no, status, version, sync_state, central_version, central_note, payout_fen FROM cases WHERE id = ?',
    );
    // Central's news in one statement: status (and version) plus what central said, with the optimistic check. The
    // reason a case is not synced (a refusal, a scan to redo) stays with it.
    this.centralStatusStmt = db.prepare(
      `UPDATE cases SET status = @status, version = @version, updated_at = @updatedAt, sync_state = @syncState,
         sync_error = CASE WHEN @syncState = 'synced' THEN NULL ELSE sync_error END,
         central_version = @centralVersion, central_note = @note, payout_fen = @payoutFen
       WHERE id = @id AND version = @version - 1`,
    );
  }

  /** Forget cached totals (every write does; the benchmark does it to measure a cold page). */
  invalidateCounts(): void {
    this.countCache.clear();
  }

  /** Insert a case, counted in the daily aggregates (DayCounts). */
  insert(c: Case): void {
    this.countCache.clear();
    this.insertStmt.run(toParams(c));
    this.counts.caseInserted(c);
  }

  /** Write `next` over the stored case whose version is `next.version - 1`; false when it was changed meanwhile. */
  /** Write the case over the stored row if that row is still at `expected` (by default the version before). */
  update(next: Case, expected = next.version - 1): boolean {
    this.countCache.clear();
    return this.updateStmt.run({ ...toParams(next), expected }).changes === 1;
  }

  byId(id: string): Case | null {
    const r = this.byIdStmt.get(id);
    return r ? toCase(r) : null;
  }

  byCaseNo(caseNo: string): Case | null {
    const r = this.byNoStmt.get(caseNo);
    return r ? toCase(r) : null;
  }

  /** What central last said about the case (null fields until it has said anything). */
  central(id: string): CentralCaseStateKept | null {
    const r = this.centralGetStmt.get(id);
    return r ? { version: r.central_version, note: r.central_note, payoutFen: r.payout_fen } : null;
  }

  setCentral(id: string, f: CentralCaseStateKept): void {
    this.centralSetStmt.run({ id, version: f.version, note: f.note, payoutFen: f.payoutFen });
  }

  /** How many cases have changes waiting for central (what the status bar shows). */
  pendingSyncCount(): number {
    return this.pendingStmt.get()!.n;
  }

  statusRow(id: string): CaseStatusRow | null {
    const r = this.statusRowStmt.get(id);
    return r
      ? { id: r.id, caseNo: r.case_no, status: r.status, version: r.version, syncState: r.sync_state, central: { version: r.central_version, note: r.central_note, payoutFen: r.payout_fen } }
      : null;
  }

  /** Take central's status (next version) and what it said, in one write; false when the case moved meanwhile. */
  applyCentralStatus(id: string, u: { status: CaseStatus; version: number; updatedAt: string; syncState: Case['syncState']; central: CentralCaseStateKept }): boolean {
    this.countCache.clear();
    return (
      this.centralStatusStmt.run({ id, status: u.status, version: u.version, updatedAt: u.updatedAt, syncState: u.syncState, centralVersion: u.central.version, note: u.central.note, payoutFen: u.central.payoutFen }).changes === 1
    );
  }

  /** How many cases carry a refusal from central. */
  syncRejectedCount(): number {
    return this.syncRejectedStmt.get()!.n;
  }

  /** The case's sync state (not a change of the case: its version stays). */
  setSync(id: string, state: Case['syncState'], error: string | null): void {
    this.syncSetStmt.run(state, error, id);
    // The queue's "needs action" count reads sync states.
    this.countCache.clear();
  }

  /** The next number of the day's sequence (1, 2, …); call inside the transaction that inserts the case. */
  nextDailySequence(day: string): number {
    if (!this.db.inTransaction) return this.db.transaction(() => this.nextDailySequence(day))();
    if (this.bumpNoStmt.run(day).changes === 0) {
      this.firstNoStmt.run(day);
      return 1;
    }
    return this.lastNoStmt.get(day)!.last;
  }

  countByStatus(): Map<CaseStatus, number> {
    const hit = this.statusCounts;
    if (hit && this.countCache.has('\u0000byStatus')) return new Map(hit);
    const counts = new Map(this.countByStatusStmt.all().map((r) => [r.status, r.n]));
    this.statusCounts = counts;
    this.countCache.set('\u0000byStatus', 0);
    return new Map(counts);
  }

  /** Cases by status within a user's reach (not cached: a helper's or a team's cases are few). */
  countByStatusIn(reach: CaseReach): Map<CaseStatus, number> {
    const where = reachSql(reach);
    let stmt = this.reachCountStmts.get(where);
    if (!stmt) {
      stmt = this.db.prepare(`SELECT c.status AS status, count(*) AS n FROM cases c WHERE ${where} GROUP BY c.status`);
      this.reachCountStmts.set(where, stmt);
    }
    return new Map((stmt.all(reachParams(reach)) as { status: CaseStatus; n: number }[]).map((r) => [r.status, r.n]));
  }

  private queueStatements(q: QueueQuery) {
    const where: string[] = [];
    if (q.statuses && q.statuses.length > 0) {
      where.push(q.statuses.length === 1 ? 'c.status = @status0' : `c.status IN (${q.statuses.map((_, i) => `@status${i}`).join(',')})`);
    }
    if (q.family) where.push('c.family = @family');
    if (q.itemCode) where.push('c.item_code = @itemCode');
    if (q.clerkId) where.push('c.clerk_id = @clerkId');
    if (q.proxyOnly) where.push('c.proxy IS NOT NULL');
    if (q.itemCodesIn) where.push('c.item_code IN (SELECT value FROM json_each(@itemCodesIn))');
    if (q.itemCodesNotIn && q.itemCodesNotIn.length > 0) where.push('c.item_code NOT IN (SELECT value FROM json_each(@itemCodesNotIn))');
    if (q.needsAction) {
      where.push("c.sync_state = 'rejected'");
      if (!q.overdueBefore && q.openStatuses) where.push(`c.status IN (${q.openStatuses.map((_, i) => `@open${i}`).join(',') || "''"})`);
    }
    if (q.overdueBefore) {
      where.push('c.due_key < @overdueBefore');
      where.push(`c.status IN (${(q.openStatuses ?? []).map((_, i) => `@open${i}`).join(',') || "''"})`);
    }
    if (q.reach) where.push(reachSql(q.reach));
    if (q.search) {
      where.push(
        `(c.case_no >= @caseNoFrom AND c.case_no < @caseNoTo OR c.person_id IN (SELECT value FROM json_each(@personIds)))`,
      );
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const key = whereSql;
    let stmts = this.queueStmts.get(key);
    if (!stmts) {
      stmts = {
        rows: this.db.prepare(`SELECT ${COLS.split(',').map((c) => `c.${c.trim()}`).join(', ')} FROM cases c ${whereSql}
          ORDER BY c.due_key, c.id LIMIT @limit OFFSET @offset`),
        count: this.db.prepare(`SELECT count(*) AS n FROM cases c ${whereSql}`),
      };
      this.queueStmts.set(key, stmts);
    }
    const params: Record<string, unknown> = {};
    q.statuses?.forEach((s, i) => (params[`status${i}`] = s));
    if (q.family) params.family = q.family;
    if (q.itemCode) params.itemCode = q.itemCode;
    if (q.clerkId) params.clerkId = q.clerkId;
    if (q.reach) Object.assign(params, reachParams(q.reach));
    if (q.itemCodesIn) params.itemCodesIn = JSON.stringify(q.itemCodesIn);
    if (q.itemCodesNotIn && q.itemCodesNotIn.length > 0) params.itemCodesNotIn = JSON.stringify(q.itemCodesNotIn);
    if (q.overdueBefore) params.overdueBefore = q.overdueBefore;
    if (q.overdueBefore || q.needsAction) q.openStatuses?.forEach((s, i) => (params[`open${i}`] = s));
    if (q.search) {
      params.caseNoFrom = q.search.caseNoPrefix;
      params.caseNoTo = q.search.caseNoPrefix === '' ? '' : `${q.search.caseNoPrefix}\uffff`;
      params.personIds = JSON.stringify(q.search.personIds);
    }
    return { stmts, params, key };
  }

  queue(q: QueueQuery, offset: number, limit: number): Case[] {
    const { stmts, params } = this.queueStatements(q);
    return (stmts.rows.all({ ...params, offset, limit }) as Raw[]).map(toCase);
  }

  queueCount(q: QueueQuery): number {
    const { stmts, params, key } = this.queueStatements(q);
    const cacheKey = `${key}|${JSON.stringify(params)}`;
    const hit = this.countCache.get(cacheKey);
    if (hit !== undefined) return hit;
    const n = (stmts.count.get(params) as { n: number }).n;
    if (this.countCache.size > 200) this.countCache.clear();
    this.countCache.set(cacheKey, n);
    return n;
  }
}
