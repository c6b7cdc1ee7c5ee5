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

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO attachments(id, case_id, material_code, sha256, mime, size, file_name, local_path, upload_state, created_at)
       VALUES (@id, @caseId, @materialCode, @sha256, @mime, @size, @fileName, @localPath, @uploadState, @createdAt)`,
    );
    this.byIdStmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE id = ?');
    this.byCaseStmt = db.prepare<[string], Raw>('SELECT * FROM attachments WHERE case_id = ? ORDER BY id');
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
