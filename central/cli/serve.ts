import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../app';
import { configFromEnv, type CentralConfig } from '../config';
import { createContext } from '../services/context';
import { pruneChanges } from '../services/retention';
import { openStore } from '../store/open';
import { randomSecret } from '../util/hash';
import { intOption, say } from './context';

/** The admin token from CENTRAL_ADMIN_TOKEN, else the one kept in <dataDir>/admin-token (made on first start). */
function adminToken(config: CentralConfig): { token: string; from: string } {
  if (config.adminToken) return { token: config.adminToken, from: 'CENTRAL_ADMIN_TOKEN' };
  const file = path.join(config.dataDir, 'admin-token');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${randomSecret(24)}\n`, { mode: 0o600, flag: 'wx' });
  }
  return { token: fs.readFileSync(file, 'utf8').trim(), from: file };
}

/** `serve [--host H] [--port P]`: the central server, until SIGINT/SIGTERM. */
export async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { host: { type: 'string' }, port: { type: 'string' } } });
  const base = configFromEnv(process.env);
  const port = intOption(values.port, '--port');
  const partial: CentralConfig = { ...base, ...(values.host ? { host: values.host } : {}), ...(port !== undefined ? { port } : {}) };
  const admin = adminToken(partial);
  const config: CentralConfig = { ...partial, adminToken: admin.token };
  const store = await openStore(config);
  const ctx = await createContext(store, config);
  const app = buildApp(ctx);
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  say(`医保中心同步服务已启动：http://${host}:${actualPort}/v1/health`);
  say(`  存储：${store.kind === 'postgres' ? 'PostgreSQL（DATABASE_URL）' : `SQLite ${path.join(config.dataDir, 'central.sqlite')}`}`);
  say(`  数据目录：${config.dataDir}`);
  say(`  后台管理令牌：${admin.from === 'CENTRAL_ADMIN_TOKEN' ? '来自环境变量 CENTRAL_ADMIN_TOKEN' : `见文件 ${admin.from}`}`);

  let timer: NodeJS.Timeout | null = null;
  if (config.retention.pruneEveryMs) {
    timer = setInterval(() => {
      pruneChanges(ctx).catch((err: unknown) => app.log.error({ err }, 'pruning the change log failed'));
    }, config.retention.pruneEveryMs);
    timer.unref();
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  if (timer) clearInterval(timer);
  say('正在停止…');
  await app.close();
  await store.close();
}
