import { createDecipheriv, createHash, createPublicKey, diffieHellman, hkdfSync, verify } from 'node:crypto';
import {
  BUNDLE_KDF_INFO,
  BUNDLE_SIGNATURE_BYTES,
  BUNDLE_TAG_BYTES,
  BundleManifestSchema,
  readBundleHeader,
  type BundleHeader,
  type BundleImportResult,
} from '../../shared/sync/bundle';
import { PROTOCOL_MINOR, PROTOCOL_VERSION } from '../../shared/sync/version';
import { SYNC_LIMITS } from '../../shared/sync/common';
import type { PushOp } from '../../shared/sync/ops';
import { nowInstant } from '../../shared/time';
import type { StationKeyRow, StationRow } from '../store/types';
import type { CentralContext } from './context';
import type { CentralKeyPair } from './bundle-key';
import { push } from './push';
import { fail } from './errors';

/** A bundle file split at its boundaries (shared/sync/bundle.ts): nothing in it is trusted yet. */
interface Parts {
  header: BundleHeader;
  /** Magic and header lines: the GCM associated data. */
  aad: Buffer;
  /** Everything the signature covers. */
  signed: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  signature: Buffer;
}

function split(bytes: Buffer): Parts {
  const read = readBundleHeader(bytes);
  if ('error' in read) fail('invalid-request', read.error, { field: 'body' });
  const headerEnd = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1;
  if (bytes.length < headerEnd + BUNDLE_TAG_BYTES + BUNDLE_SIGNATURE_BYTES) fail('invalid-request', '离线数据包已损坏（内容过短）', { field: 'body' });
  const sigAt = bytes.length - BUNDLE_SIGNATURE_BYTES;
  return {
    header: read.header,
    aad: bytes.subarray(0, headerEnd),
    signed: bytes.subarray(0, sigAt),
    ciphertext: bytes.subarray(headerEnd, sigAt - BUNDLE_TAG_BYTES),
    tag: bytes.subarray(sigAt - BUNDLE_TAG_BYTES, sigAt),
    signature: bytes.subarray(sigAt),
  };
}

/**
 * Who made the file, proven: the station named in the header exists, the signing key is one it registered, and
 * the Ed25519 signature over the whole file verifies with it. Nothing is read or written before this holds.
 */
async function checkSignature(ctx: CentralContext, p: Parts): Promise<{ station: StationRow; key: StationKeyRow }> {
  const { header } = p;
  const station = await ctx.store.stationById(header.stationId);
  if (!station || station.code !== header.stationCode) fail('forbidden', `离线数据包来自未知站点 ${header.stationCode}`);
  if (station.state === 'revoked') fail('station-revoked', `站点 ${station.code} 已被停用，不能导入其离线数据包`);
  const key = (await ctx.store.stationKeys(station.id)).find((k) => k.keyId === header.signer);
  if (!key) fail('forbidden', `离线数据包的签名密钥不是站点 ${station.code} 登记过的密钥：文件不是该站点生成的，未导入任何内容`);
  const publicKey = createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' });
  if (!verify(null, p.signed, publicKey, p.signature)) {
    fail('forbidden', `离线数据包签名校验失败：文件被改动过，或不是站点 ${station.code} 生成的，未导入任何内容`, { field: 'body' });
  }
  if (key.state === 'retired' && Date.parse(header.createdAt) > Date.parse(key.retiredAt!)) {
    fail('forbidden', `离线数据包由站点 ${station.code} 已停用的密钥签名（站点已于 ${key.retiredAt} 重新开通），停用后生成的数据包不再接受`);
  }
  return { station, key };
}

/** Open the sealed part with central's bundle key (after the signature held). */
function open(k: CentralKeyPair, p: Parts): Buffer {
  const { header } = p;
  if (header.recipient !== k.keyId) fail('forbidden', '离线数据包不是为本中心的密钥加密的（站点连接的是另一个中心，或中心密钥已更换），无法读取', { field: 'body' });
  const ephemeral = Buffer.from(header.ephemeralKey, 'base64');
  let plain: Buffer;
  try {
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephemeral.toString('base64url') }, format: 'jwk' });
    const secret = diffieHellman({ privateKey: k.privateKey, publicKey });
    const aesKey = Buffer.from(hkdfSync('sha256', secret, Buffer.from(header.bundleId, 'utf8'), Buffer.concat([Buffer.from(BUNDLE_KDF_INFO, 'utf8'), ephemeral, k.publicRaw]), 32));
    const d = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(header.iv, 'base64'));
    d.setAAD(p.aad);
    d.setAuthTag(p.tag);
    plain = Buffer.concat([d.update(p.ciphertext), d.final()]);
  } catch {
    fail('forbidden', '离线数据包无法解密（内容已损坏）', { field: 'body' });
  }
  return plain;
}

interface Contents {
  ops: PushOp[];
  blobs: { sha256: string; mime: string; data: Buffer }[];
}

function contents(header: BundleHeader, plain: Buffer): Contents {
  const bad = (why: string): never => fail('invalid-request', `离线数据包内容格式不对（${why}）`, { field: 'body' });
  if (plain.length < 4) bad('缺少清单');
  const n = plain.readUInt32BE(0);
  if (4 + n > plain.length) bad('清单长度');
  let json: unknown;
  try {
    json = JSON.parse(plain.subarray(4, 4 + n).toString('utf8'));
  } catch {
    bad('清单不是有效的 JSON');
  }
  const manifest = BundleManifestSchema.safeParse(json);
  if (!manifest.success) bad(manifest.error.issues[0]?.path.join('.') ?? '');
  const { ops, blobs } = manifest.data!;
  if (ops.length !== header.opCount || ops[0]!.seq !== header.firstSeq || ops[ops.length - 1]!.seq !== header.lastSeq || blobs.length !== header.blobCount) {
    fail('invalid-request', '离线数据包的内容与包头不符', { field: 'body' });
  }
  let at = 4 + n;
  const out: Contents['blobs'] = [];
  for (const b of blobs) {
    if (at + b.size > plain.length) bad('附件长度');
    const data = plain.subarray(at, at + b.size);
    at += b.size;
    if (createHash('sha256').update(data).digest('hex') !== b.sha256) fail('invalid-request', `离线数据包中的附件 ${b.sha256.slice(0, 12)}… 内容与校验值不符`, { field: 'body' });
    out.push({ sha256: b.sha256, mime: b.mime, data });
  }
  if (at !== plain.length) bad('多余的数据');
  return { ops, blobs: out };
}

/** The plaintext of a bundle, for whoever holds the X25519 private key it was sealed for (only central does). */
export function decryptBundle(bytes: Buffer, key: CentralKeyPair): Buffer {
  return open(key, split(bytes));
}

const caseNoOf = (op: PushOp): string | null => {
  const c = op.payload.case as { caseNo?: unknown } | undefined;
  return typeof c?.caseNo === 'string' ? c.caseNo : null;
};

/**
 * Import a mobile team's bundle. First, before anything is read or written: the signature, with a key the named
 * station registered — so a file altered in one byte, made by anyone else (also by someone holding a copy of
 * central's database, which has only public keys), or presented as another station's, changes nothing and uses
 * up no seq. Then central opens it with its own key (no relaying station can), stores its attachments after
 * checking each hash, and applies its ops through the same path as online sync — each at most once, so a second
 * import, or one after part of the ops went up online, applies nothing twice. A bundle signed with a key the
 * station had before it re-enrolled takes that key's own seq window, and only if it was made before the
 * re-enrollment.
 */
export async function importBundle(ctx: CentralContext, bytes: Buffer): Promise<BundleImportResult> {
  const parts = split(bytes);
  const { header } = parts;
  const { station, key } = await checkSignature(ctx, parts);
  const { ops, blobs } = contents(header, open(ctx.bundleKey, parts));
  const stream = key.state === 'retired' ? key.keyId : undefined;
  if (stream !== undefined && ops.some((op) => op.seq > key.streamTo!)) {
    fail('invalid-request', `离线数据包的操作序号超出了已停用密钥保留的范围（至 ${key.streamTo}），未导入`, { field: 'body' });
  }

  let blobsStored = 0;
  const present = await ctx.store.blobsPresent(blobs.map((b) => b.sha256));
  for (const b of blobs) {
    if (present.has(b.sha256)) continue;
    await ctx.blobs.put(b.sha256, b.data);
    await ctx.store.insertBlob({ sha256: b.sha256, size: b.data.length, mime: b.mime, createdAt: nowInstant(ctx.clock) });
    blobsStored += 1;
  }

  const result: BundleImportResult = {
    bundleId: header.bundleId,
    stationCode: station.code,
    ops: ops.length,
    applied: 0,
    duplicate: 0,
    rejected: 0,
    blobsStored,
    lastSeq: station.lastSeq,
    results: [],
  };
  const bySeq = new Map(ops.map((op) => [op.seq, op]));
  for (let i = 0; i < ops.length; i += SYNC_LIMITS.maxOpsPerPush) {
    const chunk = ops.slice(i, i + SYNC_LIMITS.maxOpsPerPush);
    const fresh = (await ctx.store.stationById(station.id))!;
    const res = await push(ctx, fresh, { protocol: PROTOCOL_VERSION, stationId: station.id, ops: chunk }, PROTOCOL_MINOR, 'bundle', stream);
    result.lastSeq = res.lastSeq;
    for (const r of res.results) {
      if (r.status === 'blocked') fail('invalid-request', `离线数据包缺少附件 ${r.missing[0]?.slice(0, 12) ?? ''}…，第 ${r.seq} 条起未导入`, { field: 'body' });
      result[r.status] += 1;
      const op = bySeq.get(r.seq)!;
      const rejected = r.status === 'rejected' || (r.status === 'duplicate' && r.original === 'rejected');
      result.results!.push({
        seq: r.seq,
        kind: op.kind,
        caseId: op.caseId,
        caseNo: caseNoOf(op),
        status: r.status,
        code: rejected ? (r.code ?? null) : null,
        message: rejected ? (r.message ?? null) : null,
      });
    }
  }
  return result;
}
