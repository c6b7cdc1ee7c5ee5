import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { MIGRATIONS, LATEST_VERSION, type Migration } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(
    readonly code: 'db_from_future' | 'migration_failed' | 'migrations_out_of_order',
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
export function readSchemaVersion(path: string, nativeBinding?: string): number {
  const probe = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
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
    const version = readSchemaVersion(path, options.nativeBinding);
    if (version > latest) {
      throw futureError(version, latest);
    }
  }
  const db = new Database(path, { readonly: options.readonly ?? false, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
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
