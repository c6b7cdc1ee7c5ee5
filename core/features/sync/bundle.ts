import { createCipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeFileDurably } from '../../../db/files';
import type { CoreContext } from '../../context';
import { BUNDLE_KEY_INFO, BUNDLE_MAGIC, BundleHeaderSchema, type BundleHeader, type BundlePayload, type PushOp } from '../../../shared/sync';
import { nowInstant } from '../../../shared/time';
import { fail } from '../../../shared/api/errors';
import { SyncMetaStore } from './meta';
import { requireStation } from '../../reference/station';
import type { SessionUser } from '../../../shared/api/channels/auth';

/** The bundle key both ends can make: HKDF over sha256(credential), salted with the bundle id. */
export function bundleKey(credentialSha256Hex: string, bundleId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(credentialSha256Hex, 'hex'), Buffer.from(bundleId), BUNDLE_KEY_INFO, 32));
}

function seal(header: BundleHeader, payload: BundlePayload, key: Buffer): Buffer {
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  cipher.setAAD(headerLine);
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([Buffer.from(BUNDLE_MAGIC, 'utf8'), headerLine, body]);
}

/** The persons whose cases (or registrations) the ops carry. */
function personsOf(ops: readonly PushOp[]): string[] {
  const ids = new Set<string>();
  for (const op of ops) {
    const p = op.payload as { case?: { personId?: unknown }; person?: { id?: unknown } };
    const id = p.case?.personId ?? p.person?.id;
    if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

export interface ExportedBundle {
  path: string;
  fileName: string;
  bytes: number;
  opCount: number;
  blobCount: number;
  firstSeq: number;
  lastSeq: number;
}

/**
 * Export every pending op and the attachments they name as one signed, encrypted file (for a mobile team
 * carrying its work on a USB stick). Nothing changes locally: the ops stay pending until central's answer
 * arrives — by a later online sync (`duplicate`) or through pull (`op.result`).
 */
export function exportBundle(ctx: CoreContext, dir: string, by?: SessionUser): ExportedBundle {
  const state = new SyncMetaStore(ctx);
  const config = state.config();
  if (!config) fail('invalid_input', '本站尚未开通同步（需先用开通码连接中心一次），无法导出离线数据包');
  const station = requireStation(ctx);
  const pending = ctx.repos.outbox.pending(1_000_000);
  if (pending.length === 0) fail('not_found', '没有待上传的数据，无需导出');
  const offset = state.seqOffset();
  const ops: PushOp[] = pending.map((op) => ({
    seq: op.seq + offset,
    opId: op.opId,
    kind: op.kind,
    caseId: op.caseId,
    payload: op.payload as Record<string, unknown>,
    baseVersion: op.baseVersion,
    createdAt: op.createdAt,
  }));
  const shas = new Set<string>();
  for (const op of pending) for (const a of ((op.payload as { attachments?: { sha256: string }[] }).attachments ?? [])) shas.add(a.sha256);
  const blobs: BundlePayload['blobs'] = [];
  for (const sha of shas) {
    const a = ctx.repos.attachments.bySha256(sha);
    if (!a) continue;
    const data = ctx.blobs.read(a.localPath);
    blobs.push({ sha256: sha, mime: a.mime, size: data.length, dataBase64: data.toString('base64') });
  }
  const bundleId = ctx.newId();
  const header = BundleHeaderSchema.parse({
    format: 1,
    bundleId,
    stationId: config.stationId,
    stationCode: station.code,
    createdAt: nowInstant(ctx.clock),
    firstSeq: ops[0]!.seq,
    lastSeq: ops[ops.length - 1]!.seq,
    opCount: ops.length,
    blobCount: blobs.length,
    cipher: 'aes-256-gcm',
    kdf: 'hkdf-sha256',
    iv: randomBytes(12).toString('base64'),
  });
  const key = bundleKey(createHash('sha256').update(config.credential).digest('hex'), bundleId);
  const file = seal(header, { ops, blobs }, key);
  const fileName = `${station.code}-${header.createdAt.slice(0, 19).replace(/[-:T]/g, '')}-${header.firstSeq}-${header.lastSeq}.ybb`;
  const path = join(dir, fileName);
  writeFileDurably(path, file);
  ctx.tx(() =>
    ctx.repos.audit.append({
      at: header.createdAt,
      actorId: by?.id ?? null,
      actorName: by?.displayName ?? 'system',
      action: 'bundle.export',
      entity: 'bundle',
      entityId: bundleId,
      // The persons whose data the file carries (one row for the whole export).
      detail: { ops: ops.length, blobs: blobs.length, firstSeq: header.firstSeq, lastSeq: header.lastSeq, personIds: personsOf(ops) },
    }),
  );
  return { path, fileName, bytes: file.length, opCount: ops.length, blobCount: blobs.length, firstSeq: header.firstSeq, lastSeq: header.lastSeq };
}
