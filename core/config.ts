import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Where the station keeps its data and whom it talks to. From the environment (serve mode, tests) or
 * passed in by the Electron shell (which uses its userData folder).
 *
 *   YIBAO_DATA_DIR     data directory (default: ~/.yibao-workstation)
 *   YIBAO_PORT         serve mode: port on 127.0.0.1 (default 5780; 0 = any free port)
 *   YIBAO_SQLITE_BINDING  a better-sqlite3 binding built for Electron (set by the Electron shell in development)
 *   YIBAO_KEY_MODE     serve mode: how the data key is sealed at rest — `keyfile` (default) or `passphrase`
 *   YIBAO_KEY_FILE     serve mode, key-file mode: the key file (default: <data dir>-keys/station.key, beside the data
 *                      directory, never inside it)
 */
export const ConfigSchema = z.strictObject({
  dataDir: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  sqliteBinding: z.string().nullable(),
  keyMode: z.enum(['keyfile', 'passphrase'], { error: 'YIBAO_KEY_MODE 应为 keyfile 或 passphrase' }),
  keyFile: z.string().min(1),
});
export type Config = z.infer<typeof ConfigSchema>;

/** The key file's default place: a folder beside the data directory (`~/.yibao-workstation-keys/station.key`). */
export function defaultKeyFile(dataDir: string): string {
  const dir = resolve(dataDir);
  return join(dirname(dir), `${basename(dir)}-keys`, 'station.key');
}

/** A key file inside the data directory would travel with every copy of it: refused. */
export function keyFileInsideDataDir(keyFile: string, dataDir: string): boolean {
  const rel = relative(resolve(dataDir), resolve(keyFile));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/') && !/^[A-Za-z]:/.test(rel));
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.YIBAO_DATA_DIR ?? join(homedir(), '.yibao-workstation'));
  const keyFile = resolve(env.YIBAO_KEY_FILE && env.YIBAO_KEY_FILE !== '' ? env.YIBAO_KEY_FILE : defaultKeyFile(dataDir));
  if (keyFileInsideDataDir(keyFile, dataDir)) throw new Error(`YIBAO_KEY_FILE（${keyFile}）不能放在数据目录里：密钥文件必须和数据分开存放`);
  return ConfigSchema.parse({
    dataDir,
    keyMode: env.YIBAO_KEY_MODE && env.YIBAO_KEY_MODE !== '' ? env.YIBAO_KEY_MODE : 'keyfile',
    keyFile,
    port: env.YIBAO_PORT !== undefined ? Number(env.YIBAO_PORT) : 5780,
    sqliteBinding: env.YIBAO_SQLITE_BINDING && env.YIBAO_SQLITE_BINDING !== '' ? env.YIBAO_SQLITE_BINDING : null,
  });
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'station.sqlite');
}
