import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PlainDatabase from 'better-sqlite3';
import { createCore, type Core } from '../../core/core';
import { createTestStation, removeStationDir, residentId, TEST_PASSWORD, type TestStation } from '../../core/testing/fixtures';
import { makeLegacyDataDir } from '../../core/testing/legacy';
import { sampleFormOn } from '../../core/testing/seed';
import { newSession, type Session } from '../../core/session';
import { materialsFor } from '../../shared/cases/materials';
import { ENCRYPT_STEPS } from '../../db/encrypt-store';
import { AuditRepo } from '../../db/repos/audit';
import { defaultKeyFile } from '../../core/config';
import { runUpgradeChild } from './upgrade-child';

/**
 * Encryption at rest (issue 13, point 1), tested as an attacker with the files would: the store, its WAL, the
 * attachments and the key envelope hold no ID number, name or bank account in the clear; the sqlite3 CLI and plain
 * SQLite cannot read the store; the core opens it after a restart, with the recovery key on another machine, and after
 * upgrading a plaintext store (with SIGKILL at every step of that upgrade); search by name and by pinyin initials works.
 */

const ID = residentId('1948-05-06', 17);
const NAME = '王秀英';
const BANK = '6228480123456789012';
const CREDENTIAL = 'st-cred-Zk3v9QpL0xY7';
const SCAN_TEXT = `身份证 ${ID} ${NAME}`;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'yibao-enc-'));
  cleanups.push(() => removeStationDir(d));
  return d;
}

/** A PNG whose bytes carry the ID number and name (as a scan of an ID card would, in pixels). */
function scanPng(): string {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(SCAN_TEXT.repeat(50))]).toString('base64');
}

/** A station with a person, a reimbursement case carrying a bank account, a scan, and a central credential. */
async function populated(): Promise<{ st: TestStation; clerk: Session; personId: string; caseId: string }> {
  const st = await createTestStation();
  cleanups.push(() => st.cleanup());
  const clerk = await st.as('clerk');
  const personId = (await st.call(clerk, 'persons.register', { idNumber: ID, name: NAME, phone: '13912345678' })).id;
  const item = st.core.ctx.catalog.get('outpatient_reimbursement')!;
  const form = { ...sampleFormOn(item, '2026-11-23'), bankAccountName: NAME, bankAccount: BANK };
  const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
  const c = await st.call(clerk, 'cases.intake', { itemCode: item.code, personId, form, materialsReceived: received });
  await st.call(clerk, 'attachments.add', { caseId: c.case.id, version: c.case.version, fileName: 'id.png', mime: 'image/png', dataBase64: scanPng() });
  st.core.ctx.tx(() => st.core.ctx.repos.syncMeta.set('central.credential', CREDENTIAL));
  return { st, clerk, personId, caseId: c.case.id };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

const NEEDLES = [ID, NAME, BANK, '6228 4801', CREDENTIAL, '13912345678'];

/** Every needle found in any raw file of the data directory (UTF-8 and UTF-16LE), as `file: needle`. */
function plaintextIn(dir: string): string[] {
  const found: string[] = [];
  for (const f of filesUnder(dir)) {
    const raw = readFileSync(f);
    for (const n of NEEDLES) {
      if (raw.includes(Buffer.from(n, 'utf8')) || raw.includes(Buffer.from(n, 'utf16le'))) found.push(`${f.slice(dir.length)}: ${n}`);
    }
  }
  return found;
}

async function searchWorks(core: Core, session: Session): Promise<void> {
  for (const q of [NAME, 'wxy', ID]) {
    const r = await core.router.handle(session, 'persons.search', { q, limit: 10 });
    expect(r.ok, `${q}: ${JSON.stringify(r)}`).toBe(true);
    if (r.ok) expect((r.value as { name: string }[]).map((p) => p.name)).toContain(NAME);
  }
}

async function signIn(core: Core, username: string): Promise<Session> {
  const s = newSession();
  const r = await core.router.handle(s, 'auth.signIn', { username, password: TEST_PASSWORD });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return s;
}

describe('the store and attachments at rest', () => {
  it('hold no ID number, name, bank account, phone or central credential in the clear — WAL included, before and after a checkpoint', async () => {
    const { st } = await populated();
    expect(existsSync(`${st.dbPath}-wal`)).toBe(true);
    expect(statSync(`${st.dbPath}-wal`).size).toBeGreaterThan(0);
    // The data is really there: the store answers through the core.
    expect(st.core.ctx.db.prepare('SELECT count(*) FROM persons WHERE name = ?').pluck().get(NAME)).toBe(1);
    expect(plaintextIn(st.dir)).toEqual([]);
    st.core.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(plaintextIn(st.dir)).toEqual([]);
    st.core.close();
    expect(plaintextIn(st.dir)).toEqual([]);
  });

  it('cannot be opened by the sqlite3 CLI or by plain SQLite', async () => {
    const { st } = await populated();
    st.core.close();
    const cli = spawnSync('sqlite3', [st.dbPath, 'SELECT count(*) FROM persons;'], { encoding: 'utf8' });
    if (cli.error) {
      console.log(`SKIP sqlite3 CLI check: ${cli.error.message} (apt-get install sqlite3)`);
    } else {
      expect(cli.status).not.toBe(0);
      expect(cli.stderr).toMatch(/file is not a database|encrypted/);
      expect(cli.stdout).not.toContain('1');
    }
    const plain = new PlainDatabase(st.dbPath, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM persons').get()).toThrow(/file is not a database/);
    plain.close();
  });

  it('is owner-only: the data directory 0700, every file 0600 (store, WAL, keys, attachments)', async () => {
    const { st } = await populated();
    expect(statSync(st.dir).mode & 0o777).toBe(0o700);
    for (const f of filesUnder(st.dir)) expect([f, statSync(f).mode & 0o777]).toEqual([f, 0o600]);
    expect(statSync(join(st.dir, 'attachments')).mode & 0o777).toBe(0o700);
    expect(statSync(defaultKeyFile(st.dir)).mode & 0o777).toBe(0o600);
  });

  it('opens again after a restart; full-text and pinyin-initials search work on the encrypted store', async () => {
    const { st } = await populated();
    await searchWorks(st.core, await st.as('clerk'));
    st.core.close();
    const again = createCore({ dataDir: st.dir, log: { error: () => undefined } });
    try {
      expect(again.ctx.security.lock).toBeNull();
      await searchWorks(again, await signIn(again, 'clerk1'));
      expect(new AuditRepo(again.ctx.db).verify().ok).toBe(true);
    } finally {
      again.close();
    }
  });

  it('on another machine (the data directory without its key file) is locked, and the recovery key opens it', async () => {
    const { st, caseId } = await populated();
    const sup = await st.as('supervisor');
    const { recoveryKey } = await st.call(sup, 'keys.issueRecoveryKey', {});
    expect(recoveryKey).toMatch(/^(\d{6}-){7}\d{6}$/);
    st.core.close();
    const moved = join(tempDir(), 'data');
    cpSync(st.dir, moved, { recursive: true });

    const core = createCore({ dataDir: moved, log: { error: () => undefined } });
    cleanups.push(() => core.close());
    const anon = newSession();
    expect(await core.router.handle(anon, 'keys.lockStatus', {})).toMatchObject({ ok: true, value: { locked: true, reason: 'key_file_missing', protection: { kind: 'keyfile' } } });
    expect(await core.router.handle(anon, 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'store_locked' } });
    expect(await core.router.handle(anon, 'auth.signIn', { username: 'clerk1', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { code: 'store_locked' } });

    const groups = recoveryKey.split('-');
    groups[0] = '000000';
    expect(await core.router.handle(anon, 'keys.unlock', { recoveryKey: groups.join('-') })).toMatchObject({ ok: false, error: { code: 'bad_credentials', field: 'recoveryKey' } });
    expect(await core.router.handle(anon, 'keys.unlock', { recoveryKey: '12345' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'recoveryKey' } });
    expect(core.ctx.security.lock).not.toBeNull();

    expect(await core.router.handle(anon, 'keys.unlock', { recoveryKey: recoveryKey.replaceAll('-', ' ') })).toEqual({ ok: true, value: { unlocked: true } });
    expect(core.ctx.security.lock).toBeNull();
    const clerk = await signIn(core, 'clerk1');
    await searchWorks(core, clerk);
    expect(await core.router.handle(clerk, 'cases.get', { caseId })).toMatchObject({ ok: true });
    expect(core.ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'keys.unlock'").pluck().get()).toContain('recovery_key');
    // The key is sealed for this machine now: the next start needs no recovery key.
    core.close();
    const next = createCore({ dataDir: moved, log: { error: () => undefined } });
    cleanups.push(() => next.close());
    expect(next.ctx.security.lock).toBeNull();
    expect(plaintextIn(moved)).toEqual([]);
  });

  it('with its key file away (a USB key not plugged in) is locked, and opens once the key file is back', async () => {
    const { st } = await populated();
    st.core.close();
    const keyFile = defaultKeyFile(st.dir);
    const away = `${keyFile}.away`;
    renameSync(keyFile, away);
    const core = createCore({ dataDir: st.dir, log: { error: () => undefined } });
    cleanups.push(() => core.close());
    const anon = newSession();
    expect(await core.router.handle(anon, 'keys.unlock', { retry: true })).toMatchObject({ ok: false, error: { code: 'store_locked', message: expect.stringContaining(keyFile) } });
    renameSync(away, keyFile);
    expect(await core.router.handle(anon, 'keys.unlock', { retry: true })).toEqual({ ok: true, value: { unlocked: true } });
    await searchWorks(core, await signIn(core, 'clerk1'));
    expect(await core.router.handle(anon, 'keys.unlock', { retry: true, recoveryKey: '1' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses the supervisor channels to other roles', async () => {
    const { st, clerk } = await populated();
    for (const ch of ['keys.status', 'keys.issueRecoveryKey', 'keys.confirmWeakProtection'] as const) {
      expect(await st.callRaw(clerk, ch, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await st.callRaw(clerk, 'keys.unlock', { recoveryKey: '000000-000000-000000-000000-000000-000000-000000-000000' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it("hands each signed-in user their own local-storage key (the same each session), audited", async () => {
    const { st, clerk } = await populated();
    const a = await st.call(clerk, 'keys.localStorageKey', {});
    const b = await st.call(clerk, 'keys.localStorageKey', {});
    const sup = await st.call(await st.as('supervisor'), 'keys.localStorageKey', {});
    expect(Buffer.from(a.key, 'base64')).toHaveLength(32);
    expect(a.key).toBe(b.key);
    expect(sup.key).not.toBe(a.key);
    expect(await st.callRaw(newSession(), 'keys.localStorageKey', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(st.core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'keys.local_key'").pluck().get()).toBe(3);
  });
});

describe('upgrading a plaintext data directory', () => {
  async function legacyCopy(): Promise<{ dir: string; before: { persons: number; cases: number; audit: number } }> {
    const { st } = await populated();
    const before = {
      persons: st.core.ctx.db.prepare('SELECT count(*) FROM persons').pluck().get() as number,
      cases: st.core.ctx.db.prepare('SELECT count(*) FROM cases').pluck().get() as number,
      audit: st.core.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number,
    };
    st.core.close();
    const dir = join(tempDir(), 'data');
    cpSync(st.dir, dir, { recursive: true });
    makeLegacyDataDir(dir, st.dataKey);
    expect(plaintextIn(dir).length).toBeGreaterThan(0);
    return { dir, before };
  }

  async function expectUpgraded(dir: string, before: { persons: number; cases: number; audit: number }): Promise<void> {
    const core = createCore({ dataDir: dir, log: { error: () => undefined } });
    try {
      expect(core.ctx.security.lock).toBeNull();
      const n = (sql: string) => core.ctx.db.prepare(sql).pluck().get() as number;
      expect(n('SELECT count(*) FROM persons')).toBe(before.persons);
      expect(n('SELECT count(*) FROM cases')).toBe(before.cases);
      expect(n("SELECT count(*) FROM audit_log WHERE action <> 'store.encrypt'")).toBe(before.audit);
      expect(n("SELECT count(*) FROM audit_log WHERE action = 'store.encrypt'")).toBe(1);
      expect(new AuditRepo(core.ctx.db).verify().ok).toBe(true);
      const att = core.ctx.db.prepare('SELECT local_path FROM attachments').pluck().get() as string;
      expect(core.ctx.blobs.read(att).toString()).toContain(SCAN_TEXT);
      await searchWorks(core, await signIn(core, 'clerk1'));
    } finally {
      core.close();
    }
    expect(plaintextIn(dir)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.includes('encrypting'))).toEqual([]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of filesUnder(dir)) expect([f, statSync(f).mode & 0o777]).toEqual([f, 0o600]);
  }

  it('encrypts the store and every attachment in place at the first start, keeping every row and the audit chain', async () => {
    const { dir, before } = await legacyCopy();
    await expectUpgraded(dir, before);
  });


  it.each([...['keys'], ...ENCRYPT_STEPS, 'attachment', 'done'])('a SIGKILL right after step "%s" leaves one good store, and the next start finishes', async (step) => {
    const { dir, before } = await legacyCopy();
    const { out, signal } = await runUpgradeChild(dir, step);
    expect(signal).toBe('SIGKILL');
    expect(out.trim().split('\n').pop()).toBe(step);
    // One good store on disk: plaintext before the swap, encrypted after; either way it holds every row.
    const path = join(dir, 'station.sqlite');
    const plain = readFileSync(path).subarray(0, 15).toString('latin1') === 'SQLite format 3';
    if (plain) {
      const db = new PlainDatabase(path, { readonly: true });
      expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(before.cases);
      db.close();
    }
    expect(plain).toBe(['keys', 'checkpoint', 'copy', 'encrypt', 'verify'].includes(step));
    await expectUpgraded(dir, before);
  });
});
