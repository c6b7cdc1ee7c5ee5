import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core';
import { newSession, type Session } from '../session';
import { apiError, type ApiResult } from '../../shared/api/errors';

/** Largest JSON request body the API accepts: an 8 MB attachment in base64 plus room. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<{ ok: true; text: string } | { ok: false; status: number; result: ApiResult<never> }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        resolve({ ok: false, status: 413, result: { ok: false, error: apiError('invalid_input', `请求内容过大（超过 ${Math.round(limit / 1024)} KB）`) } });
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
      }
    });
    req.on('error', () => {
      if (!done) {
        done = true;
        resolve({ ok: false, status: 400, result: { ok: false, error: apiError('invalid_input', '请求读取失败') } });
      }
    });
  });
}

/** The header a serve-mode tab names its own session with (a random id the tab made; sessionStorage keeps it). */
export const TAB_SESSION_HEADER = 'x-tab-session';
const TAB_SESSION_RE = /^[A-Za-z0-9_-]{22,64}$/;
/** Sessions kept at most (the least recently used go first). */
const MAX_SESSIONS = 200;

/**
 * `POST /api/<channel>` → the router. The serve token only lets a browser talk to the API; who is signed in is
 * each tab's own session, named by the random id the tab sends in `x-tab-session` — a second browser (or tab)
 * holding the token has a session of its own and must sign in. A request without an id gets a session for that
 * request alone. Replies 200 with `{ok, value | error}` for everything the router answers.
 */
export class HttpApi {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly core: Core) {}

  private sessionFor(req: IncomingMessage): Session {
    const client = `http:${req.socket.remoteAddress ?? 'unknown'}`;
    const given = req.headers[TAB_SESSION_HEADER];
    const id = typeof given === 'string' && TAB_SESSION_RE.test(given) ? given : null;
    if (id === null) return newSession(client);
    let session = this.sessions.get(id);
    if (session) this.sessions.delete(id);
    else session = newSession(client);
    this.sessions.set(id, session);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return session;
  }

  async handle(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: apiError('invalid_input', '只接受 POST 请求') });
      return;
    }
    const ctype = req.headers['content-type'] ?? '';
    if (!ctype.startsWith('application/json')) {
      sendJson(res, 415, { ok: false, error: apiError('invalid_input', '请求格式应为 JSON') });
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body.ok) {
      sendJson(res, body.status, body.result);
      return;
    }
    let input: unknown;
    try {
      input = body.text === '' ? {} : JSON.parse(body.text);
    } catch {
      sendJson(res, 400, { ok: false, error: apiError('invalid_input', '请求内容不是有效的 JSON') });
      return;
    }
    const result = await this.core.router.handle(this.sessionFor(req), channel, input);
    sendJson(res, 200, result);
  }
}
