import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * How the station's store is encrypted: SQLite3 Multiple Ciphers, keyed with the raw 256-bit data key. The key is
 * random, so no passphrase KDF runs: a raw `x'…'` key opens the store in a millisecond. The main file, its WAL and its
 * rollback journals are all encrypted, and the file does not start with SQLite's header.
 *
 * The ciphers a store may be in (the one place that names them):
 *   aegis       AEGIS-256 per page, an AEAD (authenticated: a changed page fails to read; its 16-byte tag and nonce sit
 *               in each page's reserved bytes), AES-NI accelerated where the CPU has it (chosen at run time, a
 *               portable fallback otherwise). The current cipher: every new store, every encrypted plaintext store
 *               and every new backup. Measured here in alternating runs on one build (commits of ~30 random
 *               pages, and `npm run bench -- intake encryption-overhead`), encrypted/plain: aegis 1.00–1.05,
 *               chacha20 1.28–1.35; the intake's median fell from 2.3–2.6 to 1.3–1.6 ms.
 *   chacha20    ChaCha20 per page with a Poly1305 tag over each page (authenticated), in SQLite3MC's portable C: what
 *               the release before this one made. Still opened; converted at the next start.
 *   sqlcipher4  SQLCipher 4's scheme (AES-256-CBC per page, HMAC-SHA512 over each page): what stores and backups
 *               made before chacha20 are in. Still opened; converted at the next start.
 * A store in an older cipher is converted at its station's next start (convertStoreCipher in db/encrypt-store.ts).
 * Not aes256cbc: it has no integrity check.
 */
export const DATA_KEY_BYTES = 32;

export const STORE_CIPHERS = ['aegis', 'chacha20', 'sqlcipher4'] as const;
export type StoreCipher = (typeof STORE_CIPHERS)[number];
export const CURRENT_CIPHER: StoreCipher = 'aegis';

export type Db = Database.Database;

/**
 * The pragmas that select a cipher's scheme on a connection (before `key` or `rekey`). Each cipher's parameters are
 * set explicitly (`legacy`, AEGIS's `algorithm`), so a connection keyed in one cipher and then switched to another
 * gets the other's own settings, whatever SQLite3MC's defaults become.
 * core/features/backup/snapshot-worker.cjs repeats this table (plain CommonJS).
 */
export const CIPHER_PRAGMAS: Readonly<Record<StoreCipher, readonly string[]>> = {
  aegis: ["cipher = 'aegis'", "algorithm = 'aegis-256'"],
  chacha20: ["cipher = 'chacha20'", 'legacy = 0'],
  sqlcipher4: ["cipher = 'sqlcipher'", 'legacy = 4'],
};

function rawKey(key: Uint8Array): string {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`the data key must be ${DATA_KEY_BYTES} bytes`);
  return `"x'${Buffer.from(key).toString('hex')}'"`;
}

export function selectCipher(db: Db, cipher: StoreCipher): void {
  for (const p of CIPHER_PRAGMAS[cipher]) db.pragma(p);
}

/** Key a freshly opened connection (before its first read) for a store in `cipher`. */
export function applyKey(db: Db, key: Uint8Array, cipher: StoreCipher = CURRENT_CIPHER): void {
  const k = rawKey(key);
  selectCipher(db, cipher);
  db.pragma(`key = ${k}`);
}

/**
 * Re-encrypt the connection's database with `key` in `cipher` (from any cipher, or from plaintext). SQLite3MC does
 * this only outside WAL mode (a rollback-journal database).
 */
export function rekeyTo(db: Db, key: Uint8Array, cipher: StoreCipher = CURRENT_CIPHER): void {
  const k = rawKey(key);
  selectCipher(db, cipher);
  db.pragma(`rekey = ${k}`);
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

/** True when `key` in `cipher` opens the database at `path` (a wrong key or cipher reads as "file is not a database"). */
export function keyOpens(path: string, key: Uint8Array, cipher: StoreCipher = CURRENT_CIPHER, nativeBinding?: string): boolean {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    applyKey(db, key, cipher);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/**
 * Which of the known ciphers opens the store at `path` with `key`, trying `expected` first (what the key envelope
 * records); null when none does (a wrong key, or a damaged file).
 */
export function detectCipher(path: string, key: Uint8Array, expected: StoreCipher = CURRENT_CIPHER, nativeBinding?: string): StoreCipher | null {
  for (const c of [expected, ...STORE_CIPHERS.filter((x) => x !== expected)]) {
    if (keyOpens(path, key, c, nativeBinding)) return c;
  }
  return null;
}
