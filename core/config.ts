import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Where the station keeps its data and whom it talks to. From the environment (serve mode, tests) or
 * passed in by the Electron shell (which uses its userData folder).
 *
 *   YIBAO_DATA_DIR     data directory (default: ~/.yibao-workstation)
 *   YIBAO_PORT         serve mode: port on 127.0.0.1 (default 5780; 0 = any free port)
 *   YIBAO_SQLITE_BINDING  a better-sqlite3 binding built for Electron (set by the Electron shell in development)
 */
export const ConfigSchema = z.strictObject({
  dataDir: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  sqliteBinding: z.string().nullable(),
});
export type Config = z.infer<typeof ConfigSchema>;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return ConfigSchema.parse({
    dataDir: resolve(env.YIBAO_DATA_DIR ?? join(homedir(), '.yibao-workstation')),
    port: env.YIBAO_PORT !== undefined ? Number(env.YIBAO_PORT) : 5780,
    sqliteBinding: env.YIBAO_SQLITE_BINDING && env.YIBAO_SQLITE_BINDING !== '' ? env.YIBAO_SQLITE_BINDING : null,
  });
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'station.sqlite');
}
