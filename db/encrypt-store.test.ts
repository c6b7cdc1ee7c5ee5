import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, CURRENT_CIPHER, detectCipher, isPlaintextSqlite, keyOpens, rekeyTo, type StoreCipher } from './cipher';
import { convertStoreCipher, encryptStoreInPlace, ENCRYPT_STEPS } from './encrypt-store';
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
    expect(() => rekeyTo(db, randomBytes(32))).toThrow();
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
    expect(keyOpens(path, key, 'chacha20')).toBe(true);
    expect(keyOpens(path, key, 'sqlcipher4')).toBe(false);
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

/** Rows of every table, for before/after comparisons. */
function dump(db: Database.Database): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]));
}

function read(path: string, key: Buffer, cipher: StoreCipher): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key, cipher);
    return dump(db);
  } finally {
    db.close();
  }
}

/** A store as the release before chacha20 made one: encrypted with cipher 'sqlcipher', legacy 4, the raw key; in WAL. */
function sqlcipher4Store(path: string, key: Buffer): Record<string, unknown[]> {
  const db = openStore(path);
  const ins = db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 500; i++) ins.run(`k${i}`, `值 ${i} ${'x'.repeat(i % 97)}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`rekey = "x'${key.toString('hex')}'"`);
  db.close();
  const wal = new Database(path);
  applyKey(wal, key, 'sqlcipher4');
  wal.pragma('journal_mode = WAL');
  // Something in the WAL too (not checkpointed: the conversion folds it in).
  wal.prepare("INSERT INTO settings(key, value) VALUES ('in.wal', '1')").run();
  const rows = dump(wal);
  wal.close();
  return rows;
}

describe('the store cipher: chacha20 now, sqlcipher4 converted', () => {
  it('a store made now is in chacha20 (ChaCha20-Poly1305): a sqlcipher4-keyed connection cannot read it, a chacha20-keyed one can', () => {
    expect(CURRENT_CIPHER).toBe('chacha20');
    const path = tempDb();
    const key = randomBytes(32);
    const db = openStore(path, { key });
    db.prepare("INSERT INTO settings(key, value) VALUES ('station.name', '青石镇')").run();
    db.close();
    expect(isPlaintextSqlite(path)).toBe(false);
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(keyOpens(path, key, 'chacha20')).toBe(true);
    expect(keyOpens(path, key, 'sqlcipher4')).toBe(false);
    expect(keyOpens(path, randomBytes(32), 'chacha20')).toBe(false);
    expect(detectCipher(path, key, 'sqlcipher4')).toBe('chacha20');
    expect(detectCipher(path, randomBytes(32))).toBeNull();
    const raw = new Database(path, { readonly: true });
    applyKey(raw, key, 'chacha20');
    expect(raw.prepare("SELECT value FROM settings WHERE key = 'station.name'").pluck().get()).toBe('青石镇');
    raw.close();
    // A sqlcipher4-keyed connection reads nothing.
    const wrong = new Database(path, { readonly: true });
    applyKey(wrong, key, 'sqlcipher4');
    expect(() => wrong.prepare('SELECT count(*) FROM settings').get()).toThrow(/not a database/);
    wrong.close();
    // So does openStore told the wrong cipher: the key is refused by name.
    expect(() => openStore(path, { key, cipher: 'sqlcipher4' })).toThrow(/密钥不对/);
  });

  it('the trap: VACUUM INTO writes the copy in the source\'s cipher (sqlcipher4), and the rekey of the copy switches it to chacha20', () => {
    const path = tempDb();
    const key = randomBytes(32);
    sqlcipher4Store(path, key);
    const copyPath = `${path}.copy`;
    const src = new Database(path, { readonly: true });
    applyKey(src, key, 'sqlcipher4');
    src.prepare('VACUUM INTO ?').run(copyPath);
    src.close();
    expect(detectCipher(copyPath, key)).toBe('sqlcipher4');
    const copy = new Database(copyPath);
    applyKey(copy, key, 'sqlcipher4');
    rekeyTo(copy, key, 'chacha20');
    copy.close();
    expect(detectCipher(copyPath, key, 'sqlcipher4')).toBe('chacha20');
    expect(keyOpens(copyPath, key, 'sqlcipher4')).toBe(false);
  });

  it('converts a sqlcipher4 store to chacha20 through every step, keeping every row (its WAL too), in WAL mode, nothing left beside it', () => {
    const path = tempDb();
    const key = randomBytes(32);
    const before = sqlcipher4Store(path, key);
    expect(detectCipher(path, key)).toBe('sqlcipher4');
    const steps: string[] = [];
    expect(convertStoreCipher(path, key, 'sqlcipher4', { onStep: (s) => steps.push(s) })).toBe(true);
    expect(steps).toEqual([...ENCRYPT_STEPS]);
    expect(keyOpens(path, key, 'chacha20')).toBe(true);
    expect(keyOpens(path, key, 'sqlcipher4')).toBe(false);
    expect(read(path, key, 'chacha20')).toEqual(before);
    const db = openStore(path, { key });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('encrypting'))).toEqual([]);
    // Already in chacha20: nothing to do.
    expect(convertStoreCipher(path, key, 'chacha20')).toBe(false);
  });

  it.each(ENCRYPT_STEPS)('a crash right after conversion step "%s" leaves one good store (in the cipher detectCipher finds) with every row; the next conversion finishes', (crashAt) => {
    const path = tempDb();
    const key = randomBytes(32);
    const before = sqlcipher4Store(path, key);
    expect(() =>
      convertStoreCipher(path, key, 'sqlcipher4', {
        onStep: (s) => {
          if (s === crashAt) throw new Error('crash');
        },
      }),
    ).toThrow('crash');
    const found = detectCipher(path, key, 'sqlcipher4');
    expect(found).toBe(crashAt === 'swap' ? 'chacha20' : 'sqlcipher4');
    expect(read(path, key, found!)).toEqual(before);
    if (found === 'sqlcipher4') expect(convertStoreCipher(path, key, 'sqlcipher4')).toBe(true);
    expect(detectCipher(path, key)).toBe('chacha20');
    expect(read(path, key, 'chacha20')).toEqual(before);
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('encrypting'))).toEqual([]);
  });

  it('a conversion whose copy does not verify leaves the sqlcipher4 store as it was', () => {
    const path = tempDb();
    const key = randomBytes(32);
    const before = sqlcipher4Store(path, key);
    // The wrong key: nothing opens, nothing is replaced.
    expect(() => convertStoreCipher(path, randomBytes(32), 'sqlcipher4')).toThrow();
    expect(read(path, key, 'sqlcipher4')).toEqual(before);
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('encrypting'))).toEqual([]);
  });
});
