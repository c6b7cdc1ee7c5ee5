import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyKey, CURRENT_CIPHER, isPlaintextSqlite, keyOpens, rekeyTo, type StoreCipher } from './cipher';
import { fsyncDir } from './files';
import { StoreError } from './open';

/**
 * The steps of encrypting a store in place: a plaintext one (an upgrade from a version before encryption), or one in
 * an older cipher converted to the current one (convertStoreCipher: chacha20 or sqlcipher4 → aegis). After each one the
 * caller's `onStep` runs (the crash tests kill the process there): a crash at any step leaves one good store — the
 * original until the atomic rename, the newly encrypted one after it.
 *
 *   checkpoint  the original's WAL folded into the main file and removed (the store closed cleanly)
 *   copy        a compact copy of the store beside it (VACUUM INTO, rollback-journal mode; SQLite3MC writes it in the
 *               source's own cipher and key, or in plaintext)
 *   encrypt     the copy rekeyed with the data key in the target cipher (SQLite3MC rekeys only outside WAL mode: the
 *               copy never is in WAL; the rekey switches the cipher when the copy is in another one)
 *   verify      the copy opened afresh with the key in the target cipher: integrity_check ok and every table's row
 *               count as in the original, and it no longer opens as before; then switched to WAL and fsynced
 *   swap        the copy renamed over the original (atomic), the folder fsynced
 */
export const ENCRYPT_STEPS = ['checkpoint', 'copy', 'encrypt', 'verify', 'swap'] as const;
export type EncryptStep = (typeof ENCRYPT_STEPS)[number];

export interface EncryptOptions {
  nativeBinding?: string;
  onStep?: (step: EncryptStep) => void;
  /** The cipher to encrypt in (default: the current one). */
  cipher?: StoreCipher;
}

/** The temp file an interrupted encryption leaves (removed and redone at the next start). */
export function encryptingPath(path: string): string {
  return `${path}.encrypting`;
}

function open(path: string, options: EncryptOptions, extra: { readonly?: boolean } = {}): Database.Database {
  return new Database(path, { fileMustExist: true, ...extra, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
}

function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number]));
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  rmSync(path, { force: true });
}

/** Remove what an interrupted encryption left beside the store. */
export function removeEncryptionLeftovers(path: string): void {
  const tmp = encryptingPath(path);
  for (const p of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) removeQuietly(p);
}

/**
 * Encrypt the plaintext store at `path` with `key`, in place and crash-safe (see ENCRYPT_STEPS). Returns false when
 * the store is not plaintext (nothing to do). Throws StoreError('encryption_failed') when the encrypted copy does not
 * verify; the plaintext store is then left as it was.
 */
export function encryptStoreInPlace(path: string, key: Uint8Array, options: EncryptOptions = {}): boolean {
  if (!existsSync(path) || statSync(path).size === 0 || !isPlaintextSqlite(path)) return false;
  reencrypt(path, key, null, options.cipher ?? CURRENT_CIPHER, options, '数据库加密');
  return true;
}

/**
 * Convert the store at `path`, encrypted with `key` in cipher `from`, to cipher `to` (default: the current one), in
 * place and crash-safe (the same steps as encrypting a plaintext store). Returns false when there is nothing to do
 * (`from` is `to`, or no store). Throws StoreError('encryption_failed') when the converted copy does not verify; the
 * store is then left as it was, in `from`. The caller records the new cipher (the key envelope) after it returns: until
 * then the envelope names the old cipher, and the opening code tries the other known ciphers (db/cipher detectCipher).
 */
export function convertStoreCipher(path: string, key: Uint8Array, from: StoreCipher, options: EncryptOptions = {}): boolean {
  const to = options.cipher ?? CURRENT_CIPHER;
  if (from === to || !existsSync(path) || statSync(path).size === 0) return false;
  reencrypt(path, key, from, to, options, '数据库加密方式转换');
  return true;
}

function reencrypt(path: string, key: Uint8Array, from: StoreCipher | null, to: StoreCipher, options: EncryptOptions, what: string): void {
  const tmp = encryptingPath(path);
  removeEncryptionLeftovers(path);
  const keyed = (db: Database.Database): Database.Database => {
    if (from) applyKey(db, key, from);
    return db;
  };

  // checkpoint: fold the WAL in; closing the only connection removes the WAL and shared-memory files.
  const original = keyed(open(path, options));
  let counts: Record<string, number>;
  try {
    original.pragma('busy_timeout = 5000');
    original.pragma('wal_checkpoint(TRUNCATE)');
    counts = tableCounts(original);
  } finally {
    original.close();
  }
  options.onStep?.('checkpoint');

  // copy: a compact copy in rollback-journal mode (in the original's cipher and key).
  try {
    const source = keyed(open(path, options, { readonly: true }));
    try {
      source.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      source.close();
    }
  } catch (e) {
    removeEncryptionLeftovers(path);
    throw new StoreError('encryption_failed', `${what}失败，原数据库未改动：${(e as Error).message}`);
  }
  options.onStep?.('copy');

  // encrypt: rekey the copy in the target cipher (outside WAL mode, as SQLite3MC requires).
  try {
    const copy = keyed(open(tmp, options));
    try {
      copy.pragma('journal_mode = DELETE');
      rekeyTo(copy, key, to);
    } finally {
      copy.close();
    }
  } catch (e) {
    removeEncryptionLeftovers(path);
    throw new StoreError('encryption_failed', `${what}失败，原数据库未改动：${(e as Error).message}`);
  }
  options.onStep?.('encrypt');

  // verify: a fresh connection with the key in the target cipher reads the same rows, and the file is sound.
  try {
    if (from === null ? isPlaintextSqlite(tmp) : keyOpens(tmp, key, from, options.nativeBinding)) throw new Error(`the copy still opens as before (${from ?? 'plaintext'})`);
    const check = open(tmp, options);
    try {
      applyKey(check, key, to);
      const ok = check.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') throw new Error(`integrity_check: ${String(ok)}`);
      const after = tableCounts(check);
      for (const [t, n] of Object.entries(counts)) {
        if (after[t] !== n) throw new Error(`table ${t}: ${after[t]} rows in the encrypted copy, ${n} in the store`);
      }
      check.pragma('journal_mode = WAL');
    } finally {
      check.close();
    }
  } catch (e) {
    removeEncryptionLeftovers(path);
    throw new StoreError('encryption_failed', `${what}失败，原数据库未改动：${(e as Error).message}`);
  }
  fsyncFile(tmp);
  options.onStep?.('verify');

  // swap: nothing of the original's journals may be left for the new file to pick up.
  for (const p of [`${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (existsSync(p) && p.endsWith('-wal') && statSync(p).size > 0) {
      removeEncryptionLeftovers(path);
      throw new StoreError('encryption_failed', `${what}中止：原数据库仍有未合并的日志，请关闭其他打开它的程序后重试`);
    }
    removeQuietly(p);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
  options.onStep?.('swap');
  removeEncryptionLeftovers(path);
}
