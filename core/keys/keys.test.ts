import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from './recovery-key';
import { keyIdOf, newDataKey, openWithRecovery, readEnvelope, sealForRecovery, withWrap, writeEnvelope, KEYS_FILE } from './envelope';
import { KeyError, KeyFileProtector, PassphraseProtector, SafeStorageProtector } from './protectors';
import { fakeSafeStorage } from '../testing/fake-safe-storage';
import { openStationKeys, openStationKeysSync, recoverStationKeys } from './station-keys';
import { defaultKeyFile, keyFileInsideDataDir, configFromEnv } from '../config';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'yibao-keys-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('recovery key', () => {
  it('is 8 groups of 6 digits carrying 128 bits, and reads back', () => {
    const rk = generateRecoveryKey();
    expect(rk.text).toMatch(/^(\d{6}-){7}\d{6}$/);
    expect(rk.secret).toHaveLength(16);
    const back = parseRecoveryKey(` ${rk.text.replaceAll('-', ' ')} `);
    expect(back.ok && back.secret.equals(rk.secret)).toBe(true);
    expect(formatRecoveryKey(Buffer.alloc(16, 0xff))).toBe(Array(8).fill('720885').join('-'));
  });

  it('names the group of a mistyped digit, and refuses a wrong length or letters', () => {
    const rk = generateRecoveryKey();
    const groups = rk.text.split('-');
    const g = groups[2]!;
    groups[2] = `${g.slice(0, 5)}${(Number(g[5]) + 1) % 10}`;
    expect(parseRecoveryKey(groups.join('-'))).toEqual({ ok: false, message: '恢复密钥：第 3 组数字有误，请核对' });
    expect(parseRecoveryKey('123456')).toMatchObject({ ok: false, message: expect.stringContaining('48 位') });
    expect(parseRecoveryKey('abc')).toMatchObject({ ok: false, message: expect.stringContaining('数字') });
  });
});

describe('key envelope', () => {
  it('seals the data key for the recovery key only: another recovery key, a changed seal or another key id open nothing', () => {
    const dk = newDataKey();
    const id = keyIdOf(dk);
    const rk = generateRecoveryKey();
    const wrap = sealForRecovery(rk.secret, dk, id, '2026-11-23T09:00:00.000+08:00', 'boss');
    expect(openWithRecovery(rk.secret, wrap, id)?.equals(dk)).toBe(true);
    expect(openWithRecovery(generateRecoveryKey().secret, wrap, id)).toBeNull();
    expect(openWithRecovery(rk.secret, wrap, keyIdOf(newDataKey()))).toBeNull();
    const ct = Buffer.from(wrap.sealed.ct, 'base64');
    ct[0]! ^= 1;
    expect(openWithRecovery(rk.secret, { ...wrap, sealed: { ...wrap.sealed, ct: ct.toString('base64') } }, id)).toBeNull();
  });

  it('refuses a damaged envelope file with a Chinese message', () => {
    const dir = tmp();
    writeFileSync(join(dir, KEYS_FILE), '{"format":"nope"}');
    expect(() => readEnvelope(dir)).toThrow(/格式不对/);
    writeFileSync(join(dir, KEYS_FILE), 'not json');
    expect(() => readEnvelope(dir)).toThrow(/损坏/);
  });
});

describe('key file protector (serve mode)', () => {
  it('makes the key file owner-only beside the data directory, seals with it, and opens again after a restart', () => {
    const root = tmp();
    const dataDir = join(root, 'data');
    const keyFile = defaultKeyFile(dataDir);
    expect(keyFile).toBe(join(root, 'data-keys', 'station.key'));
    const first = openStationKeysSync(dataDir, join(dataDir, 'station.sqlite'), new KeyFileProtector(keyFile));
    expect(first.ok && first.keys.created).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'data-keys')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, KEYS_FILE)).mode & 0o777).toBe(0o600);
    const envelopeText = readFileSync(join(dataDir, KEYS_FILE), 'utf8');
    if (!first.ok) throw new Error('unreachable');
    expect(envelopeText).not.toContain(first.keys.dataKey.toString('hex'));
    expect(envelopeText).not.toContain(first.keys.dataKey.toString('base64'));
    expect(envelopeText).not.toContain(readFileSync(keyFile, 'utf8').split('\n')[1]);

    const again = openStationKeysSync(dataDir, join(dataDir, 'station.sqlite'), new KeyFileProtector(keyFile));
    expect(again.ok && again.keys.dataKey.equals(first.keys.dataKey) && !again.keys.created).toBe(true);
  });

  it('is refused inside the data directory (config)', () => {
    expect(keyFileInsideDataDir('/d/data/k.key', '/d/data')).toBe(true);
    expect(keyFileInsideDataDir('/d/data-keys/k.key', '/d/data')).toBe(false);
    expect(() => configFromEnv({ YIBAO_DATA_DIR: '/d/data', YIBAO_KEY_FILE: '/d/data/sub/k.key' })).toThrow(/不能放在数据目录里/);
    expect(configFromEnv({ YIBAO_DATA_DIR: '/d/data' })).toMatchObject({ keyMode: 'keyfile', keyFile: '/d/data-keys/station.key' });
    expect(() => configFromEnv({ YIBAO_DATA_DIR: '/d/data', YIBAO_KEY_MODE: 'magic' })).toThrow();
  });

  it('locks the store when the key file is missing or another one, never making a new key for an existing store', () => {
    const root = tmp();
    const dataDir = join(root, 'data');
    const keyFile = join(root, 'k', 'station.key');
    const r = openStationKeysSync(dataDir, join(dataDir, 'station.sqlite'), new KeyFileProtector(keyFile));
    expect(r.ok).toBe(true);
    rmSync(keyFile);
    const missing = openStationKeysSync(dataDir, join(dataDir, 'station.sqlite'), new KeyFileProtector(keyFile));
    expect(missing).toMatchObject({ ok: false, error: { code: 'key_file_missing' } });
    expect(existsSync(keyFile)).toBe(false);
    const other = join(root, 'other.key');
    new KeyFileProtector(other).protectSync(newDataKey(), 'x'.repeat(16), 'now');
    expect(openStationKeysSync(dataDir, join(dataDir, 'station.sqlite'), new KeyFileProtector(other))).toMatchObject({ ok: false, error: { code: 'key_file_wrong' } });
  });

  it('after a recovery, seals the key anew for this machine (a new key file)', async () => {
    const root = tmp();
    const dataDir = join(root, 'data');
    const keyFile = join(root, 'k', 'station.key');
    const r = openStationKeysSync(dataDir, join(dataDir, 'station.sqlite'), new KeyFileProtector(keyFile));
    if (!r.ok) throw new Error('unreachable');
    const rk = generateRecoveryKey();
    const env = readEnvelope(dataDir)!;
    writeEnvelope(dataDir, withWrap(env, sealForRecovery(rk.secret, r.keys.dataKey, env.keyId, 'now', 'boss')));
    const newKeyFile = join(root, 'new-machine', 'station.key');
    expect(await recoverStationKeys(dataDir, new KeyFileProtector(newKeyFile), generateRecoveryKey().secret, null)).toMatchObject({ ok: false, error: { code: 'wrong_recovery_key' } });
    const rec = await recoverStationKeys(dataDir, new KeyFileProtector(newKeyFile), rk.secret, null);
    expect(rec.ok && rec.keys.dataKey.equals(r.keys.dataKey)).toBe(true);
    const reopened = openStationKeysSync(dataDir, join(dataDir, 'station.sqlite'), new KeyFileProtector(newKeyFile));
    expect(reopened.ok && reopened.keys.dataKey.equals(r.keys.dataKey)).toBe(true);
    expect(readEnvelope(dataDir)!.wraps.map((w) => w.kind).sort()).toEqual(['keyfile', 'recovery']);
  });
});

describe('passphrase protector', () => {
  it('asks for a passphrase, seals with scrypt, and refuses a wrong one', async () => {
    const dataDir = join(tmp(), 'data');
    const db = join(dataDir, 'station.sqlite');
    const p = new PassphraseProtector();
    expect(await openStationKeys(dataDir, db, p)).toMatchObject({ ok: false, error: { code: 'passphrase_new' } });
    p.setPassphrase('青石镇医保窗口口令-2026');
    const made = await openStationKeys(dataDir, db, p);
    if (!made.ok) throw new Error('unreachable');
    const env = readFileSync(join(dataDir, KEYS_FILE), 'utf8');
    expect(env).toContain('"kind": "passphrase"');
    const later = new PassphraseProtector();
    expect(await openStationKeys(dataDir, db, later)).toMatchObject({ ok: false, error: { code: 'passphrase_required' } });
    later.setPassphrase('wrong passphrase!!');
    expect(await openStationKeys(dataDir, db, later)).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    later.setPassphrase('青石镇医保窗口口令-2026');
    const ok = await openStationKeys(dataDir, db, later);
    expect(ok.ok && ok.keys.dataKey.equals(made.keys.dataKey)).toBe(true);
  }, 30_000);
});

describe('safeStorage protector (Electron)', () => {
  it('records the backend, and refuses to guess when it changes', async () => {
    const dataDir = join(tmp(), 'data');
    const db = join(dataDir, 'station.sqlite');
    const state = { backend: 'gnome_libsecret' };
    const p = new SafeStorageProtector(fakeSafeStorage(state));
    const made = await openStationKeys(dataDir, db, p);
    expect(made.ok && !made.keys.weakUnconfirmed).toBe(true);
    expect(readEnvelope(dataDir)!.wraps[0]).toMatchObject({ kind: 'safeStorage', platform: 'linux', backend: 'gnome_libsecret' });
    expect((await openStationKeys(dataDir, db, p)).ok).toBe(true);
    state.backend = 'basic_text';
    const changed = await openStationKeys(dataDir, db, p);
    expect(changed).toMatchObject({ ok: false, error: { code: 'backend_changed' } });
    if (!changed.ok) expect(changed.error.message).toContain('gnome_libsecret');
  });

  it('marks the weak Linux backend (basic_text) unconfirmed until a supervisor confirms it', async () => {
    const dataDir = join(tmp(), 'data');
    const p = new SafeStorageProtector(fakeSafeStorage({ backend: 'basic_text' }));
    expect(await p.describe()).toEqual({ kind: 'safeStorage', detail: 'linux/basic_text', weak: true });
    const made = await openStationKeys(dataDir, join(dataDir, 'station.sqlite'), p);
    expect(made.ok && made.keys.weakUnconfirmed).toBe(true);
    const wrap = await p.protect(newDataKey(), 'x'.repeat(16), 'now', 'zhang.sup');
    expect(wrap).toMatchObject({ weakConfirmedBy: 'zhang.sup' });
  });

  it('says when safeStorage is not available', async () => {
    const p = new SafeStorageProtector(fakeSafeStorage({ backend: 'unknown', available: false }));
    await expect(p.protect(newDataKey(), 'x'.repeat(16), 'now', null)).rejects.toBeInstanceOf(KeyError);
  });
});
