import fs from 'node:fs';
import { randomFillSync } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createUuidV7Generator } from '../../shared/ids';
import { epochFromInstant } from '../../shared/time';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import type { EnrollResponse } from '../../shared/sync/stations';
import { buildApp } from '../app';
import { defaultConfig, type CentralConfig } from '../config';
import { createContext, type CentralContext } from '../services/context';
import type { Store } from '../store/types';
import { tempDir, type Backend } from './backends';
import { TestStation, type Reply } from './station';
import { TestSignIns, accountForRoute, type TestAccount } from './back-office';

export const REGION = '371002';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}


/** A central server on a fresh store, driven in-process through app.inject (or listening, when a test needs a socket). */
export class Harness {
  readonly newId = createUuidV7Generator(Date.now, (b) => randomFillSync(b));

  private constructor(
    readonly ctx: CentralContext,
    readonly app: FastifyInstance,
    readonly store: Store,
    readonly clock: TestClock,
    readonly dataDir: string,
    /** The named back-office accounts (one per role) and their sign-ins. */
    readonly signIns: TestSignIns,
  ) {}

  static async create(backend: Backend, config: Partial<CentralConfig> = {}): Promise<Harness> {
    const dataDir = tempDir();
    const store = await backend.open(dataDir);
    const clock = new TestClock(epochFromInstant('2026-05-20T09:00:00.000+08:00'));
    const ctx = await createContext(store, defaultConfig({ dataDir, logLevel: 'silent', clock, ...config }));
    const app = buildApp(ctx);
    await app.ready();
    const signIns = new TestSignIns(ctx);
    await signIns.seed();
    return new Harness(ctx, app, store, clock, dataDir, signIns);
  }

  async inject<T = unknown>(opts: InjectOptions): Promise<Reply<T>> {
    const res = await this.app.inject(opts);
    const type = String(res.headers['content-type'] ?? '');
    return { status: res.statusCode, headers: res.headers, body: (type.includes('json') && res.body !== '' ? JSON.parse(res.body) : res.body) as T };
  }

  /** A back-office request, signed in as the named account whose role the route needs (or as `who`). */
  async admin<T = unknown>(method: 'GET' | 'POST', url: string, body?: unknown, who: TestAccount = accountForRoute(method, url)): Promise<Reply<T>> {
    const send = async (token: string) => this.inject<T>({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
    const r = await send(await this.signIns.token(who));
    // A test that moved the clock past the sign-in's expiry signs in again, as a person would.
    return r.status === 401 ? send(await this.signIns.token(who, true)) : r;
  }

  /** Issue a code and enroll a station with it. */
  async enroll(stationCode = 'TOWN01', regionCode = REGION): Promise<TestStation> {
    const code = await this.admin<{ code: string }>('POST', `/v1/admin/stations/${stationCode}/codes`, { regionCode });
    if (code.status !== 201) throw new Error(`issue code: ${code.status} ${JSON.stringify(code.body)}`);
    const res = await this.inject<EnrollResponse>({ method: 'POST', url: '/v1/stations/enroll', payload: { protocol: PROTOCOL_VERSION, stationCode, code: code.body.code } });
    if (res.status !== 201) throw new Error(`enroll: ${res.status} ${JSON.stringify(res.body)}`);
    return new TestStation(this, res.body);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.store.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
