import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * How the station's store is encrypted: SQLite3 Multiple Ciphers in its SQLCipher 4 compatible scheme
 * (AES-256-CBC per 4 KiB page, HMAC-SHA512 over each page, a random IV per page write), keyed with the raw
 * 256-bit data key. The key is random, so SQLCipher's passphrase KDF (PBKDF2, 256,000 rounds) is skipped:
 * a raw `x'…'` key opens the store in milliseconds. The main file, its WAL and its rollback journals are
 * all encrypted. Any SQLCipher 4 tool opens the store given the raw key (technical support's last resort).
 */
export const DATA_KEY_BYTES = 32;
export const CIPHER_NAME = 'sqlcipher4';

export type Db = Database.Database;

/** Key a freshly opened connection (before its first read). */
export function applyKey(db: Db, key: Uint8Array): void {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`the data key must be ${DATA_KEY_BYTES} bytes`);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file is a plaintext SQLite database (its first 16 bytes are SQLite's magic header). */
export function isPlaintextSqlite(path: string): boolean {
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, 16, 0);
    return n === 16 && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** True when `key` opens the database at `path` (a wrong key reads as "file is not a database"). */
export function keyOpens(path: string, key: Uint8Array, nativeBinding?: string): boolean {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}
