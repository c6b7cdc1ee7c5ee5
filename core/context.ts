import { randomBytes, randomFillSync } from 'node:crypto';
import type { Db } from '../db/open';
import { createRepos, type Repos } from '../db/repos';
import { StationBlobs } from '../db/blobs';
import { createUuidV7Generator } from '../shared/ids';
import { systemClock, type Clock } from '../shared/time';
import { WorkingCalendar } from '../shared/calendar';
import type { CatalogItem } from '../shared/catalog/types';
import { CoreEvents } from './events';
import type { PolicyTable } from '../shared/policy';
import { PROTOCOL_MINOR } from '../shared/sync/version';
import type { StationSecurity } from './keys/security';

export type CaseChangeOrigin = 'station' | 'central';

/** The key under which the sync engine records central's minor protocol version (in `sync_meta`). */
export const CENTRAL_MINOR_KEY = 'central.protocolMinor';

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
  /**
   * The minor sync protocol version the station speaks with its central (its own, or central's if older; 0
   * before central was ever reached). The write path shapes its outbox ops by it.
   */
  protocolMinor(): number;
  /**
   * Note that a case changed. One `cases.changed` event per origin is sent after the outermost transaction
   * commits (nothing is sent for a transaction that rolls back); outside a transaction, at once.
   */
  caseChanged(caseId: string, origin: CaseChangeOrigin): void;
  /** Where attachment files live (content-addressed by sha256). */
  attachmentsDir: string;
  /** The attachment files themselves (encrypted with a key derived from the data key). */
  blobs: StationBlobs;
  /** The station's keys, or why its store is locked (core/keys). */
  security: StationSecurity;
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
  security: StationSecurity;
  /** Keep this event bus (a store reopened in place keeps its listeners). */
  events?: CoreEvents;
}

export function createContext(db: Db, options: ContextOptions): CoreContext {
  const clock = options.clock ?? systemClock;
  const repos = createRepos(db);
  const newId = createUuidV7Generator(() => clock.now(), pooledRandom());
  const events = options.events ?? new CoreEvents();
  const changed: Record<CaseChangeOrigin, Set<string>> = { station: new Set(), central: new Set() };
  const flushChanged = () => {
    for (const origin of ['station', 'central'] as const) {
      const ids = changed[origin];
      if (ids.size === 0) continue;
      const list = [...ids];
      ids.clear();
      for (let i = 0; i < list.length; i += 1000) events.emit('cases.changed', { caseIds: list.slice(i, i + 1000), origin });
    }
  };
  const dropChanged = () => {
    changed.station.clear();
    changed.central.clear();
  };
  /** Run the outermost transaction; tell listeners what changed only once it committed. */
  const outermost = <T>(run: () => T): T => {
    let r: T;
    try {
      r = run();
    } catch (e) {
      dropChanged();
      throw e;
    }
    flushChanged();
    return r;
  };
  // One transaction function for every call (better-sqlite3 builds four wrappers per `db.transaction(fn)`: a
  // batch import made two of them per row): outermost it is BEGIN IMMEDIATE … COMMIT, nested a savepoint.
  const inTx = db.transaction((fn: () => unknown) => fn());
  const ctx: CoreContext = {
    db,
    repos,
    clock,
    newId,
    // Reference data: loaded by `loadReference` (core/reference/load) right after the context is made.
    calendar: new WorkingCalendar([]),
    catalog: new Map(),
    policy: [],
    events,
    attachmentsDir: options.attachmentsDir,
    // While the store is locked there are no attachment keys: a throwaway key that opens nothing.
    blobs: new StationBlobs(options.attachmentsDir, options.security.keyring?.attachmentKey() ?? randomBytes(32)),
    security: options.security,
    protocolMinor: () => {
      const v = Number(repos.syncMeta.get(CENTRAL_MINOR_KEY) ?? '0');
      return Math.min(PROTOCOL_MINOR, Number.isSafeInteger(v) && v >= 0 ? v : 0);
    },
    caseChanged: (caseId, origin) => {
      changed[origin].add(caseId);
      if (!db.inTransaction) flushChanged();
    },
    tx: <T>(fn: () => T): T => {
      if (db.inTransaction) return inTx(fn) as T;
      return outermost(() => inTx.immediate(fn) as T);
    },
    txRelaxed: <T>(fn: () => T): T => {
      if (db.inTransaction) return inTx(fn) as T;
      db.pragma('synchronous = NORMAL');
      try {
        return outermost(() => inTx.immediate(fn) as T);
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
  };
  return ctx;
}
