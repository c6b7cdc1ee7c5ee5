import { dirname, join } from 'node:path';
import { openStore, type Db } from '../db/open';
import { startIdleCheckpoints } from '../db/maintenance';
import { ensurePrivateDir } from '../db/files';
import { finishRestore } from '../db/restore';
import type { SyncEngine, EngineOptions } from './features/sync/engine';
import { installSyncEngine } from './features/sync/registry';
import { scheduleDailyBackups } from './features/backup/backup';
import { createContext, type CoreContext } from './context';
import { loadReference } from './reference/load';
import { verifyAudit } from './features/audit/verify';
import { isInitialized } from './reference/station';
import { Router, type RouterLog } from './router';
import { DEFAULT_SESSION_LIMITS, setSessionLimits, type SessionLimits } from './session';
import { HANDLERS } from './handlers';
import { databasePath, defaultKeyFile } from './config';
import { KeyError, KeyFileProtector, type KeyProtector } from './keys/protectors';
import { StationKeyring, openStationKeysSync, type KeyOpening, type OpenedKeys } from './keys/station-keys';
import type { StationSecurity, UpgradeStep } from './keys/security';
import { openEncrypted } from './keys/open-store';
import type { Clock } from '../shared/time';

export interface Core {
  ctx: CoreContext;
  router: Router;
  sync: SyncEngine;
  close(): void;
}

export interface CoreOptions {
  /** A data directory (the store is `station.sqlite` inside), or an explicit database path via `dbPath`. */
  dataDir?: string;
  dbPath?: string;
  clock?: Clock;
  log?: RouterLog;
  /** better-sqlite3 binding for another runtime (see db/open). */
  sqliteBinding?: string | null;
  /** Sync engine options; `autoStart` schedules runs (the hosts do; tests call syncNow themselves). */
  sync?: EngineOptions & { autoStart?: boolean };
  /**
   * How this machine seals the data key (core/keys/protectors). Default: a key file beside the data directory
   * (config.defaultKeyFile), made on first start.
   */
  protector?: KeyProtector;
  /**
   * The data key, opened by the host beforehand (protectors that need the event loop: safeStorage, passphrase).
   * Without it the core opens the key itself, which only a key-file protector can do synchronously.
   */
  keys?: KeyOpening;
  /** How long a signed-in session lasts (default: 15 minutes idle, 12 hours in all). */
  sessionLimits?: SessionLimits;
  /** Crash tests: called after each step of a first start that encrypts a plaintext store. */
  onUpgradeStep?: (step: UpgradeStep) => void;
  /** Back up daily when a supervisor turned it on (the hosts do; tests run backups themselves). */
  dailyBackups?: boolean;
}

/** While the store is locked the core runs on an empty in-memory store: nothing can be read, only keys.* answer. */
function placeholderStore(): Db {
  return openStore(':memory:');
}

/** Start the core: open the keys and the store (and migrate it), load reference data, build the router. */
export function createCore(options: CoreOptions): Core {
  let path = options.dbPath;
  if (!path) {
    if (!options.dataDir) throw new Error('createCore needs dataDir or dbPath');
    path = databasePath(options.dataDir);
  }
  const dbPath = path;
  const dataDir = dirname(dbPath);
  ensurePrivateDir(dataDir);
  const attachmentsDir = join(dataDir, 'attachments');
  finishRestore(dataDir, dbPath, attachmentsDir);

  const protector = options.protector ?? new KeyFileProtector(defaultKeyFile(dataDir));
  let opening = options.keys;
  if (!opening) {
    if (!(protector instanceof KeyFileProtector)) throw new Error('createCore: open the keys first (openStationKeys) for this protector');
    opening = openStationKeysSync(dataDir, dbPath, protector);
  }

  const nativeBinding = options.sqliteBinding ?? undefined;
  const security: StationSecurity = {
    dataDir,
    dbPath,
    protector,
    nativeBinding,
    keyring: null,
    lock: null,
    weakUnconfirmed: false,
    reopen: () => {
      throw new Error('core not started');
    },
  };

  /** Open the store the keys open, or the locked placeholder. */
  const openWith = (o: KeyOpening): Db => {
    if (!o.ok) {
      security.keyring = null;
      security.lock = o.error;
      security.weakUnconfirmed = false;
      return placeholderStore();
    }
    const opened = openEncrypted(dbPath, attachmentsDir, o.keys, options);
    security.keyring = new StationKeyring(o.keys.dataKey);
    security.lock = null;
    security.weakUnconfirmed = o.keys.weakUnconfirmed;
    return opened;
  };

  let db = openWith(opening);
  let stopCheckpoints: () => void = () => undefined;
  try {
    const ctx = createContext(db, { attachmentsDir, security, ...(options.clock ? { clock: options.clock } : {}) });
    setSessionLimits(ctx, options.sessionLimits ?? DEFAULT_SESSION_LIMITS);
    const start = (): void => {
      if (security.lock) return;
      // A weak safeStorage backend is acceptable before setup only; after it a supervisor must have confirmed it.
      if (security.weakUnconfirmed && isInitialized(ctx)) {
        security.lock = new KeyError('weak_backend_unconfirmed', '此电脑没有系统钥匙串，密钥只能以弱保护（basic_text）存放：须由站点负责人用恢复密钥解锁并确认');
        return;
      }
      loadReference(ctx);
      // The audit chain, from the row verified last time (a break is recorded, shown to supervisors, told to central).
      verifyAudit(ctx, 'incremental', null);
      stopCheckpoints = startIdleCheckpoints(db);
    };
    start();
    const router = new Router(ctx, HANDLERS, options.log);
    const stopBackups = options.dailyBackups ? scheduleDailyBackups(ctx) : () => undefined;
    const core: Core = {
      ctx,
      router,
      sync: installSyncEngine(ctx, options.sync ?? {}),
      close: () => {
        stopBackups();
        core.sync.stop();
        stopCheckpoints();
        if (db.open) db.close();
      },
    };
    if (options.sync?.autoStart && !security.lock) core.sync.start();

    security.reopen = (keys: OpenedKeys) => {
      core.sync.stop();
      stopCheckpoints();
      stopCheckpoints = () => undefined;
      if (db.open) db.close();
      finishRestore(dataDir, dbPath, attachmentsDir);
      db = openWith({ ok: true, keys });
      Object.assign(ctx, createContext(db, { attachmentsDir, security, events: ctx.events, ...(options.clock ? { clock: options.clock } : {}) }));
      start();
      core.sync = installSyncEngine(ctx, options.sync ?? {});
      if (options.sync?.autoStart && !security.lock) core.sync.start();
    };
    return core;
  } catch (e) {
    stopCheckpoints();
    if (db.open) db.close();
    throw e;
  }
}
