import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyKey, isPlaintextSqlite } from './cipher';
import { fsyncDir } from './files';
import { StoreError } from './open';

/**
 * The steps of encrypting a plaintext store in place (an upgrade from a version before encryption). After each
 * one the caller's `onStep` runs (the crash tests kill the process there): a crash at any step leaves one good
 * store — the plaintext one until the atomic rename, the encrypted one after it.
 *
 *   checkpoint  the plaintext WAL folded into the main file and removed (the store closed cleanly)
 *   copy        a compact copy of the plaintext store beside it (VACUUM INTO, rollback-journal mode)
 *   encrypt     the copy rekeyed with the data key (SQLite3MC rekeys only outside WAL mode: the copy never is in WAL)
 *   verify      the copy opened afresh with the key: integrity_check ok and every table's row count as in the original;
 *               then switched to WAL and fsynced
 *   swap        the copy renamed over the plaintext store (atomic), the folder fsynced
 */
export const ENCRYPT_STEPS = ['checkpoint', 'copy', 'encrypt', 'verify', 'swap'] as const;
export type EncryptStep = (typeof ENCRYPT_STEPS)[number];

export interface EncryptOptions {
  nativeBinding?: string;
  onStep?: (step: EncryptStep) => void;
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
  const tmp = encryptingPath(path);
  removeEncryptionLeftovers(path);

  // checkpoint: fold the WAL in; closing the only connection removes the WAL and shared-memory files.
  const plain = open(path, options);
  let counts: Record<string, number>;
  try {
    plain.pragma('busy_timeout = 5000');
    plain.pragma('wal_checkpoint(TRUNCATE)');
    counts = tableCounts(plain);
  } finally {
    plain.close();
  }
  options.onStep?.('checkpoint');

  // copy: a compact plaintext copy in rollback-journal mode.
  const source = open(path, options, { readonly: true });
  try {
    source.prepare('VACUUM INTO ?').run(tmp);
  } finally {
    source.close();
  }
  options.onStep?.('copy');

  // encrypt: rekey the copy (outside WAL mode, as SQLite3MC requires).
  const copy = open(tmp, options);
  try {
    copy.pragma('journal_mode = DELETE');
    copy.pragma("cipher = 'sqlcipher'");
    copy.pragma('legacy = 4');
    copy.pragma(`rekey = "x'${Buffer.from(key).toString('hex')}'"`);
  } finally {
    copy.close();
  }
  options.onStep?.('encrypt');

  // verify: a fresh connection with the key reads the same rows, and the file is sound.
  try {
    const check = open(tmp, options);
    try {
      applyKey(check, key);
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
    if (isPlaintextSqlite(tmp)) throw new Error('the copy is still plaintext');
  } catch (e) {
    removeEncryptionLeftovers(path);
    throw new StoreError('encryption_failed', `数据库加密失败，原数据库未改动：${(e as Error).message}`);
  }
  fsyncFile(tmp);
  options.onStep?.('verify');

  // swap: nothing of the plaintext store's journals may be left for the encrypted file to pick up.
  for (const p of [`${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (existsSync(p) && p.endsWith('-wal') && statSync(p).size > 0) {
      removeEncryptionLeftovers(path);
      throw new StoreError('encryption_failed', '数据库加密中止：原数据库仍有未合并的日志，请关闭其他打开它的程序后重试');
    }
    removeQuietly(p);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
  options.onStep?.('swap');
  removeEncryptionLeftovers(path);
  return true;
}
