import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, isPlaintextSqlite, keyOpens } from './cipher';
import { encryptStoreInPlace, ENCRYPT_STEPS } from './encrypt-store';
import { openStore } from './open';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-enc-'));
  dirs.push(dir);
  return join(dir, 'station.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function plainStore(path: string): void {
  const db = openStore(path);
  db.prepare("INSERT INTO settings(key, value) VALUES ('station.name', '青石镇')").run();
  db.close();
}

describe('encrypting a plaintext store in place', () => {
  it('the trap: SQLite3MC refuses to rekey a store in WAL mode (so the upgrade rekeys a rollback-journal copy)', () => {
    const path = tempDb();
    plainStore(path);
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    expect(() => db.pragma(`rekey = "x'${randomBytes(32).toString('hex')}'"`)).toThrow();
    db.close();
    expect(isPlaintextSqlite(path)).toBe(true);
  });

  it('encrypts through every step, keeps the rows, leaves WAL mode on and nothing beside the store', () => {
    const path = tempDb();
    plainStore(path);
    const key = randomBytes(32);
    const steps: string[] = [];
    expect(encryptStoreInPlace(path, key, { onStep: (s) => steps.push(s) })).toBe(true);
    expect(steps).toEqual([...ENCRYPT_STEPS]);
    expect(isPlaintextSqlite(path)).toBe(false);
    expect(keyOpens(path, key)).toBe(true);
    expect(keyOpens(path, randomBytes(32))).toBe(false);
    const db = new Database(path);
    applyKey(db, key);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT value FROM settings WHERE key = 'station.name'").pluck().get()).toBe('青石镇');
    db.close();
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('encrypting'))).toEqual([]);
    // Already encrypted, or no store: nothing to do.
    expect(encryptStoreInPlace(path, key)).toBe(false);
    expect(encryptStoreInPlace(join(path, '..', 'none.sqlite'), key)).toBe(false);
  });

  it('a wrong key for an encrypted store is refused by name, before anything runs', () => {
    const path = tempDb();
    const key = randomBytes(32);
    openStore(path, { key }).close();
    expect(() => openStore(path, { key: randomBytes(32) })).toThrow(/密钥不对/);
    expect(() => openStore(path)).toThrow();
    expect(existsSync(path)).toBe(true);
  });
});
