import type { Db } from '../open';

export interface InvoiceHolder {
  key: string;
  caseId: string;
  caseNo: string;
}

/** The station's index of claimed invoices (migration 0009): which case taken in holds each invoice. */
export class InvoiceClaimsRepo {
  private readonly holderStmt;
  private readonly insertStmt;
  private readonly releaseStmt;
  private readonly ofCaseStmt;

  constructor(db: Db) {
    this.holderStmt = db.prepare<[string], { key: string; case_id: string; case_no: string }>('SELECT key, case_id, case_no FROM invoice_claims WHERE key = ?');
    this.insertStmt = db.prepare('INSERT INTO invoice_claims(key, case_id, case_no, created_at) VALUES (?, ?, ?, ?)');
    this.releaseStmt = db.prepare('DELETE FROM invoice_claims WHERE case_id = ?');
    this.ofCaseStmt = db.prepare<[string], { key: string }>('SELECT key FROM invoice_claims WHERE case_id = ? ORDER BY key');
  }

  /** Who holds the invoice `key`, or null. */
  holder(key: string): InvoiceHolder | null {
    const r = this.holderStmt.get(key);
    return r ? { key: r.key, caseId: r.case_id, caseNo: r.case_no } : null;
  }

  /** The case holds exactly these invoices from now on (the ones it held before and no longer lists are let go). */
  hold(caseId: string, caseNo: string, keys: readonly string[], at: string): void {
    this.releaseStmt.run(caseId);
    for (const key of keys) this.insertStmt.run(key, caseId, caseNo, at);
  }

  /** The case lets all its invoices go (withdrawn, or rejected by central). */
  release(caseId: string): number {
    return this.releaseStmt.run(caseId).changes;
  }

  keysOf(caseId: string): string[] {
    return this.ofCaseStmt.all(caseId).map((r) => r.key);
  }
}
