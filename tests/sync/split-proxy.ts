import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { prng } from '../../core/testing/generate';

/**
 * A load balancer in front of several central processes, as a province would run them: each request goes to the
 * next process in turn (a station's requests alternate between them), and a push is, with probability
 * `bothRate`, sent to ALL of them at once (a retry that raced the original, a balancer that failed over while the
 * first was still working) — the station gets one of the answers, at random; every answer is kept for the checks.
 */

export interface PushAnswer {
  upstream: number;
  status: number;
  body: unknown;
}

/** A push that reached more than one central process: what each answered. */
export interface FannedPush {
  seqs: number[];
  answers: PushAnswer[];
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

function clean(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
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

export class SplitProxy {
  /** Requests forwarded to each upstream. */
  readonly perUpstream: number[];
  readonly fanned: FannedPush[] = [];
  private next = 0;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly upstreams: readonly string[],
  ) {
    this.perUpstream = upstreams.map(() => 0);
  }

  static async start(upstreams: readonly string[], o: { bothRate: number; seed: number }): Promise<SplitProxy> {
    const rand = prng(o.seed);
    let proxy: SplitProxy | null = null;
    const server = http.createServer((req, res) => {
      void (async () => {
        const p = proxy!;
        const body = await readBody(req);
        const forward = async (i: number) => {
          p.perUpstream[i]! += 1;
          const r = await fetch(`${p.upstreams[i]}${req.url}`, {
            method: req.method,
            headers: clean(req.headers),
            ...(body.length > 0 ? { body } : {}),
          });
          return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
        };
        const isPush = req.method === 'POST' && req.url === '/v1/sync/push';
        const first = p.next++ % p.upstreams.length;
        let answer;
        if (isPush && rand() < o.bothRate) {
          const all = await Promise.all(p.upstreams.map((_, i) => forward((first + i) % p.upstreams.length)));
          const seqs = (JSON.parse(body.toString('utf8')) as { ops: { seq: number }[] }).ops.map((op) => op.seq);
          p.fanned.push({
            seqs,
            answers: all.map((a, k) => ({ upstream: (first + k) % p.upstreams.length, status: a.status, body: a.bytes.length > 0 ? (JSON.parse(a.bytes.toString('utf8')) as unknown) : null })),
          });
          answer = all[Math.floor(rand() * all.length)]!;
        } else {
          answer = await forward(first);
        }
        const headers: Record<string, string> = {};
        answer.headers.forEach((v, k) => {
          if (!HOP_BY_HOP.has(k) && k !== 'content-encoding') headers[k] = v;
        });
        res.writeHead(answer.status, headers);
        res.end(answer.bytes);
      })().catch(() => {
        res.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new SplitProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, upstreams);
    return proxy;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
