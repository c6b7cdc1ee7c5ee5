import type { Db } from '../open';
import type { Attachment } from '../../shared/api/channels/attachments';

interface Raw {
  id: string;
  case_id: string;
  material_code: string | null;
  sha256: string;
  mime: Attachment['mime'];
  size: number;
  file_name: string;
  local_path: string;
  upload_state: Attachment['uploadState'];
  created_at: string;
  damaged: string | null;
}

export interface AttachmentRow extends Attachment {
  localPath: string;
}

const toRow = (r: Raw): AttachmentRow => ({
  id: r.id,
  caseId: r.case_id,
  materialCode: r.material_code,
  sha256: r.sha256,
  mime: r.mime,
  size: r.size,
  fileName: r.file_name,
  localPath: r.local_path,
  uploadState: r.upload_state,
  createdAt: r.created_at,
  damaged: r.damaged,
});

export class AttachmentsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byCaseStmt;
  private readonly bySha256Stmt;
  private readonly setStateStmt;
  private readonly markDamagedStmt;
  private readonly clearDamagedStmt;
  private readonly damagedOfCaseStmt;
  private readonly damagedCountStmt;
  private readonly deleteStmt;
  private readonly pendingUploadsStmt;
  private readonly allBySha256Stmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO attachments(id, case_id, material_code, sha256, mime, size, file_name, local_path, upload_state, created_at)
       VALUES (@id, @caseId, @materialCode, @sha256, @mime, @size, @fileName, @localPath, @uploadState, @createdAt)`,
    );
    this.byIdStmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE id = ?');
    this.byCaseStmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE case_id = ? ORDER BY id');
    this.bySha256Stmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE sha256 = ? ORDER BY id LIMIT 1');
    this.setStateStmt = db.prepare('UPDATE attachments SET upload_state = @state, uploaded_bytes = @bytes WHERE sha256 = @sha256');
    this.markDamagedStmt = db.prepare("UPDATE attachments SET damaged = @reason, damaged_at = @at, upload_state = CASE upload_state WHEN 'stored' THEN 'stored' ELSE 'pending' END WHERE sha256 = @sha256 AND damaged IS NULL");
    this.clearDamagedStmt = db.prepare('UPDATE attachments SET damaged = NULL, damaged_at = NULL WHERE sha256 = ?');
    this.damagedOfCaseStmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE case_id = ? AND damaged IS NOT NULL ORDER BY id');
    this.damagedCountStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM attachments WHERE damaged IS NOT NULL');
    this.deleteStmt = db.prepare('DELETE FROM attachments WHERE id = ?');
    this.allBySha256Stmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE sha256 = ? ORDER BY id');
    this.pendingUploadsStmt = db.prepare<[number], { sha256: string }>(
      "SELECT sha256 FROM attachments WHERE upload_state != 'stored' AND damaged IS NULL GROUP BY sha256 ORDER BY min(created_at), sha256 LIMIT ?",
    );
  }

  /**
   * Mark every row of these bytes damaged (their file cannot be read whole and intact), with the reason. Only
   * bytes central does not hold yet go back to waiting for a re-scan. False when they were marked already.
   */
  markDamaged(sha256: string, reason: string, at: string): boolean {
    return this.markDamagedStmt.run({ sha256, reason, at }).changes > 0;
  }

  /** The bytes are whole again (stored anew by a re-scan). */
  clearDamaged(sha256: string): void {
    this.clearDamagedStmt.run(sha256);
  }

  /** Every row of these bytes (the same scan may be attached to several cases). */
  allBySha256(sha256: string): AttachmentRow[] {
    return this.allBySha256Stmt.all(sha256).map(toRow);
  }

  damagedOfCase(caseId: string): AttachmentRow[] {
    return this.damagedOfCaseStmt.all(caseId).map(toRow);
  }

  damagedCount(): number {
    return this.damagedCountStmt.get()?.n ?? 0;
  }

  /** A damaged attachment replaced by its re-scan. */
  delete(id: string): void {
    this.deleteStmt.run(id);
  }

  /** Bytes central may not hold yet, oldest first (the order their ops go up). */
  pendingUploads(limit: number): string[] {
    return this.pendingUploadsStmt.all(limit).map((r) => r.sha256);
  }

  bySha256(sha256: string): AttachmentRow | null {
    const r = this.bySha256Stmt.get(sha256);
    return r ? toRow(r) : null;
  }

  /** Upload progress of a blob (every row with those bytes: content-addressed). */
  setUploadState(sha256: string, state: AttachmentRow['uploadState'], bytes: number): void {
    this.setStateStmt.run({ sha256, state, bytes });
  }

  insert(a: AttachmentRow): void {
    this.insertStmt.run(a);
  }

  byId(id: string): AttachmentRow | null {
    const r = this.byIdStmt.get(id);
    return r ? toRow(r) : null;
  }

  forCase(caseId: string): AttachmentRow[] {
    return this.byCaseStmt.all(caseId).map(toRow);
  }
}
