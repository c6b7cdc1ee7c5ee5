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

/**
 * `POST /api/<channel>` → the router. One session per serve-mode token (the browser tab that opened
 * the printed URL). Replies 200 with `{ok, value | error}` for everything the router answers.
 */
export class HttpApi {
  private readonly session: Session = newSession();

  constructor(private readonly core: Core) {}

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
    const result = await this.core.router.handle(this.session, channel, input);
    sendJson(res, 200, result);
  }
}
