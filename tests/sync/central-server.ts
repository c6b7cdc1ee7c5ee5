import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../central/app';
import { defaultConfig, type CentralConfig } from '../../central/config';
import { createContext } from '../../central/services/context';
import { openStore } from '../../central/store/open';

export const ADMIN = 'system-test-admin-token-0123456789';

/** The reference central server, listening on 127.0.0.1 (embedded SQLite unless a database URL is given). */
export class CentralServer {
  private constructor(
    readonly app: FastifyInstance,
    readonly url: string,
    readonly dataDir: string,
  ) {}

  static async start(overrides: Partial<CentralConfig> = {}): Promise<CentralServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'central-sys-'));
    const config = defaultConfig({ dataDir, adminToken: ADMIN, logLevel: 'silent', port: 0, ...overrides });
    const store = await openStore(config);
    const ctx = await createContext(store, config);
    const app = buildApp(ctx);
    app.addHook('onClose', async () => store.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    return new CentralServer(app, `http://127.0.0.1:${port}`, dataDir);
  }

  async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async issueCode(stationCode: string, regionCode = '371002'): Promise<string> {
    return (await this.admin<{ code: string }>('POST', `/v1/admin/stations/${stationCode}/codes`, { regionCode })).code;
  }

  async stop(): Promise<void> {
    await this.app.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
