import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../core/core';
import { databasePath } from '../../core/config';
import { removeStationDir, TEST_PASSWORD } from '../../core/testing/fixtures';
import { fakeSafeStorage } from '../../core/testing/fake-safe-storage';
import { newSession } from '../../core/session';
import { PassphraseProtector, SafeStorageProtector, type KeyProtector } from '../../core/keys/protectors';
import { openStationKeys } from '../../core/keys/station-keys';

/**
 * The store's lock through the router, as the UI meets it: a passphrase station starts locked and opens with its
 * passphrase (or, with the recovery key, takes a new one); an Electron station on Linux without a keyring (safeStorage
 * basic_text) runs until setup and then only once a supervisor confirmed the weak protection; a changed backend
 * locks the store until the recovery key opens it.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'yibao-lock-'));
  cleanups.push(() => removeStationDir(d));
  return join(d, 'data');
}

async function start(dir: string, protector: KeyProtector): Promise<Core> {
  const keys = await openStationKeys(dir, databasePath(dir), protector);
  const core = createCore({ dataDir: dir, protector, keys, log: { error: () => undefined } });
  cleanups.push(() => core.close());
  return core;
}

const SETUP = {
  station: { code: 'TOWN02', name: '石桥镇医保窗口', regionCode: '371002' },
  supervisor: { username: 'zhang.sup', displayName: '张站长', password: TEST_PASSWORD },
};

describe('a passphrase station (serve mode, YIBAO_KEY_MODE=passphrase)', () => {
  it('starts locked, takes a new passphrase, then opens only with it', async () => {
    const dir = dataDir();
    const core = await start(dir, new PassphraseProtector());
    const anon = newSession();
    expect(await core.router.handle(anon, 'keys.lockStatus', {})).toMatchObject({ ok: true, value: { locked: true, reason: 'passphrase_new', protection: { kind: 'passphrase' } } });
    expect(await core.router.handle(anon, 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'store_locked' } });
    expect(await core.router.handle(anon, 'keys.unlock', { passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'passphrase' } });
    expect(await core.router.handle(anon, 'keys.unlock', { passphrase: '石桥镇窗口-口令-2026' })).toEqual({ ok: true, value: { unlocked: true } });
    expect(await core.router.handle(anon, 'setup.initialize', SETUP)).toMatchObject({ ok: true });
    const sup = anon;
    const { recoveryKey } = ((await core.router.handle(sup, 'keys.issueRecoveryKey', {})) as { value: { recoveryKey: string } }).value;
    expect(JSON.parse(readFileSync(join(dir, 'station-keys.json'), 'utf8')).wraps.map((w: { kind: string }) => w.kind).sort()).toEqual(['passphrase', 'recovery']);
    core.close();

    const again = await start(dir, new PassphraseProtector());
    const s = newSession();
    expect(again.ctx.security.lock?.code).toBe('passphrase_required');
    const t0 = Date.now();
    expect(await again.router.handle(s, 'keys.unlock', { passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'bad_credentials', field: 'passphrase' } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400); // a failed attempt waits
    expect(await again.router.handle(s, 'keys.unlock', { passphrase: '石桥镇窗口-口令-2026' })).toEqual({ ok: true, value: { unlocked: true } });
    expect(await again.router.handle(s, 'setup.status', {})).toMatchObject({ ok: true, value: { initialized: true } });
    again.close();

    // The passphrase forgotten: the recovery key opens the store and a new passphrase seals it from now on.
    const third = await start(dir, new PassphraseProtector());
    expect(await third.router.handle(s, 'keys.unlock', { recoveryKey })).toMatchObject({ ok: false, error: { field: 'newPassphrase' } });
    expect(await third.router.handle(s, 'keys.unlock', { recoveryKey, newPassphrase: '新的站点口令-石桥镇-2027' })).toEqual({ ok: true, value: { unlocked: true } });
    third.close();
    const fourth = await start(dir, new PassphraseProtector());
    expect(await fourth.router.handle(s, 'keys.unlock', { passphrase: '新的站点口令-石桥镇-2027' })).toEqual({ ok: true, value: { unlocked: true } });
    expect(fourth.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'keys.unlock'").pluck().get()).toBe(4);
  }, 60_000);
});

describe('an Electron station (safeStorage)', () => {
  it('on Linux without a keyring (basic_text): runs until setup, then stays locked until a supervisor confirms', async () => {
    const dir = dataDir();
    const state = { backend: 'basic_text' };
    const core = await start(dir, new SafeStorageProtector(fakeSafeStorage(state)));
    const s = newSession();
    expect(core.ctx.security.lock).toBeNull();
    expect(await core.router.handle(s, 'setup.initialize', SETUP)).toMatchObject({ ok: true });
    expect(await core.router.handle(s, 'keys.status', {})).toMatchObject({ ok: true, value: { protection: { kind: 'safeStorage', weak: true, detail: 'linux/basic_text' }, weakConfirmedBy: null } });
    const { recoveryKey } = ((await core.router.handle(s, 'keys.issueRecoveryKey', {})) as { value: { recoveryKey: string } }).value;
    core.close();

    // Not confirmed: the next start refuses the weak protection.
    const bridge = fakeSafeStorage(state);
    const locked = await start(dir, new SafeStorageProtector(bridge));
    expect(locked.ctx.security.lock?.code).toBe('weak_backend_unconfirmed');
    const anon = newSession();
    expect(await locked.router.handle(anon, 'keys.unlock', { recoveryKey })).toMatchObject({ ok: false, error: { field: 'confirmWeakProtection' } });
    expect(await locked.router.handle(anon, 'keys.unlock', { recoveryKey, confirmWeakProtection: true })).toEqual({ ok: true, value: { unlocked: true } });
    locked.close();
    expect((await start(dir, new SafeStorageProtector(bridge))).ctx.security.lock).toBeNull();
  });

  it('a supervisor confirms the weak protection from the settings', async () => {
    const dir = dataDir();
    const core = await start(dir, new SafeStorageProtector(fakeSafeStorage({ backend: 'basic_text' })));
    const s = newSession();
    await core.router.handle(s, 'setup.initialize', SETUP);
    expect(await core.router.handle(s, 'keys.confirmWeakProtection', {})).toMatchObject({ ok: true, value: { weakConfirmedBy: 'zhang.sup' } });
    expect(core.ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'keys.weak_confirm'").pluck().get()).toBe(1);
  });

  it('a changed backend locks the store until the recovery key opens it (sealed again with the new backend)', async () => {
    const dir = dataDir();
    const state = { backend: 'gnome_libsecret' };
    const core = await start(dir, new SafeStorageProtector(fakeSafeStorage(state)));
    const s = newSession();
    await core.router.handle(s, 'setup.initialize', SETUP);
    expect(await core.router.handle(s, 'keys.confirmWeakProtection', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const { recoveryKey } = ((await core.router.handle(s, 'keys.issueRecoveryKey', {})) as { value: { recoveryKey: string } }).value;
    core.close();
    state.backend = 'kwallet6';
    const bridge = fakeSafeStorage(state);
    const locked = await start(dir, new SafeStorageProtector(bridge));
    expect(locked.ctx.security.lock?.code).toBe('backend_changed');
    const anon = newSession();
    expect(await locked.router.handle(anon, 'keys.lockStatus', {})).toMatchObject({ ok: true, value: { reason: 'backend_changed', message: expect.stringContaining('gnome_libsecret') } });
    expect(await locked.router.handle(anon, 'keys.unlock', { recoveryKey })).toEqual({ ok: true, value: { unlocked: true } });
    expect(await locked.router.handle(anon, 'setup.status', {})).toMatchObject({ ok: true, value: { initialized: true } });
    locked.close();
    const envelope = JSON.parse(readFileSync(join(dir, 'station-keys.json'), 'utf8'));
    expect(envelope.wraps.find((w: { kind: string }) => w.kind === 'safeStorage').backend).toBe('kwallet6');
  });
});
