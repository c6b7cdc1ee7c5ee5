import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBackup } from '../../core/features/backup/backup';
import { MANIFEST } from '../../core/features/backup/manifest';
import { createCore, type Core } from '../../core/core';
import { createTestStation, residentId, TEST_PASSWORD, type TestStation } from '../../core/testing/fixtures';
import { newSession } from '../../core/session';
import { StoreError } from '../../db/open';
import { makeOlderCipherDataDir, OLDER_CIPHERS as OLDER, type OlderCipher as Older } from '../../core/testing/legacy';
import { sampleFormOn } from '../../core/testing/seed';
import { materialsFor } from '../../shared/cases/materials';
import { CURRENT_CIPHER, detectCipher, keyOpens } from '../../db/cipher';
import { ENCRYPT_STEPS } from '../../db/encrypt-store';
import { AuditRepo } from '../../db/repos/audit';
import { KEYS_FILE } from '../../core/keys/envelope';
import type { UpgradeStep } from '../../core/keys/security';
import { runUpgradeChild } from './upgrade-child';
import { spawn } from 'node:child_process';

/**
 * The store's cipher is AEGIS-256 (db/cipher): a new station is in aegis; a station an earlier release left in
 * chacha20 (the release before) or in sqlcipher4 (the one before that) is converted at its start, crash-safe at every
 * step (in process and with SIGKILL), keeping every row; an envelope that names the wrong cipher (a start cut short
 * after the swap) is corrected, not a lock-out.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const png = (text: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text.repeat(100))]).toString('base64');

/** A set-up station with persons, cases and attachments (closed: its data directory is left as a stopped station's). */
async function stoppedStation(): Promise<{ st: TestStation; rows: Rows }> {
  const st = await createTestStation();
  cleanups.push(() => st.cleanup());
  const clerk = await st.as('clerk');
  const item = st.core.ctx.catalog.get('transfer_continuation')!;
  const form = sampleFormOn(item, '2026-11-23');
  const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
  for (let i = 0; i < 4; i++) {
    const p = await st.call(clerk, 'persons.register', { idNumber: residentId('1950-01-01', 20 + i), name: `李桂兰${'一二三四'[i]}` });
    const c = await st.call(clerk, 'cases.intake', { itemCode: item.code, personId: p.id, form, materialsReceived: received });
    await st.call(clerk, 'attachments.add', { caseId: c.case.id, version: c.case.version, fileName: `scan${i}.png`, mime: 'image/png', dataBase64: png(`scan ${i}`) });
  }
  const rows = rowsOf(st.core);
  st.core.close();
  return { st, rows };
}

type Rows = ReturnType<typeof rowsOf>;
function rowsOf(core: Core) {
  const db = core.ctx.db;
  return {
    persons: db.prepare('SELECT id, id_number, name FROM persons ORDER BY id').all(),
    cases: db.prepare('SELECT id, case_no, status, version, form FROM cases ORDER BY id').all(),
    attachments: db.prepare('SELECT id, sha256 FROM attachments ORDER BY id').all(),
    users: db.prepare('SELECT id, username FROM users ORDER BY id').all(),
    audit: (db.prepare("SELECT id, action, hash FROM audit_log WHERE action <> 'store.rekey' ORDER BY id").all() as { id: number }[]).map((r) => ({ ...r })),
  };
}

const envelopeCipher = (dir: string) => (JSON.parse(readFileSync(join(dir, KEYS_FILE), 'utf8')) as { cipher: string }).cipher;

function start(st: TestStation, onUpgradeStep?: (s: UpgradeStep) => void): Core {
  return createCore({ dataDir: st.dir, clock: st.clock, log: { error: () => undefined }, ...(onUpgradeStep ? { onUpgradeStep } : {}) });
}

/** The station opens, converted: aegis on disk and in the envelope, every row, the audit chain whole, one store.rekey row. */
function expectConverted(st: TestStation, rows: Rows, from: Older): void {
  const core = start(st);
  try {
    expect(core.ctx.security.lock).toBeNull();
    const now = rowsOf(core);
    expect(now.persons).toEqual(rows.persons);
    expect(now.cases).toEqual(rows.cases);
    expect(now.attachments).toEqual(rows.attachments);
    expect(now.users).toEqual(rows.users);
    expect(now.audit.slice(0, rows.audit.length)).toEqual(rows.audit);
    expect(new AuditRepo(core.ctx.db).verify().ok).toBe(true);
    const rekeys = core.ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'store.rekey'").pluck().all() as string[];
    expect(rekeys).toHaveLength(1);
    expect(JSON.parse(rekeys[0]!)).toMatchObject({ from, to: 'aegis' });
    const att = core.ctx.db.prepare('SELECT local_path FROM attachments').pluck().get() as string;
    expect(core.ctx.blobs.read(att).toString()).toContain('scan');
  } finally {
    core.close();
  }
  expect(envelopeCipher(st.dir)).toBe('aegis');
  expect(keyOpens(st.dbPath, st.dataKey, 'aegis')).toBe(true);
  expect(keyOpens(st.dbPath, st.dataKey, from)).toBe(false);
  expect(readdirSync(st.dir).filter((f) => f.includes('encrypting') || f.endsWith('.tmp'))).toEqual([]);
}

describe('the store cipher: AEGIS-256', () => {
  it('a new station is in aegis: its store, its envelope and keys.status say so', async () => {
    const st = await createTestStation();
    cleanups.push(() => st.cleanup());
    expect(CURRENT_CIPHER).toBe('aegis');
    expect(envelopeCipher(st.dir)).toBe('aegis');
    for (const older of OLDER) {
      expect(detectCipher(st.dbPath, st.dataKey, older)).toBe('aegis');
      expect(keyOpens(st.dbPath, st.dataKey, older)).toBe(false);
    }
    expect(await st.call(await st.as('supervisor'), 'keys.status', {})).toMatchObject({ cipher: 'aegis' });
    expect(st.core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'store.rekey'").pluck().get()).toBe(0);
  });

  it('a store no known cipher opens with the key is refused by name, not converted', async () => {
    const { st } = await stoppedStation();
    const path = join(st.dir, KEYS_FILE);
    const before = readFileSync(st.dbPath);
    // Damage page 1 (AEGIS is authenticated: the page fails to read whatever the cipher tried).
    const bytes = Buffer.from(before);
    bytes[100]! ^= 0xff;
    writeFileSync(st.dbPath, bytes);
    expect(() => start(st)).toThrow(/密钥不对|not a database/);
    expect(envelopeCipher(st.dir)).toBe('aegis');
    expect(readFileSync(path, 'utf8')).toContain('"aegis"');
  });
});

describe.each(OLDER)('a station an earlier release left in %s', (older) => {
  it(`starts converted to aegis, keeping every row; audited once`, async () => {
    const { st, rows } = await stoppedStation();
    makeOlderCipherDataDir(st.dir, st.dataKey, older);
    expect(envelopeCipher(st.dir)).toBe(older);
    expect(detectCipher(st.dbPath, st.dataKey)).toBe(older);
    expect(keyOpens(st.dbPath, st.dataKey, 'aegis')).toBe(false);
    const steps: string[] = [];
    const core = start(st, (s) => steps.push(s));
    expect(steps).toEqual([...ENCRYPT_STEPS, 'envelope']);
    core.close();
    expectConverted(st, rows, older);
    // The next start has nothing to do, and audits nothing more.
    const again: string[] = [];
    start(st, (s) => again.push(s)).close();
    expect(again).toEqual([]);
    expectConverted(st, rows, older);
  });

  it.each([...ENCRYPT_STEPS, 'envelope'] as const)('a start cut short right after conversion step "%s" leaves a store the next start opens with every row, converted', async (crashAt) => {
    const { st, rows } = await stoppedStation();
    makeOlderCipherDataDir(st.dir, st.dataKey, older);
    expect(() =>
      start(st, (s) => {
        if (s === crashAt) throw new Error(`crash after ${s}`);
      }),
    ).toThrow(`crash after ${crashAt}`);
    const onDisk = detectCipher(st.dbPath, st.dataKey);
    expect(onDisk).toBe(crashAt === 'swap' || crashAt === 'envelope' ? 'aegis' : older);
    // After the swap and before the envelope's update, the envelope still names the older cipher: no lock-out.
    expect(envelopeCipher(st.dir)).toBe(crashAt === 'envelope' ? 'aegis' : older);
    expectConverted(st, rows, older);
  });

  it(`a conversion that fails leaves the station working in ${older} (keys.status says so, backups are made in it), and the next start converts it`, async () => {
    const { st, rows } = await stoppedStation();
    makeOlderCipherDataDir(st.dir, st.dataKey, older);
    const errors: string[] = [];
    const core = createCore({
      dataDir: st.dir,
      clock: st.clock,
      log: { error: (m) => errors.push(m) },
      onUpgradeStep: (s) => {
        if (s === 'verify') throw new StoreError('encryption_failed', 'the copy did not verify (simulated)');
      },
    });
    try {
      expect(core.ctx.security.lock).toBeNull();
      expect(errors).toEqual([expect.stringContaining(older)]);
      expect(rowsOf(core).cases).toEqual(rows.cases);
      const sup = newSession();
      expect(await core.router.handle(sup, 'auth.signIn', { username: 'zhang.sup', password: TEST_PASSWORD })).toMatchObject({ ok: true });
      expect(await core.router.handle(sup, 'keys.status', {})).toMatchObject({ ok: true, value: { cipher: older } });
      // A backup of it is in the older cipher too, and its manifest says so.
      const folder = mkdtempSync(join(tmpdir(), 'yibao-usb-'));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      expect(await core.router.handle(sup, 'keys.issueRecoveryKey', {})).toMatchObject({ ok: true });
      expect(await core.router.handle(sup, 'backup.configure', { folder, daily: false })).toMatchObject({ ok: true });
      const outcome = await runBackup(core.ctx, null, 'manual');
      expect(outcome).toMatchObject({ ok: true });
      const backup = join(folder, outcome.name!);
      expect((JSON.parse(readFileSync(join(backup, MANIFEST), 'utf8')) as { cipher: string }).cipher).toBe(older);
      expect(detectCipher(join(backup, 'station.sqlite'), st.dataKey)).toBe(older);
      expect(core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'store.rekey'").pluck().get()).toBe(0);
    } finally {
      core.close();
    }
    expect(envelopeCipher(st.dir)).toBe(older);
    expect(detectCipher(st.dbPath, st.dataKey)).toBe(older);
    expectConverted(st, rows, older);
  });

  it(`an envelope naming ${older} while the store is already in aegis opens the store and corrects the envelope`, async () => {
    const { st, rows } = await stoppedStation();
    const path = join(st.dir, KEYS_FILE);
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), cipher: older }));
    const core = start(st);
    try {
      expect(core.ctx.security.lock).toBeNull();
      expect(rowsOf(core).cases).toEqual(rows.cases);
      // Nothing was converted: no audit row.
      expect(core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'store.rekey'").pluck().get()).toBe(0);
    } finally {
      core.close();
    }
    expect(envelopeCipher(st.dir)).toBe('aegis');
  });

  it.each([...ENCRYPT_STEPS, 'envelope'])('a SIGKILL right after conversion step "%s" leaves one good store, and the next start finishes', async (step) => {
    const { st, rows } = await stoppedStation();
    makeOlderCipherDataDir(st.dir, st.dataKey, older);
    const { out, signal } = await runUpgradeChild(st.dir, step);
    expect(signal).toBe('SIGKILL');
    expect(out.trim().split('\n').pop()).toBe(step);
    expect(detectCipher(st.dbPath, st.dataKey)).toBe(step === 'swap' || step === 'envelope' ? 'aegis' : older);
    expectConverted(st, rows, older);
  }, 30_000);
});

describe('the upgrade seen from serve mode', () => {
  it('prints each step of the conversion, with the seconds so far, before it prints where to open the station', async () => {
    const { st } = await stoppedStation();
    makeOlderCipherDataDir(st.dir, st.dataKey, 'chacha20');
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'core/host/serve-main.ts'], {
        env: { ...process.env, YIBAO_DATA_DIR: st.dir, YIBAO_PORT: '0', YIBAO_RENDERER_DIR: st.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('Open: ')) child.kill('SIGTERM');
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('exit', () => (text.includes('Open: ') ? resolve(text) : reject(new Error(`serve ended without opening: ${err}`))));
    });
    const lines = out.split('\n');
    const progress = lines.filter((l) => l.startsWith('正在升级本站数据的加密保护：'));
    expect(progress.map((l) => l.replace(/：(.*?)（已用.*$/, '：$1'))).toEqual([
      '正在升级本站数据的加密保护：复制数据库（第 1/4 步）',
      '正在升级本站数据的加密保护：加密数据库副本（第 2/4 步）',
      '正在升级本站数据的加密保护：校验加密后的副本（第 3/4 步）',
      '正在升级本站数据的加密保护：以加密副本替换原数据库（第 4/4 步）',
      '正在升级本站数据的加密保护：记录新的加密方式',
      '正在升级本站数据的加密保护：打开数据库',
    ]);
    expect(lines.findIndex((l) => l.startsWith('Open: '))).toBeGreaterThan(lines.indexOf(progress.at(-1)!));
    expect(envelopeCipher(st.dir)).toBe('aegis');
  }, 60_000);
});
