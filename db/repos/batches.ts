import type { Db } from '../open';
import type { Case } from '../../shared/cases/model';
import type { CaseStatus } from '../../shared/cases/status';

export type BatchState = 'importing' | 'done' | 'cancelled' | 'failed';

export interface BatchRow {
  id: string;
  itemCode: string;
  fileName: string;
  fileSha256: string;
  state: BatchState;
  total: number;
  valid: number;
  invalid: number;
  agent: unknown;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  /** Cases made so far. */
  imported: number;
  /** Cases of the batch central refused. */
  rejected: number;
}

interface Raw {
  id: string;
  item_code: string;
  file_name: string;
  file_sha256: string;
  state: BatchState;
  total_rows: number;
  valid_rows: number;
  invalid_rows: number;
  agent: string;
  error: string | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  imported: number;
  rejected: number;
}

const SELECT = `SELECT b.*, (SELECT count(*) FROM batch_cases bc WHERE bc.batch_id = b.id) AS imported,
  (SELECT count(*) FROM batch_cases bc JOIN cases c ON c.id = bc.case_id WHERE bc.batch_id = b.id AND c.sync_state = 'rejected') AS rejected
  FROM batches b`;

const toRow = (r: Raw): BatchRow => ({
  id: r.id,
  itemCode: r.item_code,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  state: r.state,
  total: r.total_rows,
  valid: r.valid_rows,
  invalid: r.invalid_rows,
  agent: JSON.parse(r.agent),
  error: r.error,
  createdBy: r.created_by,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  imported: r.imported,
  rejected: r.rejected,
});

export interface BatchCaseRow {
  row: number;
  caseId: string;
  caseNo: string;
  personName: string;
  status: CaseStatus;
  syncState: Case['syncState'];
  syncError: string | null;
}

/** Batch proxy imports and the case made from each row (migration 0012). */
export class BatchesRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byFileStmt;
  private readonly allStmt;
  private readonly ofUserStmt;
  private readonly addCaseStmt;
  private readonly rowsDoneStmt;
  private readonly finishStmt;
  private readonly restartStmt;
  private readonly casesStmt;
  private readonly itemCasesOfStmt;
  private readonly casesOfPersonsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO batches(id, item_code, file_name, file_sha256, state, total_rows, valid_rows, invalid_rows, agent, created_by, created_at)
       VALUES (@id, @itemCode, @fileName, @fileSha256, 'importing', @total, @valid, @invalid, @agent, @createdBy, @createdAt)`,
    );
    this.byIdStmt = db.prepare<[string], Raw>(`${SELECT} WHERE b.id = ?`);
    this.byFileStmt = db.prepare<[string, string], Raw>(`${SELECT} WHERE b.file_sha256 = ? AND b.item_code = ?`);
    this.allStmt = db.prepare<[], Raw>(`${SELECT} ORDER BY b.created_at DESC LIMIT 200`);
    this.ofUserStmt = db.prepare<[string], Raw>(`${SELECT} WHERE b.created_by = ? ORDER BY b.created_at DESC LIMIT 200`);
    this.addCaseStmt = db.prepare('INSERT INTO batch_cases(batch_id, row_no, case_id) VALUES (?, ?, ?)');
    this.rowsDoneStmt = db.prepare<[string], { row_no: number }>('SELECT row_no FROM batch_cases WHERE batch_id = ?');
    this.finishStmt = db.prepare(`UPDATE batches SET state = @state, error = @error, finished_at = @at WHERE id = @id AND state = 'importing'`);
    this.restartStmt = db.prepare(
      `UPDATE batches SET state = 'importing', error = NULL, finished_at = NULL, total_rows = @total, valid_rows = @valid, invalid_rows = @invalid WHERE id = @id`,
    );
    this.casesStmt = db.prepare<[string], { row_no: number; case_id: string; case_no: string; name: string; status: CaseStatus; sync_state: Case['syncState']; sync_error: string | null }>(
      `SELECT bc.row_no, bc.case_id, c.case_no, p.name, c.status, c.sync_state, c.sync_error
       FROM batch_cases bc JOIN cases c ON c.id = bc.case_id JOIN persons p ON p.id = c.person_id
       WHERE bc.batch_id = ? ORDER BY (c.sync_state = 'rejected') DESC, bc.row_no`,
    );
    // Persons (by ID number) holding a case of the item made by an earlier batch import: their row is "already
    // imported", not an error, when a corrected list comes again.
    this.casesOfPersonsStmt = db.prepare<[{ itemCode: string; personIds: string }], { person_id: string; case_no: string; status: CaseStatus; year: unknown }>(
      `SELECT c.person_id, c.case_no, c.status, json_extract(c.form, '$.enrollmentYear') AS year FROM cases c
       WHERE c.person_id IN (SELECT value FROM json_each(@personIds)) AND c.item_code = @itemCode ORDER BY c.created_at`,
    );
    this.itemCasesOfStmt = db.prepare<[{ itemCode: string; idNumbers: string }], { id_number: string }>(
      `SELECT DISTINCT p.id_number FROM batch_cases bc JOIN cases c ON c.id = bc.case_id JOIN persons p ON p.id = c.person_id
       WHERE c.item_code = @itemCode AND p.id_number IN (SELECT value FROM json_each(@idNumbers))`,
    );
  }

  insert(b: { id: string; itemCode: string; fileName: string; fileSha256: string; total: number; valid: number; invalid: number; agent: unknown; createdBy: string; createdAt: string }): void {
    this.insertStmt.run({ ...b, agent: JSON.stringify(b.agent) });
  }

  byId(id: string): BatchRow | null {
    const r = this.byIdStmt.get(id);
    return r ? toRow(r) : null;
  }

  byFile(fileSha256: string, itemCode: string): BatchRow | null {
    const r = this.byFileStmt.get(fileSha256, itemCode);
    return r ? toRow(r) : null;
  }

  /** Every batch, or those `userId` imported; newest first. */
  list(userId: string | null): BatchRow[] {
    return (userId === null ? this.allStmt.all() : this.ofUserStmt.all(userId)).map(toRow);
  }

  addCase(batchId: string, row: number, caseId: string): void {
    this.addCaseStmt.run(batchId, row, caseId);
  }

  rowsDone(batchId: string): Set<number> {
    return new Set(this.rowsDoneStmt.all(batchId).map((r) => r.row_no));
  }

  finish(id: string, state: Exclude<BatchState, 'importing'>, at: string, error: string | null = null): boolean {
    return this.finishStmt.run({ id, state, error, at }).changes === 1;
  }

  /** The same file imported again: the batch goes on (rows already made are skipped). */
  restart(id: string, counts: { total: number; valid: number; invalid: number }): void {
    this.restartStmt.run({ id, ...counts });
  }

  cases(batchId: string): BatchCaseRow[] {
    return this.casesStmt.all(batchId).map((r) => ({
      row: r.row_no,
      caseId: r.case_id,
      caseNo: r.case_no,
      personName: r.name,
      status: r.status,
      syncState: r.sync_state,
      syncError: r.sync_error,
    }));
  }

  /**
   * The cases of the item these persons have (any status, oldest first), with the enrollment year a case's form
   * names: what a list is checked against. Found through the persons' index, not by reading every case of the item.
   */
  casesOfPersons(itemCode: string, personIds: readonly string[]): { personId: string; caseNo: string; status: CaseStatus; year: unknown }[] {
    if (personIds.length === 0) return [];
    return this.casesOfPersonsStmt
      .all({ itemCode, personIds: JSON.stringify(personIds) })
      .map((r) => ({ personId: r.person_id, caseNo: r.case_no, status: r.status, year: r.year }));
  }

  /** Of these ID numbers, those with a case of the item made by a batch import. */
  importedFor(itemCode: string, idNumbers: readonly string[]): Set<string> {
    if (idNumbers.length === 0) return new Set();
    return new Set(this.itemCasesOfStmt.all({ itemCode, idNumbers: JSON.stringify(idNumbers) }).map((r) => r.id_number));
  }
}
