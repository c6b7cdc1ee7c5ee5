import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CoreContext } from '../../context';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import type { SyncEngine } from './engine';
import { SyncFailure } from './http';
import { syncEngineOf } from './registry';
import { exportBundle } from './bundle';
import { SyncMetaStore } from './meta';
import { API_CODE_OF_SYNC_ERROR, fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';

/** The sync channels: thin adapters from the API to the engine, refusals in the API's terms. */

function engine(ctx: CoreContext): SyncEngine {
  const e = syncEngineOf(ctx);
  if (!e) fail('internal', '同步模块未启动');
  return e;
}

/** Sync status with the ops central refused (newest first), each with its case number; `shown` narrows them to a user's cases. */
export function syncStatus(ctx: CoreContext, shown: (caseId: string) => boolean = () => true): ChannelOutput<'sync.status'> {
  const rejected = ctx.repos.outbox.rejected(50).filter((r) => r.caseId === null || shown(r.caseId)).map((r) => ({
    seq: r.seq,
    kind: r.kind,
    caseId: r.caseId,
    caseNo: r.caseId ? (ctx.repos.cases.byId(r.caseId)?.caseNo ?? null) : null,
    code: r.code,
    message: r.message,
    at: r.doneAt,
  }));
  return { status: engine(ctx).status(), rejected };
}

export async function syncNow(ctx: CoreContext): Promise<ChannelOutput<'sync.now'>> {
  const r = await engine(ctx).syncNow();
  return { ok: r.ok, error: r.error, pushed: r.pushed, pulled: r.pulled, status: engine(ctx).status() };
}

export async function enrollStation(ctx: CoreContext, user: SessionUser, input: ChannelInput<'sync.enroll'>): Promise<ChannelOutput<'sync.enroll'>> {
  try {
    const tls = { ...(input.tlsPin ? { pinSha256: input.tlsPin } : {}), ...(input.tlsCaPem ? { caPem: input.tlsCaPem } : {}) };
    const r = await engine(ctx).enroll(input.centralUrl, input.code, user, tls);
    return { ...r, status: engine(ctx).status() };
  } catch (e) {
    if (e instanceof SyncFailure) {
      // A certificate that is not the pinned one is the fingerprint's problem, not the address's.
      const field = input.tlsPin && /指纹/.test(e.message) ? 'tlsPin' : input.tlsCaPem && /证书/.test(e.message) ? 'tlsCaPem' : 'centralUrl';
      if (e.kind === 'network' || !e.body) fail('invalid_input', `开通同步失败：${e.message}`, { field });
      fail(API_CODE_OF_SYNC_ERROR[e.body.code], `开通同步失败：${e.message}`, { field: e.body.code === 'enroll-refused' ? 'code' : 'centralUrl' });
    }
    throw e;
  }
}

/** Where exported bundles are written (the screen then saves them where the team chooses). */
function bundlesDir(ctx: CoreContext): string {
  return join(dirname(ctx.attachmentsDir), 'bundles');
}

/** Write the 离线数据包 into the data directory; small ones also come back whole, larger ones by sync.readBundle. */
export function exportBundleFile(ctx: CoreContext, user: SessionUser): ChannelOutput<'sync.exportBundle'> {
  const r = exportBundle(ctx, bundlesDir(ctx), user, (phase, done, total) => ctx.events.emit('progress', { task: 'bundle.export', phase, done, total }));
  const small = r.bytes <= 16 * 1024 * 1024;
  return { ...r, dataBase64: small ? readFileSync(r.path).toString('base64') : null };
}

/** What an export now would hold (counts only: the screen says so before the team exports). */
export function bundlePreview(ctx: CoreContext): ChannelOutput<'sync.bundlePreview'> {
  const pending = ctx.repos.outbox.pending(1_000_000);
  const shas = new Set<string>();
  const cases = new Set<string>();
  for (const op of pending) {
    if (op.caseId) cases.add(op.caseId);
    for (const a of (op.payload as { attachments?: { sha256: string }[] }).attachments ?? []) shas.add(a.sha256);
  }
  let attachments = 0;
  let attachmentBytes = 0;
  let damaged = 0;
  for (const sha of shas) {
    const a = ctx.repos.attachments.bySha256(sha);
    if (!a) continue;
    if (a.damaged !== null) damaged += 1;
    else {
      attachments += 1;
      attachmentBytes += a.size;
    }
  }
  const meta = new SyncMetaStore(ctx);
  return { ops: pending.length, cases: cases.size, attachments, attachmentBytes, damaged, canSign: meta.config() !== null && meta.signingKey() !== null && meta.centralKey() !== null };
}

/** A piece of an exported bundle (only files of the bundles folder, by name). */
export function readBundleChunk(ctx: CoreContext, input: ChannelInput<'sync.readBundle'>): ChannelOutput<'sync.readBundle'> {
  const path = join(bundlesDir(ctx), basename(input.fileName));
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    fail('not_found', `离线数据包 ${input.fileName} 不存在（请重新导出）`, { field: 'fileName' });
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.max(0, Math.min(input.length, size - input.offset));
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, input.offset + got);
      if (n === 0) break;
      got += n;
    }
    return { dataBase64: buf.subarray(0, got).toString('base64'), size };
  } finally {
    closeSync(fd);
  }
}

export async function relayBundle(ctx: CoreContext, user: SessionUser, input: ChannelInput<'sync.relayBundle'>): Promise<ChannelOutput<'sync.relayBundle'>> {
  try {
    const r = await engine(ctx).relayBundle(Buffer.from(input.dataBase64, 'base64'));
    ctx.tx(() =>
      ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: user.id, actorName: user.displayName, action: 'bundle.relay', entity: 'bundle', entityId: r.bundleId, detail: { origin: r.stationCode, applied: r.applied, duplicate: r.duplicate } }),
    );
    return {
      stationCode: r.stationCode,
      ops: r.ops,
      applied: r.applied,
      duplicate: r.duplicate,
      rejected: r.rejected,
      blobsStored: r.blobsStored,
      results: (r.results ?? []).map((x) => ({ seq: x.seq, kind: x.kind, caseNo: x.caseNo, status: x.status, code: x.code, message: x.message })),
    };
  } catch (e) {
    if (e instanceof SyncFailure) fail(e.retryable ? 'internal' : 'invalid_input', `转交离线数据包失败：${e.message}`, { field: 'dataBase64', retryable: e.retryable });
    throw e;
  }
}
