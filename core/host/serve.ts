import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core';
import { HttpApi, sendJson } from './http-api';
import { serveStatic } from './static-files';
import { apiError } from '../../shared/api/errors';

export interface ServeOptions {
  core: Core;
  /** Folder of the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed token (tests); random by default. */
  token?: string;
}

export interface ServeHandle {
  server: Server;
  port: number;
  token: string;
  /** What to open in a browser: the page plus the session token in the fragment. */
  url: string;
  close(): Promise<void>;
}

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serve mode: the core and the built UI over HTTP on 127.0.0.1 only. The API needs the session token
 * (header `x-session-token`; the event stream takes it as `?token=`), requests whose Host is not this
 * loopback address are refused (DNS rebinding), and no CORS headers are ever sent.
 */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const api = new HttpApi(options.core);
  let port = options.port;
  const streams = new Set<ServerResponse>();

  const unsubscribe = options.core.ctx.events.subscribe((event, data) => {
    const frame = `event: message\ndata: ${JSON.stringify({ event, data })}\n\n`;
    for (const s of streams) s.write(frame);
  });

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendJson(res, 421, { ok: false, error: apiError('forbidden', '拒绝：只接受本机 127.0.0.1 的访问') });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/events') {
        if (!tokenMatches(url.searchParams.get('token') ?? undefined, token)) {
          sendJson(res, 401, { ok: false, error: apiError('not_signed_in', '会话令牌无效') });
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      const given = req.headers['x-session-token'];
      if (!tokenMatches(typeof given === 'string' ? given : undefined, token)) {
        sendJson(res, 401, { ok: false, error: apiError('not_signed_in', '会话令牌无效，请用启动时显示的地址打开') });
        return;
      }
      await api.handle(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(options.rendererDir, url.pathname, res);
  };

  const server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => {
      console.error('serve: request failed', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: apiError('internal', '系统内部错误') });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
