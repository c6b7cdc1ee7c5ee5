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
});

export class AttachmentsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byCaseStmt;
  private readonly bySha256Stmt;
  private readonly setStateStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO attachments(id, case_id, material_code, sha256, mime, size, file_name, local_path, upload_state, created_at)
       VALUES (@id, @caseId, @materialCode, @sha256, @mime, @size, @fileName, @localPath, @uploadState, @createdAt)`,
    );
    this.byIdStmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE id = ?');
    this.byCaseStmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE case_id = ? ORDER BY id');
    this.bySha256Stmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE sha256 = ? ORDER BY id LIMIT 1');
    this.setStateStmt = db.prepare('UPDATE attachments SET upload_state = @state, uploaded_bytes = @bytes WHERE sha256 = @sha256');
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
