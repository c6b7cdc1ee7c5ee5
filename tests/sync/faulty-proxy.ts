import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { prng } from '../../core/testing/generate';

/**
 * A faulty link: an HTTP proxy on 127.0.0.1 in front of central that, per request and at random (seeded, so a
 * run can be repeated), drops the connection before forwarding, resets the socket in the middle of the request
 * body (central sees a cut body) or of the response body (central has done the work, the station never hears
 * of it), delays, answers 500 or 503 itself, or forwards the request TWICE and returns one of the two answers
 * (the idempotency of push, upload create and chunk PATCH).
 */

export const FAULTS = ['drop', 'reset-request', 'reset-response', 'delay', 'error-500', 'error-503', 'duplicate'] as const;
export type Fault = (typeof FAULTS)[number];

/** Probability of each fault per request; the rest pass untouched. */
export type FaultRates = Record<Fault, number>;

export const DEFAULT_RATES: FaultRates = {
  drop: 0.03,
  'reset-request': 0.03,
  'reset-response': 0.04,
  delay: 0.04,
  'error-500': 0.03,
  'error-503': 0.03,
  duplicate: 0.06,
};

/** Which protocol call a request is, for the statistics. */
export function routeOf(method: string, url: string): string {
  const path = url.split('?')[0]!;
  if (path === '/v1/uploads/pack') return `${method} ${path}`;
  if (path.startsWith('/v1/uploads/')) return `${method} /v1/uploads/:id`;
  return `${method} ${path}`;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

function cleanHeaders(h: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(h)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

/**
 * An override that gives the first requests of some calls a fault of your choice, in order (null: pass), then
 * leaves the rest to the dice — so every fault is sure to hit the calls that matter, whatever the seed.
 */
export function scriptFaults(script: Record<string, readonly (Fault | null)[]>): (method: string, url: string) => Fault | null | undefined {
  const seen = new Map<string, number>();
  return (method, url) => {
    const route = routeOf(method, url);
    const list = script[route];
    if (!list) return undefined;
    const n = seen.get(route) ?? 0;
    seen.set(route, n + 1);
    return n < list.length ? list[n] : undefined;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ProxyOptions {
  seed: number;
  rates?: Partial<FaultRates>;
  /** Longest injected delay (ms). */
  maxDelayMs?: number;
  /**
   * A slow link: every request that reaches central waits a random 0 … latencyMs first (its own dice, so the
   * faults a seed gives stay the same). Default 0.
   */
  latencyMs?: number;
}

export class FaultyProxy {
  /** Faults injected, by fault and protocol call ("duplicate POST /v1/sync/push" → 3). */
  readonly injected = new Map<string, number>();
  /** Requests seen (all, faulty or not). */
  requests = 0;
  /** Central's own answers by call and status ("POST /v1/uploads 500" → 2): central itself must never fail. */
  readonly upstream = new Map<string, number>();
  /** Sees every request as it arrives (method, url, headers, body). */
  observe: ((method: string, url: string, headers: IncomingHttpHeaders, body: Buffer) => void) | null = null;
  /** When false the link is clean (enrollment, final checks). */
  enabled = true;
  /** Force a fault for a request (tests that need one at a precise moment); undefined: the dice decide. */
  override: ((method: string, url: string) => Fault | null | undefined) | null = null;

  private readonly rand: () => number;
  private readonly rates: FaultRates;
  private readonly maxDelayMs: number;
  private readonly latencyMs: number;
  private readonly latencyRand: () => number;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: http.Server,
    private readonly target: URL,
    o: ProxyOptions,
  ) {
    this.rand = prng(o.seed);
    this.rates = { ...DEFAULT_RATES, ...o.rates };
    this.maxDelayMs = o.maxDelayMs ?? 300;
    this.latencyMs = o.latencyMs ?? 0;
    this.latencyRand = prng(o.seed + 7919);
    server.on('request', (req, res) => void this.handle(req, res));
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(targetUrl: string, o: ProxyOptions): Promise<FaultyProxy> {
    const server = http.createServer({ keepAliveTimeout: 5_000 });
    const proxy = new FaultyProxy(server, new URL(targetUrl), o);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Injected faults of one kind (over all calls, or for one call). */
  count(fault: Fault, route?: string): number {
    let n = 0;
    for (const [k, v] of this.injected) if (k.startsWith(`${fault} `) && (route === undefined || k === `${fault} ${route}`)) n += v;
    return n;
  }

  summary(): string {
    return [...this.injected].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  }

  /** Central's answers with a 5xx status (it must have none: every fault here is the link's). */
  centralFailures(): string[] {
    return [...this.upstream].filter(([k]) => / 5\d\d$/.test(k)).map(([k, v]) => `${k} ×${v}`);
  }

  private pick(): Fault | null {
    let r = this.rand();
    for (const f of FAULTS) {
      r -= this.rates[f];
      if (r < 0) return f;
    }
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests += 1;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      req.socket.destroy();
      return;
    }
    this.observe?.(method, url, req.headers, body);
    const forced = this.override?.(method, url);
    const fault = forced !== undefined ? forced : this.enabled ? this.pick() : null;
    // The dice are thrown for the extras too, always, so the sequence does not depend on the route.
    const extra = this.rand();
    if (fault) {
      const key = `${fault} ${routeOf(method, url)}`;
      this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
    }
    try {
      switch (fault) {
        case 'drop':
          req.socket.destroy();
          return;
        case 'reset-request':
          await this.cutRequest(req, body);
          return;
        case 'error-500':
          res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body><h1>500 Internal Server Error</h1></body></html>');
          return;
        case 'error-503':
          res
            .writeHead(503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ code: 'unavailable', message: '网关繁忙，请稍后重试', retryable: true }));
          return;
        case 'delay':
          await sleep(Math.floor(extra * this.maxDelayMs));
          this.answer(res, await this.forward(req, body));
          return;
        case 'reset-response': {
          const up = await this.forward(req, body);
          res.writeHead(up.status, { ...cleanHeaders(up.headers), 'content-length': String(up.body.length) });
          res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
          await sleep(2);
          req.socket.destroy();
          return;
        }
        case 'duplicate': {
          const both = extra < 0.5 ? await Promise.all([this.forward(req, body), this.forward(req, body)]) : [await this.forward(req, body), await this.forward(req, body)];
          this.answer(res, both[Math.floor(this.rand() * 2)]!);
          return;
        }
        default:
          this.answer(res, await this.forward(req, body));
      }
    } catch {
      // Central unreachable or the upstream connection broke: a gateway error, as a real proxy would say.
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
      else req.socket.destroy();
    }
  }

  private answer(res: ServerResponse, up: Upstream): void {
    res.writeHead(up.status, { ...cleanHeaders(up.headers), 'content-length': String(up.body.length) });
    res.end(up.body);
  }

  private async forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    if (this.latencyMs > 0) await sleep(Math.floor(this.latencyRand() * this.latencyMs));
    return new Promise((resolve, reject) => {
      const up = http.request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: req.method,
          path: req.url,
          headers: { ...cleanHeaders(req.headers), host: this.target.host, 'content-length': String(body.length) },
          agent: this.agent,
        },
        (r) => {
          const parts: Buffer[] = [];
          r.on('data', (d: Buffer) => parts.push(d));
          r.on('end', () => {
            const key = `${routeOf(req.method ?? 'GET', req.url ?? '/')} ${r.statusCode}`;
            this.upstream.set(key, (this.upstream.get(key) ?? 0) + 1);
            resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(parts) });
          });
          r.on('error', reject);
        },
      );
      up.on('error', reject);
      up.end(body);
    });
  }

  /** Send the headers and half the body to central, then break both connections. */
  private async cutRequest(req: IncomingMessage, body: Buffer): Promise<void> {
    const up = http.request({
      host: this.target.hostname,
      port: this.target.port,
      method: req.method,
      path: req.url,
      headers: { ...cleanHeaders(req.headers), host: this.target.host, 'content-length': String(body.length), connection: 'close' },
      agent: false,
    });
    up.on('error', () => undefined);
    up.flushHeaders();
    if (body.length > 1) up.write(body.subarray(0, Math.floor(body.length / 2)));
    await sleep(5);
    up.destroy();
    req.socket.destroy();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
