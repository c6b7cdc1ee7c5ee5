import { createCipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign } from 'node:crypto';
import { join } from 'node:path';
import { writeFileDurably } from '../../../db/files';
import type { CoreContext } from '../../context';
import {
  BUNDLE_FORMAT,
  BUNDLE_KDF_INFO,
  BUNDLE_MAGIC,
  BundleHeaderSchema,
  type BundleHeader,
  type BundleManifest,
  type CentralBundleKey,
  type PushOp,
} from '../../../shared/sync';
import { nowInstant } from '../../../shared/time';
import { fail } from '../../../shared/api/errors';
import { SyncMetaStore, type SigningKeyMeta } from './meta';
import { payloadWithoutDamaged } from './push';
import { blobFailureReason, markAttachmentDamaged } from '../cases/damage';
import { requireStation } from '../../reference/station';
import type { SessionUser } from '../../../shared/api/channels/auth';

/** A new Ed25519 signing key (its public half goes to central at enrollment; the private half stays in the store). */
export function newSigningKey(): SigningKeyMeta {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    keyId: createHash('sha256').update(spki).digest('hex'),
    publicKey: spki.toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

/**
 * The file (shared/sync/bundle.ts, format 2): the plaintext sealed for central's X25519 key with an ephemeral key
 * of its own (X25519 + HKDF-SHA256 + AES-256-GCM, the magic and header lines as associated data), then the whole
 * file signed with the station's Ed25519 key. The station keeps no way to open it again: only central can.
 */
export function sealBundle(header: Omit<BundleHeader, 'ephemeralKey' | 'iv' | 'recipient' | 'signer' | 'cipher' | 'signature'>, plaintext: Buffer, signing: SigningKeyMeta, central: CentralBundleKey): Buffer {
  const eph = generateKeyPairSync('x25519');
  const ephRaw = eph.publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
  const centralDer = Buffer.from(central.publicKey, 'base64');
  const centralKey = createPublicKey({ key: centralDer, format: 'der', type: 'spki' });
  const secret = diffieHellman({ privateKey: eph.privateKey, publicKey: centralKey });
  const iv = randomBytes(12);
  const full = BundleHeaderSchema.parse({
    ...header,
    signer: signing.keyId,
    signature: 'ed25519',
    recipient: central.keyId,
    cipher: 'x25519-hkdf-sha256-aes-256-gcm',
    ephemeralKey: ephRaw.toString('base64'),
    iv: iv.toString('base64'),
  });
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.from(full.bundleId, 'utf8'), Buffer.concat([Buffer.from(BUNDLE_KDF_INFO, 'utf8'), ephRaw, centralDer.subarray(-32)]), 32));
  const aad = Buffer.from(`${BUNDLE_MAGIC}${JSON.stringify(full)}\n`, 'utf8');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([aad, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const signature = sign(null, body, createPrivateKey({ key: Buffer.from(signing.privateKey, 'base64'), format: 'der', type: 'pkcs8' }));
  return Buffer.concat([body, signature]);
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
  blobBytes: number;
  /** Cases the ops are about. */
  caseCount: number;
  firstSeq: number;
  lastSeq: number;
  createdAt: string;
}

export type ExportProgress = (phase: 'read' | 'seal' | 'write', done: number, total: number) => void;

/**
 * Export every pending op and the attachments they name as one signed, sealed file (for a mobile team carrying
 * its work on a USB stick). Nothing changes locally: the ops stay pending until central's answer arrives — by a
 * later online sync (`duplicate`) or through pull (`op.result`). An attachment that cannot be read whole and
 * intact is marked damaged on its case (需重新扫描) and left out, from the file and from the ops that name it —
 * as online sync does.
 */
export function exportBundle(ctx: CoreContext, dir: string, by?: SessionUser, onProgress?: ExportProgress): ExportedBundle {
  const state = new SyncMetaStore(ctx);
  const config = state.config();
  if (!config) fail('invalid_input', '本站尚未开通同步（需先用开通码连接中心一次），无法导出离线数据包');
  const signing = state.signingKey();
  const central = state.centralKey();
  if (!signing || !central) fail('invalid_input', '本站还没有离线数据包的签名密钥：请在联网时同步一次（或重新连接中心），再导出');
  const station = requireStation(ctx);
  const pending = ctx.repos.outbox.pending(1_000_000);
  if (pending.length === 0) fail('not_found', '没有待上传的数据，无需导出');
  const offset = state.seqOffset();
  const shas: string[] = [];
  const seen = new Set<string>();
  for (const op of pending) {
    for (const a of (op.payload as { attachments?: { sha256: string }[] }).attachments ?? []) {
      if (!seen.has(a.sha256)) shas.push(a.sha256);
      seen.add(a.sha256);
    }
  }
  // Each attachment read whole and proven; one that is not is marked damaged (需重新扫描) and left out.
  const blobs: BundleManifest['blobs'] = [];
  const damaged = new Set<string>();
  const datas: Buffer[] = [];
  let blobBytes = 0;
  for (const [i, sha] of shas.entries()) {
    onProgress?.('read', i, shas.length);
    const a = ctx.repos.attachments.bySha256(sha);
    if (!a) continue;
    if (a.damaged !== null) {
      damaged.add(sha);
      continue;
    }
    let data: Buffer;
    try {
      data = ctx.blobs.readChecked(a.localPath);
    } catch (e) {
      markAttachmentDamaged(ctx, sha, blobFailureReason(e));
      damaged.add(sha);
      continue;
    }
    blobs.push({ sha256: sha, mime: a.mime as BundleManifest['blobs'][number]['mime'], size: data.length });
    datas.push(data);
    blobBytes += data.length;
  }
  const ops: PushOp[] = pending.map((op) => ({
    seq: op.seq + offset,
    opId: op.opId,
    kind: op.kind,
    caseId: op.caseId,
    payload: (damaged.size === 0 ? op.payload : JSON.parse(payloadWithoutDamaged(JSON.stringify(op.payload), damaged))) as Record<string, unknown>,
    baseVersion: op.baseVersion,
    createdAt: op.createdAt,
  }));
  const manifest: BundleManifest = { ops, blobs };
  onProgress?.('seal', 0, 1);
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  const createdAt = nowInstant(ctx.clock);
  const bundleId = ctx.newId();
  const file = sealBundle(
    {
      format: BUNDLE_FORMAT,
      bundleId,
      stationId: config.stationId,
      stationCode: station.code,
      createdAt,
      firstSeq: ops[0]!.seq,
      lastSeq: ops[ops.length - 1]!.seq,
      opCount: ops.length,
      blobCount: manifest.blobs.length,
      blobBytes,
    },
    Buffer.concat([len, json, ...datas]),
    signing,
    central,
  );
  onProgress?.('write', 0, 1);
  const day = createdAt.slice(0, 10).replace(/-/g, '');
  const time = createdAt.slice(11, 19).replace(/:/g, '');
  // 站点-日期-时间-条数: what a courier reads on the stick.
  const fileName = `${station.code}-${day}-${time}-${ops.length}条.ybb`;
  const path = join(dir, fileName);
  writeFileDurably(path, file);
  const caseCount = new Set(pending.map((op) => op.caseId).filter((id) => id !== null)).size;
  ctx.tx(() =>
    ctx.repos.audit.append({
      at: createdAt,
      actorId: by?.id ?? null,
      actorName: by?.displayName ?? 'system',
      action: 'bundle.export',
      entity: 'bundle',
      entityId: bundleId,
      // The persons whose data the file carries (one row for the whole export).
      detail: { ops: ops.length, blobs: manifest.blobs.length, firstSeq: ops[0]!.seq, lastSeq: ops[ops.length - 1]!.seq, personIds: personsOf(ops) },
    }),
  );
  onProgress?.('write', 1, 1);
  return {
    path,
    fileName,
    bytes: file.length,
    opCount: ops.length,
    blobCount: manifest.blobs.length,
    blobBytes,
    caseCount,
    firstSeq: ops[0]!.seq,
    lastSeq: ops[ops.length - 1]!.seq,
    createdAt,
  };
}
