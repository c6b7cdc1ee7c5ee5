import { createHash } from 'node:crypto';
import https from 'node:https';
import type { ClientRequestArgs, OutgoingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import tls from 'node:tls';
import type { CentralTls } from '../../../shared/sync/tls';

/**
 * The station's HTTPS to central when it trusts more than the system's store: an extra CA (a provincial private
 * PKI) or a pinned certificate (the SHA-256 fingerprint entered at connect time).
 *
 * Why node:https and not fetch: Node's fetch is undici, and a custom CA or a check of the peer certificate needs
 * undici's own Agent — the `undici` package as a dependency (the copy inside Node cannot be given options, and a
 * dispatcher from another undici version is not guaranteed to fit Node's fetch). node:https takes `ca` and a
 * connection of our own making, and is already there; what this adds is a small fetch-shaped adapter (the
 * engine's code stays on the fetch API, and tests keep injecting their own fetch).
 *
 * Pinning: the TLS connection is made here, and handed to the request only after central's certificate hashed to
 * the pin — nothing, not even the request line, is written to a server that is not central. A pinned certificate
 * is trusted whoever signed it (a self-signed one included); no other certificate is, whoever signed it. Sessions
 * are not resumed, so every connection shows its certificate.
 */

export const PIN_MISMATCH = 'ERR_TLS_PIN_MISMATCH';

export function certFingerprint(cert: { raw: Buffer }): string {
  return createHash('sha256').update(cert.raw).digest('hex');
}

type TlsWithCaStore = typeof tls & { getCACertificates?: (kind: 'default' | 'system' | 'bundled' | 'extra') => string[] };

/**
 * Whether this Node can read the operating system's certificate store (Node ≥ 22.15 — Electron's utility process):
 * then every https:// request to central goes through centralFetch, trusting that store too. Older Node (serve mode
 * on Node 20) trusts its bundled roots and NODE_EXTRA_CA_CERTS, through the plain fetch.
 */
export function systemStoreAvailable(): boolean {
  return typeof (tls as TlsWithCaStore).getCACertificates === 'function';
}

/** The system's trust store, and the extra CA (if any): what a CA-checked connection trusts. */
function trusted(extraPem: string | null): string[] {
  const t = tls as TlsWithCaStore;
  const base = systemStoreAvailable() ? [...t.getCACertificates!('default'), ...safeSystem(t)] : [...tls.rootCertificates];
  return extraPem ? [...base, extraPem] : base;
}

function safeSystem(t: TlsWithCaStore): string[] {
  try {
    return t.getCACertificates!('system');
  } catch {
    return [];
  }
}

class CentralAgent extends https.Agent {
  constructor(private readonly pin: string | null, ca: string | null) {
    super({ keepAlive: true, ...(ca || systemStoreAvailable() ? { ca: trusted(ca) } : {}), ...(pin ? { maxCachedSessions: 0 } : {}) });
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const pin = this.pin;
    if (pin === null || !callback) return super.createConnection(options, callback);
    let called = false;
    const done = (err: Error | null, s: Duplex) => {
      if (called) return;
      called = true;
      callback(err, s);
    };
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      const got = certFingerprint(socket.getPeerCertificate());
      if (got !== pin) {
        const e = Object.assign(new Error(`central's certificate ${got.slice(0, 16)}… is not the pinned one`), { code: PIN_MISMATCH });
        socket.destroy(e);
        done(e, socket);
        return;
      }
      done(null, socket);
    });
    socket.once('error', (e) => done(e, socket));
    return undefined;
  }
}

/** A fetch for central over HTTPS with an extra CA and/or a pinned certificate. */
export function centralFetch(t: CentralTls): typeof fetch {
  const agent = new CentralAgent(t.pinSha256 ?? null, t.caPem ?? null);
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      if (url.protocol !== 'https:') {
        reject(new Error(`centralFetch is for https URLs, not ${url.protocol}`));
        return;
      }
      const method = init?.method ?? 'GET';
      const req = https.request(url, { method, headers: init?.headers as OutgoingHttpHeaders | undefined, agent, ...(init?.signal ? { signal: init.signal } : {}) }, (res) => {
        const status = res.statusCode ?? 0;
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) for (const x of [v].flat()) headers.append(k, x);
        if (method === 'HEAD' || status === 204 || status === 205 || status === 304) {
          res.resume();
          resolve(new Response(null, { status, headers }));
          return;
        }
        resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, { status, headers }));
      });
      req.on('error', reject);
      const body = init?.body;
      if (body === undefined || body === null) req.end();
      else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
      else reject(new Error('centralFetch sends string or byte bodies only'));
    });
}

/** The TLS reason a request to central failed, in Chinese, or null when it was not about the certificate. */
export function tlsProblem(e: unknown): string | null {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (code === PIN_MISMATCH) return '中心证书的指纹与连接时填写的不符：对方可能不是真正的中心（被冒充），已停止连接。如中心确实更换了证书，请重新连接中心并填写新的指纹';
    if (typeof code === 'string' && /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_)/.test(code)) {
      return `无法验证中心的证书（${code}）：如中心使用本省自建的证书，请在“连接中心”时填写 CA 证书或证书指纹`;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}
