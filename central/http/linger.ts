import type { FastifyInstance } from 'fastify';

export interface LingerOptions {
  /** Bytes of an unread body to read and drop after an early refusal before closing (default 32 MiB). */
  maxBytes?: number;
  /** How long to keep reading it (default 10 s). */
  maxMs?: number;
}

/**
 * A refusal sent before the request's body was read (401/403 from the credential check, 413 over the body limit,
 * 415 …) must reach the client. Fastify answers a body over the limit with `Connection: close` and destroys the
 * socket as soon as the answer is written; a client still sending its body then gets EPIPE/ECONNRESET, and the
 * reset can throw away the 413 it had not read yet — the station saw "connection reset", not the limit.
 *
 * Here the connection stays open after such an answer and the rest of the body is read and dropped (nothing is
 * buffered) — Node does that for a keep-alive connection — up to `maxBytes` or `maxMs`; past that the server
 * half-closes (FIN: the client has long had the answer) and destroys the socket a moment later.
 */
export function installLingeringClose(app: FastifyInstance, o: LingerOptions = {}): void {
  const maxBytes = o.maxBytes ?? 32 * 1024 * 1024;
  const maxMs = o.maxMs ?? 10_000;
  app.addHook('onSend', async (req, reply, payload) => {
    const raw = req.raw;
    if (reply.statusCode < 400 || raw.complete || raw.method === 'GET' || raw.method === 'HEAD') return payload;
    reply.removeHeader('connection');
    const socket = raw.socket as (typeof raw.socket & { end?: unknown }) | undefined;
    // (app.inject's requests have no real socket: nothing to keep open.)
    if (!socket || typeof socket.end !== 'function') return payload;
    let read = 0;
    let closed = false;
    const close = () => {
      if (closed || socket.destroyed) return;
      closed = true;
      socket.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
    };
    const timer = setTimeout(close, maxMs);
    timer.unref();
    raw.on('data', (d: Buffer) => {
      read += d.length;
      if (read > maxBytes) close();
    });
    raw.once('end', () => clearTimeout(timer));
    raw.once('close', () => clearTimeout(timer));
    return payload;
  });
}
