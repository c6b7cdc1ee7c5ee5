import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../central/app';
import { defaultConfig, type CentralConfig } from '../../central/config';
import { createContext, type CentralContext } from '../../central/services/context';
import type { CaseRow, ChangeRow, OpSeen, StationRow, Store } from '../../central/store/types';
import type { Backend } from '../../central/testing/backends';
import { TestSignIns, accountForRoute } from '../../central/testing/back-office';
import { StoreFacts } from './store-facts';

/**
 * The reference central server on 127.0.0.1 over a store of either backend (central/testing/backends), with
 * direct access to that store for the final checks (the admin case list stops at 500 and has no paging).
 */
export class CentralHost {
  private constructor(
    readonly app: FastifyInstance,
    readonly ctx: CentralContext,
    readonly url: string,
    readonly dataDir: string,
    /** The named back-office accounts the admin calls sign in as. */
    readonly signIns: TestSignIns,
  ) {
    this.facts = new StoreFacts(ctx.store, (sha256) => this.blob(sha256));
  }

  /** Central's stations, cases, op ledger and change feed, read from its store (tests/sync/store-facts.ts). */
  private readonly facts: StoreFacts;

  static async start(backend: Backend, overrides: Partial<CentralConfig> = {}): Promise<CentralHost> {
    const dataDir = mkdtempSync(join(tmpdir(), 'central-sys-'));
    const store = await backend.open(dataDir);
    const config = defaultConfig({ dataDir, logLevel: 'silent', port: 0, ...overrides });
    const ctx = await createContext(store, config);
    const signIns = new TestSignIns(ctx);
    await signIns.seed();
    const app = buildApp(ctx);
    app.addHook('onClose', async () => store.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const scheme = config.tls ? 'https' : 'http';
    return new CentralHost(app, ctx, `${scheme}://127.0.0.1:${(app.server.address() as AddressInfo).port}`, dataDir, signIns);
  }

  get store(): Store {
    return this.ctx.store;
  }

  async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.signIns.token(accountForRoute(method, path))}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** The authorization header of a back-office request, as the named account its route needs. */
  async adminHeaders(method: string, path: string): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.signIns.token(accountForRoute(method, path))}` };
  }

  async issueCode(stationCode: string, regionCode = '371002'): Promise<string> {
    return (await this.admin<{ code: string }>('POST', `/v1/admin/stations/${stationCode}/codes`, { regionCode })).code;
  }

  /** The bytes central serves for an attachment (admin API), or null when it does not hold them. */
  async blob(sha256: string): Promise<Buffer | null> {
    const res = await fetch(`${this.url}/v1/admin/blobs/${sha256}`, { headers: await this.adminHeaders('GET', `/v1/admin/blobs/${sha256}`) });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`GET blob ${sha256}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  station(code: string): Promise<StationRow> {
    return this.facts.station(code);
  }

  /** Every case central holds for a station. */
  cases(stationId: string): Promise<CaseRow[]> {
    return this.facts.cases(stationId);
  }

  /** Central's ledger of a station's ops (seq 1 … lastSeq), as the push path reads it. */
  ops(station: StationRow): Promise<OpSeen[]> {
    return this.facts.ops(station);
  }

  /** Every change a station would pull (its own and its region's), from the start of the log. */
  changesFor(station: StationRow): Promise<ChangeRow[]> {
    return this.facts.changesFor(station);
  }

  async stop(): Promise<void> {
    const closing = this.app.close();
    // A keep-alive connection whose last answer (a streamed blob) finished a moment after the client had all
    // its bytes is not idle when close() looks, and would hold the close for Fastify's 72 s keep-alive.
    this.app.server.closeAllConnections();
    await closing;
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
