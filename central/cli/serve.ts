import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../app';
import { configFromEnv, type CentralConfig } from '../config';
import { createContext } from '../services/context';
import { pruneChanges } from '../services/retention';
import { openStore } from '../store/open';
import { intOption, say } from './context';

/** `serve [--host H] [--port P]`: the central server, until SIGINT/SIGTERM. */
export async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { host: { type: 'string' }, port: { type: 'string' } } });
  const base = configFromEnv(process.env);
  const port = intOption(values.port, '--port');
  const config: CentralConfig = { ...base, ...(values.host ? { host: values.host } : {}), ...(port !== undefined ? { port } : {}) };
  // A dropped database connection is survived (the pool reconnects; requests meanwhile get 503): logged once each.
  let log: ((e: Error) => void) | null = null;
  const store = await openStore(config, { poolMax: config.databasePoolMax, onConnectionError: (e) => (log ? log(e) : process.stderr.write(`数据库连接中断：${e.message}\n`)) });
  const ctx = await createContext(store, config);
  const app = buildApp(ctx);
  log = (e) => app.log.warn({ err: { message: e.message, code: (e as { code?: unknown }).code } }, 'database connection lost; reconnecting on demand');
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  say(`医保中心同步服务已启动：${config.tls ? 'https' : 'http'}://${host}:${actualPort}/v1/health`);
  if (!config.tls && !['127.0.0.1', '::1', 'localhost'].includes(config.host)) {
    say('  注意：未配置 HTTPS（CENTRAL_TLS_CERT、CENTRAL_TLS_KEY），工作站只接受 https:// 的中心地址：请在前面放置 TLS 代理，或配置证书。');
  }
  say(`  存储：${store.kind === 'postgres' ? 'PostgreSQL（DATABASE_URL）' : `SQLite ${path.join(config.dataDir, 'central.sqlite')}`}`);
  say(`  数据目录：${config.dataDir}`);
  const accounts = await store.backOffice.listAccounts();
  if (!accounts.some((a) => a.state === 'active' && a.roles.includes('administrator'))) {
    say('  后台还没有管理员账号：请在本机执行 npm run central -- account create-admin <用户名> --name <姓名>');
  } else {
    say(`  后台账号：${accounts.filter((a) => a.state === 'active').length} 个（npm run central -- login <用户名>）`);
  }

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
