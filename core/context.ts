import { randomFillSync } from 'node:crypto';
import type { Db } from '../db/open';
import { createRepos, type Repos } from '../db/repos';
import { createUuidV7Generator } from '../shared/ids';
import { systemClock, type Clock } from '../shared/time';
import type { WorkingCalendar } from '../shared/calendar';
import type { CatalogItem } from '../shared/catalog/types';
import { loadCalendar } from './services/calendar';
import { loadCatalog } from './services/catalog';
import { CoreEvents } from './events';
import { loadPolicyTables } from './services/policy';
import type { PolicyTable } from '../shared/policy';
import type { SyncEngine } from './sync/engine';

/** Everything a service needs: the one writer connection, its repositories, the clock, ID maker and reference data. */
export interface CoreContext {
  db: Db;
  repos: Repos;
  clock: Clock;
  newId: () => string;
  calendar: WorkingCalendar;
  catalog: ReadonlyMap<string, CatalogItem>;
  /** Every policy table stored here (all regions, all periods); calculators pick the one in force. */
  policy: readonly PolicyTable[];
  events: CoreEvents;
  /** The sync engine (set by createCore). */
  sync: SyncEngine | null;
  /** Where attachment files live (content-addressed by sha256). */
  attachmentsDir: string;
  /** Run `fn` in one IMMEDIATE transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T;
  /**
   * A transaction committed without waiting for the disk (synchronous=NORMAL for this commit only): for
   * records of reads (who looked at whom), which become durable with the next ordinary commit.
   * Never for a change to a case or a person.
   */
  txRelaxed<T>(fn: () => T): T;
}

/** Random bytes drawn from a 4 KiB pool refilled from the OS (one syscall per 256 IDs, not per ID). */
function pooledRandom(): (bytes: Uint8Array) => void {
  const pool = new Uint8Array(4096);
  let pos = pool.length;
  return (bytes) => {
    if (pos + bytes.length > pool.length) {
      randomFillSync(pool);
      pos = 0;
    }
    bytes.set(pool.subarray(pos, pos + bytes.length));
    pos += bytes.length;
  };
}

export interface ContextOptions {
  clock?: Clock;
  attachmentsDir: string;
}

export function createContext(db: Db, options: ContextOptions): CoreContext {
  const clock = options.clock ?? systemClock;
  const repos = createRepos(db);
  const newId = createUuidV7Generator(() => clock.now(), pooledRandom());
  const ctx: CoreContext = {
    db,
    repos,
    clock,
    newId,
    calendar: undefined as unknown as WorkingCalendar,
    catalog: new Map(),
    policy: [],
    events: new CoreEvents(),
    sync: null,
    attachmentsDir: options.attachmentsDir,
    tx: <T>(fn: () => T): T => {
      if (db.inTransaction) return db.transaction(fn)();
      return db.transaction(fn).immediate();
    },
    txRelaxed: <T>(fn: () => T): T => {
      if (db.inTransaction) return db.transaction(fn)();
      db.pragma('synchronous = NORMAL');
      try {
        return db.transaction(fn).immediate();
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
  };
  ctx.calendar = loadCalendar(ctx);
  ctx.catalog = loadCatalog(ctx);
  ctx.policy = loadPolicyTables(ctx);
  return ctx;
}
