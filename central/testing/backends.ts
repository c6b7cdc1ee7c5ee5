import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../store/types';
import { SqliteStore } from '../store/sqlite';
import { openPostgresStore } from '../store/postgres';
import { postgresAvailability, startPostgres, type PgServer } from './postgres';

/**
 * The storage backends the conformance suite runs against: `describe.each(BACKENDS)`. The PostgreSQL one is
 * skipped (with the reason printed) only when no PostgreSQL can be had on this machine.
 */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why this backend is skipped, or null. */
  skip: string | null;
  /** Once per test file (starts a throwaway cluster for PostgreSQL). */
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A fresh, empty, migrated store. */
  open(dataDir: string): Promise<Store>;
}

const sqlite: Backend = {
  name: 'sqlite',
  skip: null,
  setup: async () => undefined,
  teardown: async () => undefined,
  open: async (dataDir) => new SqliteStore(path.join(dataDir, 'central.sqlite')),
};

function postgres(): Backend {
  const a = postgresAvailability();
  let server: PgServer | null = null;
  if (!a.ok) {
    // CI sets CENTRAL_REQUIRE_POSTGRES=1: there a missing PostgreSQL is a failure, not a skip.
    if (process.env.CENTRAL_REQUIRE_POSTGRES === '1') throw new Error(`CENTRAL_REQUIRE_POSTGRES=1 but no PostgreSQL: ${a.reason}`);
    console.warn(`[central tests] PostgreSQL half SKIPPED: ${a.reason}`);
  }
  return {
    name: 'postgres',
    skip: a.ok ? null : a.reason,
    async setup() {
      if (a.ok && !server) server = await startPostgres(a);
    },
    async teardown() {
      await server?.stop();
      server = null;
    },
    async open() {
      const srv = server;
      if (!srv) throw new Error('postgres backend used before setup()');
      const url = await srv.freshDatabase();
      const store = await openPostgresStore(url);
      // Leave nothing behind in a database given by TEST_DATABASE_URL.
      const close = store.close.bind(store);
      store.close = async () => {
        await close();
        await srv.dropDatabase(url);
      };
      return store;
    },
  };
}

export const BACKENDS: readonly Backend[] = [sqlite, postgres()];

export function tempDir(prefix = 'central-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
