import { createHash } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { ChannelInput } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { Attachment } from '../../../shared/api/channels/attachments';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/api/channels/attachments';
import { fail } from '../../../shared/api/errors';
import { attachmentMarksMaterial, canAddAttachment, isDecided } from '../../../shared/cases/status';
import { FILING_SINCE } from '../../../shared/sync/ops';
import { nowInstant } from '../../../shared/time';
import { loadForChange, commitCaseChange, stamp } from '../cases/write';
import { caseNeedsRescan, damageMessage, readAttachmentChecked } from '../cases/damage';
import { requireItem } from '../../reference/catalog';
import { applicableMaterialCodes } from '../../../shared/cases/materials';

/** Magic numbers of the accepted file types: the declared type must match the content. */
function sniff(bytes: Buffer): Attachment['mime'] | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

const strip = ({ localPath: _p, ...a }: Attachment & { localPath: string }): Attachment => a;

/** Attach a scan or photo to a case; attached to a material, it marks that material received. */
export function addAttachment(ctx: CoreContext, user: SessionUser, input: ChannelInput<'attachments.add'>): { attachment: Attachment; caseVersion: number } {
  const c = loadForChange(ctx, input.caseId, input.version);
  if (!canAddAttachment(c.status)) fail('illegal_transition', '已撤回的案件不能再添加附件', { field: 'caseId' });
  if (isDecided(c.status) && ctx.protocolMinor() < FILING_SINCE) {
    fail('illegal_transition', `中心已对此案件作出决定；所连接的中心系统（协议 1.${ctx.protocolMinor()}）不接收决定后补充的附件，请联系中心升级`, { field: 'caseId' });
  }
  const item = requireItem(ctx, c.itemCode);
  if (input.materialCode !== undefined && !applicableMaterialCodes(item, c.form, c.proxy !== null).has(input.materialCode)) {
    fail('invalid_input', `材料：${input.materialCode} 不是本案适用的材料`, { field: 'materialCode' });
  }
  const replaced = input.replaces === undefined ? null : ctx.repos.attachments.byId(input.replaces);
  if (input.replaces !== undefined && (!replaced || replaced.caseId !== c.id)) fail('not_found', '要替换的附件不属于本案件', { field: 'replaces' });
  if (replaced && replaced.damaged === null) fail('invalid_input', '只有已损坏（需重新扫描）的附件可以被替换', { field: 'replaces' });
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0) fail('invalid_input', '文件内容为空', { field: 'dataBase64' });
  if (bytes.length > MAX_ATTACHMENT_BYTES) fail('invalid_input', `文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, { field: 'dataBase64' });
  const actual = sniff(bytes);
  if (actual !== input.mime) fail('invalid_input', `文件类型：内容不是声明的 ${input.mime}`, { field: 'mime' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // The same bytes scanned again after they were found damaged: a file left in place is moved aside first.
  if (ctx.repos.attachments.allBySha256(sha256).some((r) => r.damaged !== null)) ctx.blobs.quarantine(sha256);
  const localPath = ctx.blobs.store(sha256, bytes);
  const at = nowInstant(ctx.clock);
  const row = {
    id: ctx.newId(),
    caseId: c.id,
    materialCode: input.materialCode ?? null,
    sha256,
    mime: input.mime,
    size: bytes.length,
    fileName: input.fileName,
    localPath,
    uploadState: 'pending' as const,
    createdAt: at,
    damaged: null,
  };
  return ctx.tx(() => {
    if (replaced) ctx.repos.attachments.delete(replaced.id);
    ctx.repos.attachments.insert(row);
    ctx.repos.attachments.clearDamaged(sha256);
    // Central decided on the materials as they were: a document added since is filed with the case (归档) only.
    const materials =
      input.materialCode && attachmentMarksMaterial(c.status)
        ? c.materials.map((m) => (m.code === input.materialCode && !m.received ? { ...m, received: true, receivedAt: at } : m))
      : c.materials;
    const next = stamp(ctx, c, { materials });
    commitCaseChange(ctx, user, {
      prev: c,
      next,
      event: 'attachment_added',
      data: { attachmentId: row.id, sha256, size: row.size, mime: row.mime, materialCode: row.materialCode, ...(replaced ? { replaces: replaced.id, replacedSha256: replaced.sha256 } : {}) },
    });
    // Another attachment of the case may still wait for its re-scan.
    const still = caseNeedsRescan(ctx, c.id);
    if (still) ctx.repos.cases.setSync(c.id, 'pending', damageMessage(still.fileName, still.damaged ?? ''));
    return { attachment: strip(row), caseVersion: next.version };
  });
}

export function listAttachments(ctx: CoreContext, caseId: string): Attachment[] {
  return ctx.repos.attachments.forCase(caseId).map(strip);
}

export function getAttachment(ctx: CoreContext, user: SessionUser, id: string): { attachment: Attachment; dataBase64: string } {
  const a = ctx.repos.attachments.byId(id);
  if (!a) fail('not_found', '附件不存在', { field: 'id' });
  const bytes = readAttachmentChecked(ctx, a);
  ctx.txRelaxed(() =>
    ctx.repos.audit.append({
      at: nowInstant(ctx.clock),
      actorId: user.id,
      actorName: user.displayName,
      action: 'attachment.read',
      entity: 'attachment',
      entityId: a.id,
      detail: { caseId: a.caseId, personIds: [ctx.repos.cases.byId(a.caseId)?.personId].filter((id): id is string => id !== undefined) },
    }),
  );
  return { attachment: strip(a), dataBase64: bytes.toString('base64') };
}
