import { createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import {
  BUNDLE_KEY_INFO,
  BUNDLE_MAGIC,
  BundleHeaderSchema,
  BundlePayloadSchema,
  type BundleHeader,
  type BundleImportResult,
} from '../../shared/sync/bundle';
import { PROTOCOL_MINOR, PROTOCOL_VERSION } from '../../shared/sync/version';
import { SYNC_LIMITS } from '../../shared/sync/common';
import { nowInstant } from '../../shared/time';
import type { CentralContext } from './context';
import { push } from './push';
import { fail } from './errors';

/** The same derivation as the station's (core/sync/bundle.ts): HKDF over sha256(credential), salt = bundle id. */
function bundleKey(credentialHash: string, bundleId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(credentialHash, 'hex'), Buffer.from(bundleId), BUNDLE_KEY_INFO, 32));
}

function splitBundle(bytes: Buffer): { header: BundleHeader; headerLine: Buffer; sealed: Buffer } {
  const magic = Buffer.from(BUNDLE_MAGIC, 'utf8');
  if (bytes.length < magic.length + 2 || !bytes.subarray(0, magic.length).equals(magic)) fail('invalid-request', '不是离线数据包文件（文件头不对）', { field: 'body' });
  const end = bytes.indexOf(0x0a, magic.length);
  if (end < 0) fail('invalid-request', '离线数据包已损坏（缺少包头）', { field: 'body' });
  const headerLine = bytes.subarray(magic.length, end + 1);
  let raw: unknown;
  try {
    raw = JSON.parse(headerLine.toString('utf8'));
  } catch {
    fail('invalid-request', '离线数据包已损坏（包头不是有效的 JSON）', { field: 'body' });
  }
  const header = BundleHeaderSchema.safeParse(raw);
  if (!header.success) fail('invalid-request', `离线数据包的包头格式不对（${header.error.issues[0]?.path.join('.') ?? ''}）`, { field: 'body' });
  return { header: header.data, headerLine, sealed: bytes.subarray(end + 1) };
}

/**
 * Import a mobile team's bundle: open it with the key of the station that made it (so a relaying station or
 * a courier can neither read nor alter it), store its attachments after checking each hash, then apply its
 * ops through the same push path as online sync — each at most once, so a second import, or one after part of
 * the ops went up online, applies nothing twice.
 */
export async function importBundle(ctx: CentralContext, bytes: Buffer): Promise<BundleImportResult> {
  const { header, headerLine, sealed } = splitBundle(bytes);
  const station = await ctx.store.stationById(header.stationId);
  if (!station || station.code !== header.stationCode) fail('forbidden', `离线数据包来自未知站点 ${header.stationCode}`);
  if (station.state === 'revoked') fail('station-revoked', `站点 ${station.code} 已被停用，不能导入其离线数据包`);
  if (!station.credentialHash) fail('forbidden', `站点 ${station.code} 尚未开通，无法验证离线数据包`);
  if (sealed.length < 17) fail('invalid-request', '离线数据包已损坏（内容过短）', { field: 'body' });
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', bundleKey(station.credentialHash, header.bundleId), Buffer.from(header.iv, 'base64'));
    decipher.setAAD(headerLine);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  } catch {
    fail('forbidden', '离线数据包校验失败：文件被改动过，或不是该站点当前凭证生成的', { field: 'body' });
  }
  let json: unknown;
  try {
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    fail('invalid-request', '离线数据包内容不是有效的 JSON', { field: 'body' });
  }
  const payload = BundlePayloadSchema.safeParse(json);
  if (!payload.success) fail('invalid-request', `离线数据包内容格式不对（${payload.error.issues[0]?.path.join('.') ?? ''}）`, { field: 'body' });
  const { ops, blobs } = payload.data;
  if (ops.length !== header.opCount || ops[0]!.seq !== header.firstSeq || ops[ops.length - 1]!.seq !== header.lastSeq || blobs.length !== header.blobCount) {
    fail('invalid-request', '离线数据包的内容与包头不符', { field: 'body' });
  }

  let blobsStored = 0;
  const present = await ctx.store.blobsPresent(blobs.map((b) => b.sha256));
  for (const b of blobs) {
    if (present.has(b.sha256)) continue;
    const data = Buffer.from(b.dataBase64, 'base64');
    if (data.length !== b.size || createHash('sha256').update(data).digest('hex') !== b.sha256) {
      fail('invalid-request', `离线数据包中的附件 ${b.sha256.slice(0, 12)}… 内容与校验值不符`, { field: 'body' });
    }
    const tmp = randomUUID();
    await ctx.blobs.writeChunk(tmp, 0, data);
    await ctx.blobs.promote(tmp, b.sha256);
    await ctx.store.insertBlob({ sha256: b.sha256, size: data.length, mime: b.mime, createdAt: nowInstant(ctx.clock) });
    blobsStored += 1;
  }

  const result: BundleImportResult = { bundleId: header.bundleId, stationCode: station.code, ops: ops.length, applied: 0, duplicate: 0, rejected: 0, blobsStored, lastSeq: station.lastSeq };
  for (let i = 0; i < ops.length; i += SYNC_LIMITS.maxOpsPerPush) {
    const chunk = ops.slice(i, i + SYNC_LIMITS.maxOpsPerPush);
    const fresh = (await ctx.store.stationById(station.id))!;
    const res = await push(ctx, fresh, { protocol: PROTOCOL_VERSION, stationId: station.id, ops: chunk }, PROTOCOL_MINOR, 'bundle');
    result.lastSeq = res.lastSeq;
    for (const r of res.results) {
      if (r.status === 'applied') result.applied += 1;
      else if (r.status === 'duplicate') result.duplicate += 1;
      else if (r.status === 'rejected') result.rejected += 1;
      else fail('invalid-request', `离线数据包缺少附件 ${r.missing[0]?.slice(0, 12) ?? ''}…，第 ${r.seq} 条起未导入`, { field: 'body' });
    }
  }
  return result;
}
