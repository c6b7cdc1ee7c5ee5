import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../store/types';
import { SqliteStore, migrateSqlite } from '../store/sqlite';
import { openPostgresStore } from '../store/postgres';
import { migratePostgres } from '../store/migrate-postgres';
import { postgresAvailability, startPostgres, type PgServer } from './postgres';

/**
 * The storage backends central's tests run against. `describeBackends()` declares a suite once per backend; the
 * PostgreSQL one is skipped (with the reason printed) only when no PostgreSQL can be had on this machine — and
 * with CENTRAL_REQUIRE_POSTGRES=1 (CI) that is a failure instead.
 */
export type BackendName = 'sqlite' | 'postgres';

export interface Backend {
  name: BackendName;
  /** Why this backend is skipped, or null. */
  skip: string | null;
  /** Once per test file (starts a throwaway cluster for PostgreSQL). */
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A fresh, empty, migrated store. */
  open(dataDir: string): Promise<Store>;
  /** A fresh, empty database, not migrated, for tests of the schema itself. */
  openRaw(): Promise<RawDb>;
  /** PostgreSQL: the server under the stores (after setup()), to restart it or cut its connections. */
  pgServer?(): PgServer;
  /** PostgreSQL: a connection string to a fresh, empty database (several central processes can share it). */
  freshUrl?(): Promise<string>;
}

/** A database of either backend, below the Store: migrations applied by hand, SQL run as it is. */
export interface RawDb {
  readonly backend: BackendName;
  /** Apply the migrations up to `to` (all, and for PostgreSQL the routines too, when left out); answers the versions applied. */
  migrate(to?: number): Promise<number[]>;
  /** Run SQL (several statements allowed, no parameters). */
  exec(sql: string): Promise<void>;
  /** Rows of a statement with `?` parameters (PostgreSQL gets $1, $2 …; SQLite gets booleans as 1 and 0). */
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The Store over this database, as the server opens it (migrating what is left); close it before this. */
  openStore(): Promise<Store>;
  /** Closes it and removes what it leaves behind (the file; the schema in PostgreSQL). */
  close(): Promise<void>;
}

export function tempDir(prefix = 'central-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** `?` placeholders as PostgreSQL's $n (the tests' SQL has no `?` inside literals). */
function dollarParams(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export const sqliteBackend: Backend = {
  name: 'sqlite',
  skip: null,
  setup: async () => undefined,
  teardown: async () => undefined,
  open: async (dataDir) => new SqliteStore(path.join(dataDir, 'central.sqlite')),
  async openRaw() {
    const dir = tempDir();
    const file = path.join(dir, 'central.sqlite');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    return {
      backend: 'sqlite',
      migrate: async (to) => migrateSqlite(db, to === undefined ? {} : { to }),
      exec: async (sql) => void db.exec(sql),
      all: async <T>(sql: string, params: readonly unknown[] = []) => {
        const st = db.prepare(sql);
        const values = params.map((v) => (typeof v === 'boolean' ? Number(v) : v));
        if (st.reader) return st.all(...values) as T[];
        st.run(...values);
        return [];
      },
      openStore: async () => new SqliteStore(file),
      async close() {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function makePostgresBackend(): Backend {
  const a = postgresAvailability();
  let server: PgServer | null = null;
  if (!a.ok) {
    // CI sets CENTRAL_REQUIRE_POSTGRES=1: there a missing PostgreSQL is a failure, not a skip.
    if (process.env.CENTRAL_REQUIRE_POSTGRES === '1') throw new Error(`CENTRAL_REQUIRE_POSTGRES=1 but no PostgreSQL: ${a.reason}`);
    console.warn(`[central tests] PostgreSQL half SKIPPED: ${a.reason}`);
  }
  const running = (): PgServer => {
    if (!server) throw new Error('postgres backend used before setup()');
    return server;
  };
  return {
    name: 'postgres',
    skip: a.ok ? null : a.reason,
    async setup() {
      if (a.ok && !server) server = await startPostgres(a);
    },
    pgServer: () => running(),
    freshUrl: () => running().freshDatabase(),
    async teardown() {
      await server?.stop();
      server = null;
    },
    async open() {
      const srv = running();
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
    async openRaw() {
      const srv = running();
      const url = await srv.freshDatabase();
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      pool.on('error', () => undefined);
      return {
        backend: 'postgres',
        migrate: async (to) => (await migratePostgres(pool, to === undefined ? {} : { to })).applied,
        exec: async (sql) => void (await pool.query(sql)),
        all: async <T>(sql: string, params: readonly unknown[] = []) => (await pool.query(dollarParams(sql), [...params])).rows as T[],
        openStore: () => openPostgresStore(url),
        async close() {
          await pool.end();
          await srv.dropDatabase(url);
        },
      };
    },
  };
}

let pgBackend: Backend | null = null;

/** The PostgreSQL backend of this test file (looked for once; throws under CENTRAL_REQUIRE_POSTGRES=1 when there is none). */
export function postgresBackend(): Backend {
  return (pgBackend ??= makePostgresBackend());
}

/** The backends by name, both by default. */
export function backends(only: readonly BackendName[] = ['sqlite', 'postgres']): Backend[] {
  return only.map((name) => (name === 'sqlite' ? sqliteBackend : postgresBackend()));
}

/**
 * `describe` once per backend: `title` with `$name` replaced by the backend's name, the backend set up before the
 * suite's tests and torn down after them. A backend that cannot run here skips its whole suite, the reason in the
 * title (and printed once when it was looked for).
 */
export function describeBackends(title: string, body: (backend: Backend) => void, opts: { only?: readonly BackendName[] } = {}): void {
  for (const backend of backends(opts.only)) {
    const name = title.replaceAll('$name', backend.name);
    describe.skipIf(backend.skip !== null)(backend.skip === null ? name : `${name} — SKIPPED: ${backend.skip}`, () => {
      beforeAll(() => backend.setup());
      afterAll(() => backend.teardown());
      body(backend);
    });
  }
}
