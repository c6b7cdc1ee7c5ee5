import { Worker } from 'node:worker_threads';
import { chmodSync, existsSync, readdirSync, renameSync, rmSync, statSync, accessSync, constants as fsConstants } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreContext } from '../../context';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { BackupSummary } from '../../../shared/api/channels/backup';
import type { z } from 'zod';
import type { BackupOutcomeSchema, BackupProgressSchema } from '../../../shared/api/channels/backup';
import { fail } from '../../../shared/api/errors';
import { nowInstant, type Instant } from '../../../shared/time';
import { ensurePrivateDir, fsyncDir, writeFileDurably } from '../../../db/files';
import type { StoreCipher } from '../../../db/cipher';
import { readEnvelope, recoveryWrapOf } from '../../keys/envelope';
import { requireStation } from '../../reference/station';
import { unpackedPath } from '../../worker-script';
import { BACKUP_PREFIX, MANIFEST, readManifest, signManifest, type Manifest } from './manifest';
import { aTurnForTheWindow } from '../../turn';

type Progress = z.infer<typeof BackupProgressSchema>;
type Outcome = z.infer<typeof BackupOutcomeSchema>;

/** How many good backups of this station are kept in the folder. */
export const KEEP_BACKUPS = 7;

export const BACKUP_SETTINGS = { folder: 'backup.folder', daily: 'backup.daily', last: 'backup.last', lastGoodAt: 'backup.lastGoodAt' } as const;

/** What the snapshot worker reports (snapshot-worker.cjs). */
export interface SnapshotReport {
  schemaVersion: number;
  counts: Manifest['counts'];
  auditHead: Manifest['auditHead'];
  sha256: string;
  bytes: number;
  /** Snapshot mode: how long the copy, its check and its hash took. */
  timings?: { copyMs: number; checkMs: number; hashMs: number };
}

const running = new WeakMap<CoreContext, Progress>();
const timings = new WeakMap<CoreContext, NonNullable<SnapshotReport['timings']>>();

/** How long the last backup's store copy, check and hash took (the bench reports them). */
export function lastSnapshotTimings(ctx: CoreContext): SnapshotReport['timings'] | null {
  return timings.get(ctx) ?? null;
}

function emit(ctx: CoreContext, p: Progress): void {
  running.set(ctx, p);
  ctx.events.emit('progress', { task: 'backup', phase: p.phase, done: p.done, total: p.total });
}

/**
 * Where the worker file is: beside this module (source tree) or beside the bundle (dist/node). In a packaged Electron
 * app the worker thread loads the unpacked copy (electron-builder.yml asarUnpack), with the SQLite binding beside it.
 */
function workerPath(): string {
  return unpackedPath(join(dirname(fileURLToPath(import.meta.url)), 'snapshot-worker.cjs'));
}

/** Run the snapshot worker (a worker thread: the core's event loop stays free). */
export function runSnapshotWorker(
  data:
    | { mode: 'snapshot'; source: string; dest: string; key: Buffer; cipher: StoreCipher; nativeBinding?: string | undefined }
    | { mode: 'verify'; source: string; key: Buffer; cipher: StoreCipher; nativeBinding?: string | undefined },
): Promise<SnapshotReport> {
  return new Promise((resolvePromise, reject) => {
    const { key, ...rest } = data;
    const w = new Worker(workerPath(), { workerData: { ...rest, keyHex: key.toString('hex') } });
    let settled = false;
    w.once('message', (m: { ok: true; result: SnapshotReport } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolvePromise(m.result);
      else reject(new Error(m.message));
      void w.terminate();
    });
    w.once('error', (e) => {
      if (!settled) reject(e);
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`backup worker exited with code ${code}`));
    });
  });
}

function stamp(at: Instant): string {
  // 2026-11-23T09:00:00.000+08:00 → 20261123-090000 (station time)
  return `${at.slice(0, 4)}${at.slice(5, 7)}${at.slice(8, 10)}-${at.slice(11, 13)}${at.slice(14, 16)}${at.slice(17, 19)}`;
}

function insideDataDir(ctx: CoreContext, folder: string): boolean {
  const rel = relative(resolve(ctx.security.dataDir), resolve(folder));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/') && !/^[A-Za-z]:/.test(rel));
}

function checkFolder(ctx: CoreContext, folder: string): void {
  if (insideDataDir(ctx, folder)) fail('invalid_input', '备份文件夹：不能放在数据目录里（请选U盘或另一块磁盘）', { field: 'folder' });
  if (!existsSync(folder) || !statSync(folder).isDirectory()) fail('invalid_input', `备份文件夹：${folder} 不存在（U盘插好了吗？）`, { field: 'folder' });
  try {
    accessSync(folder, fsConstants.W_OK);
  } catch {
    fail('invalid_input', `备份文件夹：${folder} 不能写入`, { field: 'folder' });
  }
}

function readOutcome(ctx: CoreContext): Outcome | null {
  const raw = ctx.repos.settings.get(BACKUP_SETTINGS.last);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Outcome;
  } catch {
    return null;
  }
}

export function backupStatus(ctx: CoreContext): ChannelOutput<'backup.status'> {
  const envelope = readEnvelope(ctx.security.dataDir);
  return {
    folder: ctx.repos.settings.get(BACKUP_SETTINGS.folder),
    daily: ctx.repos.settings.get(BACKUP_SETTINGS.daily) === '1',
    keep: KEEP_BACKUPS,
    running: running.get(ctx) ?? null,
    last: readOutcome(ctx),
    lastGoodAt: ctx.repos.settings.get(BACKUP_SETTINGS.lastGoodAt),
    recoveryKeyIssued: envelope !== null && recoveryWrapOf(envelope) !== null,
  };
}

export function configureBackup(ctx: CoreContext, user: SessionUser, input: ChannelInput<'backup.configure'>): ChannelOutput<'backup.configure'> {
  const folder = resolve(input.folder);
  checkFolder(ctx, folder);
  ctx.tx(() => {
    ctx.repos.settings.set(BACKUP_SETTINGS.folder, folder);
    ctx.repos.settings.set(BACKUP_SETTINGS.daily, input.daily ? '1' : '0');
    ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: user.id, actorName: user.displayName, action: 'backup.configure', entity: 'station', entityId: null, detail: { folder, daily: input.daily } });
  });
  return backupStatus(ctx);
}

/**
 * One full backup into the configured folder: the store through the snapshot worker, then the attachment files (as
 * they are: encrypted), then the manifest; written under a `.partial` name and renamed when complete, then the
 * oldest backups beyond KEEP_BACKUPS removed. Progress as `progress` events and in backup.status.
 */
export async function runBackup(ctx: CoreContext, by: SessionUser | null, trigger: Outcome['trigger']): Promise<Outcome> {
  if (running.has(ctx)) fail('conflict', '已有备份正在进行，请等它完成');
  const startedAt = nowInstant(ctx.clock);
  const t0 = performance.now();
  emit(ctx, { phase: 'store', done: 0, total: null, startedAt });
  let name: string | null = null;
  let bytes = 0;
  let outcome: Outcome;
  try {
    const sec = ctx.security;
    const keyring = sec.keyring;
    if (!keyring) fail('store_locked', '数据库已锁定');
    const st = requireStation(ctx);
    const folder = ctx.repos.settings.get(BACKUP_SETTINGS.folder);
    if (!folder) fail('invalid_input', '请先选择备份文件夹', { field: 'folder' });
    checkFolder(ctx, folder);
    const envelope = readEnvelope(sec.dataDir);
    const recovery = envelope ? recoveryWrapOf(envelope) : null;
    if (!envelope || !recovery) fail('invalid_input', '尚未生成恢复密钥：没有它，备份在新电脑上无法恢复。请先生成并打印恢复密钥');

    name = `${BACKUP_PREFIX}${st.code}-${stamp(startedAt)}`;
    const partial = join(folder, `${name}.partial`);
    rmSync(partial, { recursive: true, force: true });
    ensurePrivateDir(partial);

    // store: one snapshot, encrypted as the live store is (the envelope names its cipher: aegis once converted at
    // start; SQLite3MC's VACUUM INTO keeps the source's cipher); progress from the copy's growing size.
    const storeDest = join(partial, 'station.sqlite');
    const pageSize = ctx.db.pragma('page_size', { simple: true }) as number;
    const used = (ctx.db.pragma('page_count', { simple: true }) as number) - (ctx.db.pragma('freelist_count', { simple: true }) as number);
    const total = used * pageSize;
    const timer = setInterval(() => {
      if (existsSync(storeDest)) emit(ctx, { phase: 'store', done: Math.min(total, statSync(storeDest).size), total, startedAt });
    }, 250);
    let snap: SnapshotReport;
    try {
      snap = await runSnapshotWorker({ mode: 'snapshot', source: sec.dbPath, dest: storeDest, key: keyring.dataKey(), cipher: envelope.cipher, nativeBinding: sec.nativeBinding });
    } finally {
      clearInterval(timer);
    }
    if (process.platform !== 'win32') chmodSync(storeDest, 0o600);
    if (snap.timings) timings.set(ctx, snap.timings);
    bytes += snap.bytes;

    // attachments: the encrypted files as stored, a few at a time between turns of the event loop.
    const blobs = ctx.blobs.list();
    const attachmentsDir = join(partial, 'attachments');
    ensurePrivateDir(attachmentsDir);
    let slice = performance.now();
    for (let i = 0; i < blobs.length; i++) {
      ctx.blobs.copySealedTo(blobs[i]!.sha256, attachmentsDir);
      bytes += blobs[i]!.bytes;
      if (performance.now() - slice > 8) {
        emit(ctx, { phase: 'attachments', done: i + 1, total: blobs.length, startedAt });
        await aTurnForTheWindow();
        slice = performance.now();
      }
    }
    emit(ctx, { phase: 'verify', done: 0, total: null, startedAt });

    const manifest = signManifest(
      {
        format: 'yibao-backup',
        version: 1,
        station: st,
        createdAt: startedAt,
        createdBy: by?.username ?? null,
        cipher: envelope.cipher,
        keyId: envelope.keyId,
        recovery,
        schemaVersion: snap.schemaVersion,
        store: { file: 'station.sqlite', bytes: snap.bytes, sha256: snap.sha256 },
        counts: snap.counts,
        auditHead: snap.auditHead,
        blobs: blobs.map((b) => ({ sha256: b.sha256, bytes: b.bytes })),
      },
      keyring.backupMacKey(),
    );
    writeFileDurably(join(partial, MANIFEST), Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`));
    fsyncDir(partial);
    renameSync(partial, join(folder, name));
    fsyncDir(folder);
    prune(folder, st.code);
    outcome = { at: startedAt, ok: true, name, bytes, seconds: (performance.now() - t0) / 1000, message: null, trigger };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    outcome = { at: startedAt, ok: false, name: null, bytes, seconds: (performance.now() - t0) / 1000, message: `备份失败：${message}`, trigger };
  } finally {
    running.delete(ctx);
  }
  if (ctx.security.lock) return outcome;
  ctx.tx(() => {
    ctx.repos.settings.set(BACKUP_SETTINGS.last, JSON.stringify(outcome));
    if (outcome.ok) ctx.repos.settings.set(BACKUP_SETTINGS.lastGoodAt, outcome.at);
    ctx.repos.audit.append({
      at: nowInstant(ctx.clock),
      actorId: by?.id ?? null,
      actorName: by?.displayName ?? 'system',
      action: 'backup.run',
      entity: 'station',
      entityId: null,
      detail: { trigger, ok: outcome.ok, name: outcome.name, bytes: outcome.bytes, seconds: Math.round(outcome.seconds * 10) / 10 },
    });
  });
  ctx.events.emit('progress', { task: 'backup', phase: outcome.ok ? 'done' : 'failed', done: 1, total: 1 });
  return outcome;
}

/** Start a backup and answer at once (the UI follows it in backup.status); its outcome is recorded when it ends. */
export function startBackup(ctx: CoreContext, user: SessionUser): ChannelOutput<'backup.run'> {
  if (running.has(ctx)) fail('conflict', '已有备份正在进行，请等它完成');
  const folder = ctx.repos.settings.get(BACKUP_SETTINGS.folder);
  if (!folder) fail('invalid_input', '请先选择备份文件夹', { field: 'folder' });
  checkFolder(ctx, folder);
  const envelope = readEnvelope(ctx.security.dataDir);
  if (!envelope || !recoveryWrapOf(envelope)) fail('invalid_input', '尚未生成恢复密钥：没有它，备份在新电脑上无法恢复。请先生成并打印恢复密钥');
  // Its outcome (failures included) is recorded by runBackup itself.
  void runBackup(ctx, user, 'manual').catch(() => undefined);
  return backupStatus(ctx);
}

/** Keep the newest KEEP_BACKUPS complete backups of this station; remove older ones and interrupted leftovers. */
function prune(folder: string, code: string): void {
  const mine = readdirSync(folder)
    .filter((n) => n.startsWith(`${BACKUP_PREFIX}${code}-`))
    .sort();
  for (const n of mine.filter((n) => n.endsWith('.partial'))) rmSync(join(folder, n), { recursive: true, force: true });
  const complete = mine.filter((n) => !n.endsWith('.partial') && readManifest(join(folder, n)) !== null);
  for (const n of complete.slice(0, Math.max(0, complete.length - KEEP_BACKUPS))) rmSync(join(folder, n), { recursive: true, force: true });
}

export function summaryOf(path: string, m: Manifest): BackupSummary {
  return {
    path,
    name: path.split(/[\\/]/).pop() ?? path,
    station: m.station,
    createdAt: m.createdAt,
    persons: m.counts.persons,
    cases: m.counts.cases,
    attachments: m.blobs.length,
    auditRows: m.counts.auditRows,
    bytes: m.store.bytes + m.blobs.reduce((s, b) => s + b.bytes, 0),
  };
}

/** The backups at `folder`: the folder itself when it is one, else the backups directly inside it (newest first). */
export function backupsIn(folder: string): BackupSummary[] {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const own = readManifest(dir);
  if (own) return [summaryOf(dir, own)];
  const out: BackupSummary[] = [];
  for (const n of readdirSync(dir)) {
    if (!n.startsWith(BACKUP_PREFIX) || n.endsWith('.partial')) continue;
    const m = readManifest(join(dir, n));
    if (m) out.push(summaryOf(join(dir, n), m));
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

export function listBackups(ctx: CoreContext): BackupSummary[] {
  const folder = ctx.repos.settings.get(BACKUP_SETTINGS.folder);
  return folder ? backupsIn(folder) : [];
}

/** Daily backups: look every 10 minutes; back up when the last good one is a day old (a failure waits an hour). */
export function scheduleDailyBackups(ctx: CoreContext, everyMs = 600_000): () => void {
  let lastTry = 0;
  const timer = setInterval(() => {
    if (ctx.security.lock || running.has(ctx)) return;
    if (ctx.repos.settings.get(BACKUP_SETTINGS.daily) !== '1' || !ctx.repos.settings.get(BACKUP_SETTINGS.folder)) return;
    const lastGood = ctx.repos.settings.get(BACKUP_SETTINGS.lastGoodAt);
    const now = ctx.clock.now();
    if (lastGood && now - Date.parse(lastGood) < 86_400_000) return;
    if (now - lastTry < 3_600_000) return;
    lastTry = now;
    void runBackup(ctx, null, 'daily').catch(() => undefined);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
