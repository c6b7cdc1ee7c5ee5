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

/** Everything a service needs: the one writer connection, its repositories, the clock, ID maker and reference data. */
export interface CoreContext {
  db: Db;
  repos: Repos;
  clock: Clock;
  newId: () => string;
  calendar: WorkingCalendar;
  catalog: ReadonlyMap<string, CatalogItem>;
  events: CoreEvents;
  /** Where attachment files live (content-addressed by sha256). */
  attachmentsDir: string;
  /** Run `fn` in one IMMEDIATE transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T;
}

export interface ContextOptions {
  clock?: Clock;
  attachmentsDir: string;
}

export function createContext(db: Db, options: ContextOptions): CoreContext {
  const clock = options.clock ?? systemClock;
  const repos = createRepos(db);
  const newId = createUuidV7Generator(() => clock.now(), (b) => randomFillSync(b));
  const ctx: CoreContext = {
    db,
    repos,
    clock,
    newId,
    calendar: undefined as unknown as WorkingCalendar,
    catalog: new Map(),
    events: new CoreEvents(),
    attachmentsDir: options.attachmentsDir,
    tx: <T>(fn: () => T): T => {
      if (db.inTransaction) return db.transaction(fn)();
      return db.transaction(fn).immediate();
    },
  };
  ctx.calendar = loadCalendar(ctx);
  ctx.catalog = loadCatalog(ctx);
  return ctx;
}
