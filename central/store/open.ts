import fs from 'node:fs';
import path from 'node:path';
import type { CentralConfig } from '../config';
import type { Store } from './types';
import { SqliteStore } from './sqlite';
import { openPostgresStore, type PostgresStoreOptions } from './postgres';

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite file in the data directory. Migrated on open. */
export async function openStore(config: Pick<CentralConfig, 'dataDir' | 'databaseUrl'>, o: PostgresStoreOptions = {}): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl, o);
  fs.mkdirSync(config.dataDir, { recursive: true });
  return new SqliteStore(path.join(config.dataDir, 'central.sqlite'));
}
