import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, existsSync } from 'node:fs';
import { MIGRATIONS, LATEST_VERSION, type Migration } from './migrations';
import { applyKey, type Db, type StoreCipher } from './cipher';

export type { Db } from './cipher';

export class StoreError extends Error {
  constructor(
    readonly code: 'db_from_future' | 'migration_failed' | 'migrations_out_of_order' | 'key_rejected' | 'encryption_failed',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface OpenOptions {
  /** Migrations to apply (tests pass a prefix to stop at an earlier version). */
  migrations?: readonly Migration[];
  /** SQLite page cache in KiB (default 64 MiB). */
  cacheKiB?: number;
  readonly?: boolean;
  /** Path of a better-sqlite3 native binding built for another runtime (Electron's ABI during development). */
  nativeBinding?: string;
  /**
   * The station's 256-bit data key (db/cipher): the store is encrypted with it. Without one the file is plain
   * SQLite — only tests of the schema itself open stores that way; the station always passes its key.
   */
  key?: Uint8Array;
  /** The cipher the store is in (default: the current one, db/cipher CURRENT_CIPHER). */
  cipher?: StoreCipher;
}

function keyRejected(): StoreError {
  return new StoreError('key_rejected', '数据库无法用本站密钥打开：密钥不对或文件已损坏。 (the data key does not open this store)');
}

/** Key the connection (when a key is given) and prove the key opens the file before anything else runs. */
function unlock(db: Db, key: Uint8Array | undefined, cipher: StoreCipher | undefined): void {
  if (!key) return;
  applyKey(db, key, cipher);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw keyRejected();
  }
}

function futureError(found: number, supported: number): StoreError {
  return new StoreError(
    'db_from_future',
    `数据库版本 ${found} 比本程序支持的版本 ${supported} 更新，请升级工作站软件；数据库文件未作任何改动。` +
      ` (database schema ${found} is newer than this program's ${supported}; the file was left untouched)`,
  );
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new StoreError('migrations_out_of_order', `migration ${m.name} has version ${m.version}, expected ${i + 1}`);
    }
  });
}

/** Read `PRAGMA user_version` without changing anything in the file (read-only, no journal-mode switch). */
export function readSchemaVersion(path: string, nativeBinding?: string, key?: Uint8Array, cipher?: StoreCipher): number {
  const probe = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    unlock(probe, key, cipher);
    return probe.pragma('user_version', { simple: true }) as number;
  } finally {
    probe.close();
  }
}

function applyPragmas(db: Db, cacheKiB: number): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${cacheKiB}`);
  db.pragma('temp_store = MEMORY');
}

/** Apply the pending migrations in one transaction; returns the versions applied. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  checkOrder(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  if (current > latest) {
    throw futureError(current, latest);
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  // A table rebuild needs foreign keys off, which SQLite only allows outside a transaction.
  const rebuild = pending.some((m) => m.rebuildsTables === true);
  const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (rebuild && fkWasOn) db.pragma('foreign_keys = OFF');
  const run = db.transaction(() => {
    for (const m of pending) {
      try {
        db.exec(m.sql);
      } catch (e) {
        throw new StoreError('migration_failed', `migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
    }
    if (rebuild) {
      const broken = db.pragma('foreign_key_check') as { table: string }[];
      if (broken.length > 0) throw new StoreError('migration_failed', `migrations left ${broken.length} broken references (first in ${broken[0]!.table})`);
    }
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  });
  try {
    run.immediate();
  } finally {
    if (rebuild && fkWasOn) db.pragma('foreign_keys = ON');
  }
  return pending.map((m) => m.version);
}

/**
 * Open (or create) the station's store: refuse a database written by a newer program before touching
 * it, then WAL + synchronous=FULL + foreign keys, then the pending migrations in one transaction.
 */
export function openStore(path: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  checkOrder(migrations);
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  if (path !== ':memory:' && existsSync(path)) {
    const version = readSchemaVersion(path, options.nativeBinding, options.key, options.cipher);
    if (version > latest) {
      throw futureError(version, latest);
    }
  }
  const db = new Database(path, { readonly: options.readonly ?? false, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    unlock(db, options.key, options.cipher);
    // Owner only: SQLite gives the WAL and shared-memory files the mode of the main file.
    if (path !== ':memory:' && !options.readonly) chmodSync(path, 0o600);
    if (options.readonly) {
      db.pragma('foreign_keys = ON');
      return db;
    }
    applyPragmas(db, options.cacheKiB ?? 65_536);
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export { LATEST_VERSION };
