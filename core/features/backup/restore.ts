import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CoreContext } from '../../context';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';
import { openStore, LATEST_VERSION } from '../../../db/open';
import { AuditRepo } from '../../../db/repos/audit';
import { StationBlobs } from '../../../db/blobs';
import { ensurePrivateDir, writeFileDurably } from '../../../db/files';
import { RESTORE_READY, restoreStaging } from '../../../db/restore';
import { openWithRecovery, writeEnvelope, type Envelope } from '../../keys/envelope';
import { KeyError, WEAK_BACKENDS } from '../../keys/protectors';
import { parseRecoveryKey } from '../../keys/recovery-key';
import { StationKeyring } from '../../keys/station-keys';
import { isInitialized } from '../../reference/station';
import { backupsIn, runSnapshotWorker } from './backup';
import { manifestMacOk, readManifest } from './manifest';
import { aTurnForTheWindow } from '../../turn';

/** A new install only: a station already set up is never overwritten by a restore. */
function requireFresh(ctx: CoreContext): void {
  if (ctx.security.lock) fail('store_locked', '数据库已锁定');
  if (isInitialized(ctx)) fail('already_set_up', '本工作站已经设置过，不能再从备份恢复（恢复只用于新安装）');
}

export function inspectBackups(ctx: CoreContext, input: ChannelInput<'backup.inspect'>): ChannelOutput<'backup.inspect'> {
  requireFresh(ctx);
  return backupsIn(input.folder);
}

let restoring = false;

/**
 * Restore a backup on a new install: the recovery key opens the backup's data key; then the manifest's HMAC, the
 * store file's hash, its integrity_check, its counts and its audit chain, and every attachment (decrypted, hashed) are
 * checked while they are staged in `<data dir>/restore/`; the data key is sealed for this machine; and only then is
 * the staged restore moved into place (db/restore) and the core reopened on it. Nothing is replaced before all of it
 * checked out; a crash after the READY marker is finished at the next start.
 */
export async function restoreBackup(ctx: CoreContext, input: ChannelInput<'backup.restore'>): Promise<ChannelOutput<'backup.restore'>> {
  requireFresh(ctx);
  if (restoring) fail('conflict', '正在恢复，请稍候');
  restoring = true;
  const sec = ctx.security;
  const staging = restoreStaging(sec.dataDir);
  try {
    const dir = resolve(input.path);
    const m = readManifest(dir);
    if (!m) fail('invalid_input', `备份：${dir} 不是工作站的备份（没有有效的 manifest.json）`, { field: 'path' });
    if (m.schemaVersion > LATEST_VERSION) fail('invalid_input', `备份来自更新版本的工作站（数据库版本 ${m.schemaVersion}），请先升级本程序`, { field: 'path' });
    const parsed = parseRecoveryKey(input.recoveryKey);
    if (!parsed.ok) fail('invalid_input', parsed.message, { field: 'recoveryKey' });
    const dataKey = openWithRecovery(parsed.secret, m.recovery, m.keyId);
    if (!dataKey) fail('bad_credentials', '恢复密钥不对：不是这个备份的恢复密钥', { field: 'recoveryKey' });
    const keyring = new StationKeyring(dataKey);
    if (!manifestMacOk(m, keyring.backupMacKey())) fail('invalid_input', '备份清单（manifest.json）被改动过或已损坏，拒绝恢复', { field: 'path' });

    rmSync(staging, { recursive: true, force: true });
    ensurePrivateDir(staging);
    const stagedStore = join(staging, 'station.sqlite');
    const sourceStore = join(dir, m.store.file);
    if (!existsSync(sourceStore)) fail('invalid_input', '备份不完整：缺少 station.sqlite', { field: 'path' });
    copyFileSync(sourceStore, stagedStore);
    let report;
    try {
      report = await runSnapshotWorker({ mode: 'verify', source: stagedStore, key: dataKey, cipher: m.cipher, nativeBinding: sec.nativeBinding });
    } catch (e) {
      fail('invalid_input', `备份的数据库损坏：${(e as Error).message}`, { field: 'path' });
    }
    if (report.sha256 !== m.store.sha256 || report.bytes !== m.store.bytes) fail('invalid_input', '备份的数据库与清单不符（文件被改动或不完整）', { field: 'path' });
    for (const k of ['persons', 'cases', 'attachments', 'auditRows'] as const) {
      if (report.counts[k] !== m.counts[k]) fail('invalid_input', `备份的数据库与清单不符（${k}: ${report.counts[k]} ≠ ${m.counts[k]}）`, { field: 'path' });
    }
    const db = openStore(stagedStore, { key: dataKey, cipher: m.cipher, readonly: true, ...(sec.nativeBinding ? { nativeBinding: sec.nativeBinding } : {}) });
    try {
      const chain = new AuditRepo(db).verify();
      if (!chain.ok) fail('invalid_input', `备份里的审计日志链在第 ${chain.brokenAt} 行断开，拒绝恢复`, { field: 'path' });
      const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
      if ((head?.hash ?? null) !== (m.auditHead?.hash ?? null)) fail('invalid_input', '备份里的审计日志与清单不符', { field: 'path' });
    } finally {
      db.close();
    }

    const blobs = new StationBlobs(join(staging, 'attachments'), keyring.attachmentKey());
    let slice = performance.now();
    for (let i = 0; i < m.blobs.length; i++) {
      const b = m.blobs[i]!;
      try {
        blobs.adoptSealed(b.sha256, join(dir, 'attachments', b.sha256.slice(0, 2), b.sha256));
      } catch (e) {
        fail('invalid_input', `备份里的附件 ${b.sha256.slice(0, 12)}… 缺失或损坏：${(e as Error).message}`, { field: 'path' });
      }
      if (performance.now() - slice > 8) {
        ctx.events.emit('progress', { task: 'restore', phase: 'attachments', done: i + 1, total: m.blobs.length });
        await aTurnForTheWindow();
        slice = performance.now();
      }
    }

    // Seal the data key for this machine; the backup's recovery seal comes along (the same recovery key keeps working).
    let local;
    try {
      const protection = await sec.protector.describe();
      local = await sec.protector.protect(dataKey, m.keyId, nowInstant(ctx.clock), protection.weak ? '恢复密钥持有人' : null);
    } catch (e) {
      if (e instanceof KeyError) fail('store_locked', e.message);
      throw e;
    }
    // The envelope names the backup's cipher: a backup in an older cipher (chacha20, sqlcipher4) is converted to aegis
    // when the core reopens on it below (core/keys/open-store.ts openEncrypted), as any station still on one is at its start.
    const envelope: Envelope = { format: 'yibao-station-keys', version: 1, cipher: m.cipher, keyId: m.keyId, createdAt: m.recovery.issuedAt, wraps: [local, m.recovery] };
    writeEnvelope(staging, envelope);
    writeFileDurably(join(staging, RESTORE_READY), Buffer.from(`${JSON.stringify({ from: dir, at: nowInstant(ctx.clock) })}\n`));

    const weakUnconfirmed = local.kind === 'safeStorage' && WEAK_BACKENDS.has(local.backend) && local.weakConfirmedBy === null;
    sec.reopen({ dataKey, keyId: m.keyId, envelope, created: false, weakUnconfirmed });
    if (sec.lock) fail('store_locked', sec.lock.message);
    ctx.tx(() =>
      ctx.repos.audit.append({
        at: nowInstant(ctx.clock),
        actorId: null,
        actorName: 'system',
        action: 'backup.restore',
        entity: 'station',
        entityId: m.station.code,
        detail: { backup: m.createdAt, by: m.createdBy, persons: m.counts.persons, cases: m.counts.cases, attachments: m.blobs.length },
      }),
    );
    return { station: m.station, persons: m.counts.persons, cases: m.counts.cases, attachments: m.blobs.length };
  } catch (e) {
    if (!existsSync(join(staging, RESTORE_READY))) rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    restoring = false;
  }
}
