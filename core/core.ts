import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openStore, type Db } from '../db/open';
import { startIdleCheckpoints } from '../db/maintenance';
import type { SyncEngine, EngineOptions } from './features/sync/engine';
import { installSyncEngine } from './features/sync/registry';
import { createContext, type CoreContext } from './context';
import { loadReference } from './reference/load';
import { Router, type RouterLog } from './router';
import { DEFAULT_SESSION_LIMITS, setSessionLimits, type SessionLimits } from './session';
import { HANDLERS } from './handlers';
import { databasePath } from './config';
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
  /** How long a signed-in session lasts (default: 15 minutes idle, 12 hours in all). */
  sessionLimits?: SessionLimits;
}

/** Start the core: open (and migrate) the store, load reference data, build the router. */
export function createCore(options: CoreOptions): Core {
  let path = options.dbPath;
  if (!path) {
    if (!options.dataDir) throw new Error('createCore needs dataDir or dbPath');
    mkdirSync(options.dataDir, { recursive: true });
    path = databasePath(options.dataDir);
  }
  const db: Db = openStore(path, options.sqliteBinding ? { nativeBinding: options.sqliteBinding } : {});
  try {
    const attachmentsDir = join(dirname(path), 'attachments');
    const ctx = createContext(db, { attachmentsDir, ...(options.clock ? { clock: options.clock } : {}) });
    setSessionLimits(ctx, options.sessionLimits ?? DEFAULT_SESSION_LIMITS);
    loadReference(ctx);
    const router = new Router(ctx, HANDLERS, options.log);
    const stopCheckpoints = startIdleCheckpoints(db);
    const sync = installSyncEngine(ctx, options.sync ?? {});
    if (options.sync?.autoStart) sync.start();
    return {
      ctx,
      router,
      sync,
      close: () => {
        sync.stop();
        stopCheckpoints();
        if (db.open) db.close();
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}
