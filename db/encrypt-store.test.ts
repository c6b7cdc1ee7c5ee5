import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, CURRENT_CIPHER, detectCipher, isPlaintextSqlite, keyOpens, rekeyTo, selectCipher, STORE_CIPHERS, type StoreCipher } from './cipher';
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
    expect(keyOpens(path, key, 'aegis')).toBe(true);
    expect(keyOpens(path, key, 'chacha20')).toBe(false);
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

/** The ciphers of earlier releases (chacha20 the release before aegis, sqlcipher4 the one before that). */
const OLDER = STORE_CIPHERS.filter((c): c is Exclude<StoreCipher, 'aegis'> => c !== CURRENT_CIPHER);
type Older = (typeof OLDER)[number];

/** A store as an earlier release made one: encrypted in its cipher with the raw key; in WAL, something in the WAL. */
function olderStore(path: string, key: Buffer, older: Older): Record<string, unknown[]> {
  const db = openStore(path);
  const ins = db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 500; i++) ins.run(`k${i}`, `值 ${i} ${'x'.repeat(i % 97)}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  selectCipher(db, older);
  db.pragma(`rekey = "x'${key.toString('hex')}'"`);
  db.close();
  const wal = new Database(path);
  applyKey(wal, key, older);
  wal.pragma('journal_mode = WAL');
  // Something in the WAL too (not checkpointed: the conversion folds it in).
  wal.prepare("INSERT INTO settings(key, value) VALUES ('in.wal', '1')").run();
  const rows = dump(wal);
  wal.close();
  return rows;
}

describe('the store cipher: aegis now', () => {
  it('a store made now is in aegis (AEGIS-256): a connection keyed in an older cipher cannot read it, an aegis-keyed one can; a changed page fails to read', () => {
    expect(CURRENT_CIPHER).toBe('aegis');
    const path = tempDb();
    const key = randomBytes(32);
    const db = openStore(path, { key });
    db.prepare("INSERT INTO settings(key, value) VALUES ('station.name', '青石镇')").run();
    db.close();
    expect(isPlaintextSqlite(path)).toBe(false);
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(readFileSync(path).includes(Buffer.from('青石镇'))).toBe(false);
    expect(keyOpens(path, key, 'aegis')).toBe(true);
    expect(keyOpens(path, key, 'chacha20')).toBe(false);
    expect(keyOpens(path, key, 'sqlcipher4')).toBe(false);
    expect(keyOpens(path, randomBytes(32), 'aegis')).toBe(false);
    expect(detectCipher(path, key, 'sqlcipher4')).toBe('aegis');
    expect(detectCipher(path, randomBytes(32))).toBeNull();
    const raw = new Database(path, { readonly: true });
    applyKey(raw, key, 'aegis');
    expect(raw.pragma('algorithm', { simple: true })).toBe('aegis-256');
    expect(raw.prepare("SELECT value FROM settings WHERE key = 'station.name'").pluck().get()).toBe('青石镇');
    raw.close();
    // A chacha20-keyed connection reads nothing.
    const wrong = new Database(path, { readonly: true });
    applyKey(wrong, key, 'chacha20');
    expect(() => wrong.prepare('SELECT count(*) FROM settings').get()).toThrow(/not a database/);
    wrong.close();
    // So does openStore told the wrong cipher: the key is refused by name.
    expect(() => openStore(path, { key, cipher: 'sqlcipher4' })).toThrow(/密钥不对/);
    // AEGIS is authenticated: one bit changed in a page of the table makes it unreadable, not silently different.
    const bytes = readFileSync(path);
    const pages = bytes.length / 4096;
    const db2 = new Database(path);
    applyKey(db2, key, 'aegis');
    const rootpage = db2.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'settings'").pluck().get() as number;
    db2.close();
    expect(rootpage).toBeLessThanOrEqual(pages);
    bytes[(rootpage - 1) * 4096 + 300]! ^= 1;
    writeFileSync(path, bytes);
    const tampered = new Database(path, { readonly: true });
    applyKey(tampered, key, 'aegis');
    expect(() => tampered.prepare('SELECT value FROM settings').all()).toThrow(/malformed|corrupt/i);
    tampered.close();
  });
});

describe.each(OLDER)('a store in %s (an earlier release) converted to aegis', (older) => {
  it(`the trap: VACUUM INTO writes the copy in the source's cipher (${older}), and the rekey of the copy switches it to aegis`, () => {
    const path = tempDb();
    const key = randomBytes(32);
    olderStore(path, key, older);
    const copyPath = `${path}.copy`;
    const src = new Database(path, { readonly: true });
    applyKey(src, key, older);
    src.prepare('VACUUM INTO ?').run(copyPath);
    src.close();
    expect(detectCipher(copyPath, key)).toBe(older);
    const copy = new Database(copyPath);
    applyKey(copy, key, older);
    rekeyTo(copy, key, 'aegis');
    copy.close();
    expect(detectCipher(copyPath, key, older)).toBe('aegis');
    expect(keyOpens(copyPath, key, older)).toBe(false);
  });

  it('converts it through every step, keeping every row (its WAL too), in WAL mode, nothing left beside it', () => {
    const path = tempDb();
    const key = randomBytes(32);
    const before = olderStore(path, key, older);
    expect(detectCipher(path, key)).toBe(older);
    const steps: string[] = [];
    expect(convertStoreCipher(path, key, older, { onStep: (s) => steps.push(s) })).toBe(true);
    expect(steps).toEqual([...ENCRYPT_STEPS]);
    expect(keyOpens(path, key, 'aegis')).toBe(true);
    expect(keyOpens(path, key, older)).toBe(false);
    expect(read(path, key, 'aegis')).toEqual(before);
    const db = openStore(path, { key });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('encrypting'))).toEqual([]);
    // Already in aegis: nothing to do.
    expect(convertStoreCipher(path, key, 'aegis')).toBe(false);
  });

  it.each(ENCRYPT_STEPS)('a crash right after conversion step "%s" leaves one good store (in the cipher detectCipher finds) with every row; the next conversion finishes', (crashAt) => {
    const path = tempDb();
    const key = randomBytes(32);
    const before = olderStore(path, key, older);
    expect(() =>
      convertStoreCipher(path, key, older, {
        onStep: (s) => {
          if (s === crashAt) throw new Error('crash');
        },
      }),
    ).toThrow('crash');
    const found = detectCipher(path, key, older);
    expect(found).toBe(crashAt === 'swap' ? 'aegis' : older);
    expect(read(path, key, found!)).toEqual(before);
    if (found === older) expect(convertStoreCipher(path, key, older)).toBe(true);
    expect(detectCipher(path, key)).toBe('aegis');
    expect(read(path, key, 'aegis')).toEqual(before);
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('encrypting'))).toEqual([]);
  });

  it('a conversion whose copy does not verify leaves the store as it was', () => {
    const path = tempDb();
    const key = randomBytes(32);
    const before = olderStore(path, key, older);
    // The wrong key: nothing opens, nothing is replaced.
    expect(() => convertStoreCipher(path, randomBytes(32), older)).toThrow();
    expect(read(path, key, older)).toEqual(before);
    expect(readdirSync(join(path, '..')).filter((f) => f.includes('encrypting'))).toEqual([]);
  });
});
