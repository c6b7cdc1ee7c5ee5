import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../core/core';
import { createTestStation, removeStationDir, residentId, TEST_PASSWORD, type TestStation } from '../../core/testing/fixtures';
import { newSession, type Session } from '../../core/session';
import { sampleFormOn } from '../../core/testing/seed';
import { materialsFor } from '../../shared/cases/materials';
import { AuditRepo } from '../../db/repos/audit';
import { MANIFEST, signManifest, type Manifest } from '../../core/features/backup/manifest';
import { detectCipher, keyOpens } from '../../db/cipher';
import { StationKeyring } from '../../core/keys/station-keys';
import { KEYS_FILE } from '../../core/keys/envelope';
import { OLDER_CIPHERS, rewriteStoreInOlderCipher } from '../../core/testing/legacy';
import { scheduleDailyBackups } from '../../core/features/backup/backup';

/**
 * Backups that restore (issue 13, point 5): back up, destroy the data directory, restore on a new install with the
 * recovery key, and find every case, attachment and the audit chain intact. Refusals: other roles, no recovery key,
 * a wrong recovery key, a changed manifest or attachment, a station already set up.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});
function tempDir(prefix = 'yibao-bk-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => removeStationDir(d));
  return d;
}

const png = (text: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text.repeat(100))]).toString('base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function station(): Promise<{ st: TestStation; clerk: Session; sup: Session }> {
  const st = await createTestStation();
  cleanups.push(() => st.cleanup());
  const clerk = await st.as('clerk');
  const sup = await st.as('supervisor');
  // An item without invoices (an invoice may be claimed only once at a station).
  const item = st.core.ctx.catalog.get('transfer_continuation')!;
  const form = sampleFormOn(item, '2026-11-23');
  const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
  for (let i = 0; i < 6; i++) {
    const p = await st.call(clerk, 'persons.register', { idNumber: residentId('1950-01-01', 10 + i), name: `王秀英${'一二三四五六'[i]}` });
    const c = await st.call(clerk, 'cases.intake', { itemCode: item.code, personId: p.id, form, materialsReceived: received });
    await st.call(clerk, 'attachments.add', { caseId: c.case.id, version: c.case.version, fileName: `scan${i}.png`, mime: 'image/png', dataBase64: png(`scan ${i} ${p.id}`) });
  }
  return { st, clerk, sup };
}

async function waitForBackup(st: TestStation, sup: Session): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const s = await st.call(sup, 'backup.status', {});
    if (s.running === null && s.last !== null) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('backup did not finish');
}

/** A supervisor's backup to a fresh "USB stick": a recovery key issued first, one backup run to its end. */
async function backedUp(st: TestStation, sup: Session): Promise<{ folder: string; recoveryKey: string; dir: string }> {
  const folder = tempDir('yibao-usb-');
  await st.call(sup, 'backup.configure', { folder, daily: false });
  const { recoveryKey } = await st.call(sup, 'keys.issueRecoveryKey', {});
  await st.call(sup, 'backup.run', {});
  await waitForBackup(st, sup);
  const dir = (await st.call(sup, 'backup.list', {}))[0]!.path;
  return { folder, recoveryKey, dir };
}

function snapshot(core: Core) {
  const db = core.ctx.db;
  return {
    cases: db.prepare('SELECT id, case_no, status, version, form FROM cases ORDER BY id').all(),
    persons: db.prepare('SELECT id, id_number, name FROM persons ORDER BY id').all(),
    attachments: (db.prepare('SELECT id, sha256, local_path FROM attachments ORDER BY id').all() as { id: string; sha256: string; local_path: string }[]).map((a) => ({
      id: a.id,
      sha256: a.sha256,
      content: sha(core.ctx.blobs.read(a.local_path)),
    })),
    audit: db.prepare('SELECT id, hash FROM audit_log ORDER BY id').all() as { id: number; hash: string }[],
  };
}

describe('backups that restore', () => {
  it('backs up, survives the data directory being destroyed, and restores everything on a new install with the recovery key', async () => {
    const { st, clerk, sup } = await station();
    const folder = tempDir('yibao-usb-');
    expect(await st.callRaw(sup, 'backup.run', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'folder' } });
    await st.call(sup, 'backup.configure', { folder, daily: true });
    expect(await st.callRaw(sup, 'backup.run', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('恢复密钥') } });
    const { recoveryKey } = await st.call(sup, 'keys.issueRecoveryKey', {});

    const started = await st.call(sup, 'backup.run', {});
    expect(started.running).not.toBeNull();
    // The window keeps working while the backup runs.
    const p = await st.call(clerk, 'persons.register', { idNumber: residentId('1960-02-02', 99), name: '备份中登记' });
    expect(p.name).toBe('备份中登记');
    await waitForBackup(st, sup);
    const status = await st.call(sup, 'backup.status', {});
    expect(status.last).toMatchObject({ ok: true, trigger: 'manual', message: null });
    expect(status.lastGoodAt).not.toBeNull();
    const list = await st.call(sup, 'backup.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ station: { code: 'TOWN01' }, attachments: 6 });
    expect(list[0]!.cases).toBe(6);
    expect(st.core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.run'").pluck().get()).toBe(1);

    // Nothing personal in the clear in the backup folder.
    const backupDir = list[0]!.path;
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    for (const f of walk(backupDir)) {
      const raw = readFileSync(f);
      for (const n of ['王秀英', residentId('1950-01-01', 10), 'scan 0']) expect([f, raw.includes(Buffer.from(n))]).toEqual([f, false]);
    }

    // What a backup taken now holds: the snapshot at its start (the person registered during it may or may not be in).
    const before = snapshot(st.core);
    const backedUpAudit = JSON.parse(readFileSync(join(backupDir, MANIFEST), 'utf8')).auditHead as { id: number; hash: string };
    st.cleanup(); // destroys the data directory and the key file beside it
    expect(existsSync(st.dir)).toBe(false);

    // A new install: not set up; the backup is found and restored with the recovery key.
    const fresh = join(tempDir('yibao-new-'), 'data');
    const core = createCore({ dataDir: fresh, log: { error: () => undefined } });
    cleanups.push(() => core.close());
    const anon = newSession();
    const found = await core.router.handle(anon, 'backup.inspect', { folder });
    expect(found).toMatchObject({ ok: true, value: [{ path: backupDir, cases: 6 }] });
    const wrong = recoveryKey.split('-').reverse().join('-');
    expect(await core.router.handle(anon, 'backup.restore', { path: backupDir, recoveryKey: wrong })).toMatchObject({ ok: false, error: { field: 'recoveryKey' } });
    const restored = await core.router.handle(anon, 'backup.restore', { path: backupDir, recoveryKey });
    expect(restored).toMatchObject({ ok: true, value: { station: { code: 'TOWN01' }, cases: 6, attachments: 6 } });

    const after = snapshot(core);
    expect(after.cases).toEqual(before.cases);
    expect(after.attachments).toEqual(before.attachments);
    for (const a of before.attachments) expect(after.attachments.find((x) => x.id === a.id)?.content).toBe(a.content);
    expect(new AuditRepo(core.ctx.db).verify().ok).toBe(true);
    expect(after.audit.find((r) => r.id === backedUpAudit.id)?.hash).toBe(backedUpAudit.hash);
    expect(after.audit.slice(0, backedUpAudit.id)).toEqual(before.audit.slice(0, backedUpAudit.id));
    expect(core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.restore'").pluck().get()).toBe(1);

    // Users come back; a second restore is refused; the next start needs no recovery key.
    const s = newSession();
    expect(await core.router.handle(s, 'auth.signIn', { username: 'clerk1', password: TEST_PASSWORD })).toMatchObject({ ok: true });
    expect(await core.router.handle(s, 'cases.get', { caseId: (before.cases[0] as { id: string }).id })).toMatchObject({ ok: true });
    expect(await core.router.handle(anon, 'backup.restore', { path: backupDir, recoveryKey })).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
    core.close();
    const next = createCore({ dataDir: fresh, log: { error: () => undefined } });
    cleanups.push(() => next.close());
    expect(next.ctx.security.lock).toBeNull();
    expect(snapshot(next).cases).toEqual(before.cases);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(existsSync(join(fresh, 'restore'))).toBe(false);
  }, 60_000);

  it.each(OLDER_CIPHERS)('restores a backup an earlier release made (its store in %s, the manifest saying so): the restored store is converted to aegis', async (older) => {
    const { st, sup } = await station();
    const { folder, recoveryKey, dir } = await backedUp(st, sup);
    const storeFile = join(dir, 'station.sqlite');
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    // A backup made now is in aegis, as the live store.
    expect(m.cipher).toBe('aegis');
    expect(detectCipher(storeFile, st.dataKey, older)).toBe('aegis');

    // As that release wrote it: the store file in its cipher (its pragmas and the raw key) with its cipher mark (or
    // none, before chacha20), the manifest naming the cipher with the file's hash, signed with the backup MAC key.
    rewriteStoreInOlderCipher(storeFile, st.dataKey, older);
    expect(detectCipher(storeFile, st.dataKey)).toBe(older);
    const bytes = readFileSync(storeFile);
    const { mac: _mac, ...body } = m;
    const old = signManifest({ ...body, cipher: older, store: { ...body.store, bytes: bytes.length, sha256: sha(bytes) } }, new StationKeyring(st.dataKey).backupMacKey());
    writeFileSync(join(dir, MANIFEST), JSON.stringify(old, null, 1));
    const before = snapshot(st.core);

    const fresh = join(tempDir('yibao-new-'), 'data');
    const core = createCore({ dataDir: fresh, log: { error: () => undefined } });
    cleanups.push(() => core.close());
    const anon = newSession();
    expect(await core.router.handle(anon, 'backup.inspect', { folder })).toMatchObject({ ok: true, value: [{ path: dir, cases: 6 }] });
    expect(await core.router.handle(anon, 'backup.restore', { path: dir, recoveryKey })).toMatchObject({ ok: true, value: { station: { code: 'TOWN01' }, cases: 6, attachments: 6 } });
    const after = snapshot(core);
    expect(after.cases).toEqual(before.cases);
    expect(after.persons).toEqual(before.persons);
    expect(after.attachments).toEqual(before.attachments);
    expect(new AuditRepo(core.ctx.db).verify().ok).toBe(true);
    const rekey = core.ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'store.rekey'").pluck().all() as string[];
    expect(rekey.map((d) => JSON.parse(d) as unknown)).toEqual([expect.objectContaining({ from: older, to: 'aegis' })]);
    expect((JSON.parse(readFileSync(join(fresh, KEYS_FILE), 'utf8')) as { cipher: string }).cipher).toBe('aegis');
    core.close();
    const storePath = join(fresh, 'station.sqlite');
    expect(keyOpens(storePath, st.dataKey, 'aegis')).toBe(true);
    expect(keyOpens(storePath, st.dataKey, older)).toBe(false);
    // The backup itself is left as it was.
    expect(detectCipher(storeFile, st.dataKey)).toBe(older);
    const next = createCore({ dataDir: fresh, log: { error: () => undefined } });
    cleanups.push(() => next.close());
    expect(next.ctx.security.lock).toBeNull();
    expect(snapshot(next).cases).toEqual(before.cases);
  }, 60_000);

  it('refuses a changed manifest or a changed attachment, replacing nothing', async () => {
    const { st, sup } = await station();
    const { recoveryKey, dir } = await backedUp(st, sup);

    const fresh = join(tempDir('yibao-new-'), 'data');
    const core = createCore({ dataDir: fresh, log: { error: () => undefined } });
    cleanups.push(() => core.close());
    const anon = newSession();

    const manifestPath = join(dir, MANIFEST);
    const original = readFileSync(manifestPath, 'utf8');
    const m = JSON.parse(original);
    m.counts.cases = 5;
    writeFileSync(manifestPath, JSON.stringify(m));
    expect(await core.router.handle(anon, 'backup.restore', { path: dir, recoveryKey })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('改动') } });
    writeFileSync(manifestPath, original);

    const blob = m.blobs[0].sha256 as string;
    const blobPath = join(dir, 'attachments', blob.slice(0, 2), blob);
    const bytes = readFileSync(blobPath);
    bytes[bytes.length - 20]! ^= 1;
    writeFileSync(blobPath, bytes);
    expect(await core.router.handle(anon, 'backup.restore', { path: dir, recoveryKey })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('附件') } });
    expect(existsSync(join(fresh, 'restore'))).toBe(false);
    expect(await core.router.handle(anon, 'setup.status', {})).toMatchObject({ ok: true, value: { initialized: false } });
  }, 60_000);

  it('keeps backups to the supervisor, and refuses a folder inside the data directory', async () => {
    const { st, clerk, sup } = await station();
    for (const ch of ['backup.status', 'backup.run', 'backup.list'] as const) {
      expect(await st.callRaw(clerk, ch, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await st.callRaw(clerk, 'backup.configure', { folder: tmpdir(), daily: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await st.callRaw(sup, 'backup.configure', { folder: join(st.dir, 'attachments'), daily: true })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'folder' } });
    expect(await st.callRaw(sup, 'backup.configure', { folder: '/no/such/usb', daily: true })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'folder', message: expect.stringContaining('不存在') } });
    expect(await st.callRaw(sup, 'backup.configure', { folder: 'relative/path', daily: true })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'folder' } });
    expect(await st.callRaw(sup, 'backup.inspect', { folder: tmpdir() })).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
    expect(st.core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'backup.%'").pluck().get()).toBe(0);
  });

  it('backs up daily on its own once a day has passed since the last good backup (audited as the system), one at a time', async () => {
    const { st, sup } = await station();
    const folder = tempDir('yibao-usb-');
    await st.call(sup, 'keys.issueRecoveryKey', {});
    await st.call(sup, 'backup.configure', { folder, daily: true });
    const stop = scheduleDailyBackups(st.core.ctx, 20);
    cleanups.push(stop);
    await waitForBackup(st, sup);
    expect(await st.call(sup, 'backup.status', {})).toMatchObject({ last: { ok: true, trigger: 'daily' } });
    expect(st.core.ctx.db.prepare("SELECT actor_name FROM audit_log WHERE action = 'backup.run'").pluck().all()).toEqual(['system']);
    // Within the day: no second one.
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(folder).filter((n) => n.startsWith('yibao-backup-'))).toHaveLength(1);
    stop();
    // A manual backup while one runs is refused.
    await st.call(sup, 'backup.run', {});
    expect(await st.callRaw(sup, 'backup.run', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await waitForBackup(st, sup);
  });

  it('keeps the newest seven backups and removes an interrupted one', async () => {
    const { st, sup } = await station();
    const folder = tempDir('yibao-usb-');
    await st.call(sup, 'backup.configure', { folder, daily: false });
    await st.call(sup, 'keys.issueRecoveryKey', {});
    mkdirSync(join(folder, 'yibao-backup-TOWN01-20000101-000000.partial'));
    writeFileSync(join(folder, 'unrelated.txt'), 'keep me');
    await st.call(sup, 'backup.run', {});
    await waitForBackup(st, sup);
    const first = readdirSync(folder).find((n) => n.startsWith('yibao-backup-TOWN01-2026'))!;
    expect(readdirSync(folder).some((n) => n.endsWith('.partial'))).toBe(false);
    // Seven older complete backups (copies of the first, named earlier).
    for (let i = 1; i <= 7; i++) cpSync(join(folder, first), join(folder, `yibao-backup-TOWN01-2025010${i}-000000`), { recursive: true });
    st.clock.advance(1000);
    await st.call(sup, 'backup.run', {});
    await waitForBackup(st, sup);
    const kept = readdirSync(folder).filter((n) => n.startsWith('yibao-backup-TOWN01-')).sort();
    expect(kept).toHaveLength(7);
    expect(kept.slice(0, 5)).toEqual([3, 4, 5, 6, 7].map((i) => `yibao-backup-TOWN01-2025010${i}-000000`));
    expect(kept).toContain(first);
    expect(readdirSync(folder)).toContain('unrelated.txt');
  });
});
