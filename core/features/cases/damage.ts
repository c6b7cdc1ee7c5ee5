import type { CoreContext } from '../../context';
import type { AttachmentRow } from '../../../db/repos/attachments';
import { BlobError } from '../../../db/blobs';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';

/**
 * 需重新扫描: an attachment whose file can no longer be read whole and intact (cut short, altered, missing, or
 * central never took its bytes). Shared by sync (the upload) and the attachments feature (showing one).
 */

/** The message a case shows for its damaged attachment. */
export function damageMessage(fileName: string, reason: string): string {
  return `附件“${fileName}”已损坏，需重新扫描（${reason}）`;
}

/** Why a blob could not be read, in words for the clerk. */
export function blobFailureReason(e: unknown): string {
  if (e instanceof BlobError) return e.message;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return '附件文件不存在';
  return `读取附件文件失败：${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Mark these bytes damaged on every case that holds them, with the reason: the file is moved aside (so a re-scan
 * stores it afresh), each case not yet fully at central keeps a sync error saying 需重新扫描, and the finding is
 * audited. Answers false when the bytes were marked already (nothing is done twice).
 */
export function markAttachmentDamaged(ctx: CoreContext, sha256: string, reason: string): boolean {
  const at = nowInstant(ctx.clock);
  const rows = ctx.repos.attachments.allBySha256(sha256);
  if (rows.length === 0 || rows.every((r) => r.damaged !== null)) return false;
  try {
    ctx.blobs.quarantine(sha256);
  } catch {
    // The mark matters more than moving the file; a file left in place is read (and refused) again.
  }
  return ctx.tx(() => {
    if (!ctx.repos.attachments.markDamaged(sha256, reason, at)) return false;
    for (const a of rows) {
      const c = ctx.repos.cases.statusRow(a.caseId);
      // Central holds bytes it was given before they broke here: only a case still waiting for them has a problem.
      if (c && a.uploadState !== 'stored') ctx.repos.cases.setSync(a.caseId, c.syncState === 'synced' ? 'pending' : c.syncState, damageMessage(a.fileName, reason));
      ctx.repos.audit.append({
        at,
        actorId: null,
        actorName: 'system',
        action: 'attachment.damaged',
        entity: 'attachment',
        entityId: a.id,
        detail: { caseId: a.caseId, sha256, reason },
      });
      // News for the screens, not a change to sync (origin central: it starts no sync run).
      ctx.caseChanged(a.caseId, 'central');
    }
    return true;
  });
}

/** The bytes of an attachment, proven whole; a damaged one is marked so and refused, naming the problem. */
export function readAttachmentChecked(ctx: CoreContext, a: AttachmentRow): Buffer {
  try {
    return ctx.blobs.readChecked(a.localPath);
  } catch (e) {
    const reason = blobFailureReason(e);
    markAttachmentDamaged(ctx, a.sha256, reason);
    fail('invalid_input', `${damageMessage(a.fileName, reason)}：请重新扫描后替换`, { field: 'id' });
  }
}

/** Whether a case still waits for a re-scan (a damaged attachment central does not hold). */
export function caseNeedsRescan(ctx: CoreContext, caseId: string): AttachmentRow | null {
  return ctx.repos.attachments.damagedOfCase(caseId).find((a) => a.uploadState !== 'stored') ?? null;
}
