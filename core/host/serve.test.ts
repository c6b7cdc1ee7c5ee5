import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestStation, TEST_PASSWORD, type TestStation } from '../testing/fixtures';
import { startServe, type ServeHandle } from './serve';
import { TAB_SESSION_HEADER } from './http-api';

let st: TestStation;
let serve: ServeHandle;
let rendererDir: string;

beforeEach(async () => {
  st = await createTestStation();
  await st.as('clerk');
  rendererDir = mkdtempSync(join(tmpdir(), 'yibao-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>工作站</title>');
  serve = await startServe({ core: st.core, rendererDir, port: 0 });
});
afterEach(async () => {
  await serve.close();
  st.cleanup();
  rmSync(rendererDir, { recursive: true, force: true });
});

function http(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: serve.port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${serve.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  http({ method: 'POST', path: `/api/${channel}`, headers: { 'content-type': 'application/json', 'x-session-token': serve.token, ...headers }, body: JSON.stringify(body) });

describe('serve mode', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    expect(serve.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${serve.port}/#token=[A-Za-z0-9_-]{32}$`));
    expect(serve.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('serves the UI with the strict CSP and no CORS headers', async () => {
    const r = await http({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('工作站');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect((await http({ path: '/../../etc/passwd' })).body).not.toContain('root:');
  });

  it('answers the API with the session token; each tab signs in on its own', async () => {
    const tabA = { [TAB_SESSION_HEADER]: 'tab-a-0123456789abcdefghijkl' };
    const tabB = { [TAB_SESSION_HEADER]: 'tab-b-0123456789abcdefghijkl' };
    const body = async (channel: string, input: unknown, headers: Record<string, string> = {}) => JSON.parse((await api(channel, input, headers)).body);
    expect(await body('queue.counts', {}, tabA)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await body('auth.signIn', { username: 'clerk1', password: TEST_PASSWORD }, tabA)).toMatchObject({ ok: true, value: { user: { role: 'clerk' } } });
    expect(await body('queue.counts', {}, tabA)).toMatchObject({ ok: true });
    // A second browser (or tab) holding the same serve token inherits nobody: it must sign in itself.
    expect(await body('auth.me', {}, tabB)).toEqual({ ok: true, value: { user: null, session: null } });
    expect(await body('queue.counts', {}, tabB)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await body('persons.search', { q: '张' }, tabB)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    // Nor does a request that names no tab, or names one with a malformed id.
    expect(await body('queue.counts', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await body('queue.counts', {}, { [TAB_SESSION_HEADER]: 'short' })).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    // Signing out in tab A ends tab A's session only.
    expect(await body('auth.signIn', { username: 'clerk1', password: TEST_PASSWORD }, tabB)).toMatchObject({ ok: true });
    expect(await body('auth.signOut', {}, tabA)).toMatchObject({ ok: true });
    expect(await body('queue.counts', {}, tabA)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await body('queue.counts', {}, tabB)).toMatchObject({ ok: true });
  });

  it('refuses a missing or wrong token, another Host, bad JSON, wrong content type and oversized bodies', async () => {
    expect((await api('setup.status', {}, { 'x-session-token': 'nope' })).status).toBe(401);
    const noToken = await http({ method: 'POST', path: '/api/setup.status', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    expect((await api('setup.status', {}, { host: 'evil.example:80' })).status).toBe(421);
    expect((await api('setup.status', {}, { host: `localhost:${serve.port}` })).status).toBe(200);
    const bad = await http({ method: 'POST', path: '/api/setup.status', headers: { 'content-type': 'application/json', 'x-session-token': serve.token }, body: '{oops' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toContain('JSON');
    const text = await http({ method: 'POST', path: '/api/setup.status', headers: { 'content-type': 'text/plain', 'x-session-token': serve.token }, body: '{}' });
    expect(text.status).toBe(415);
    const big = await http({ method: 'POST', path: '/api/setup.status', headers: { 'content-type': 'application/json', 'x-session-token': serve.token }, body: Buffer.alloc(13 * 1024 * 1024, 32) });
    expect(big.status).toBe(413);
  });

  it('streams events to a client holding the token', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: serve.port, path: `/api/events?token=${serve.token}`, headers: { host: `127.0.0.1:${serve.port}` } }, (res) => {
        let buf = '';
        res.on('data', (d: Buffer) => {
          buf += d.toString();
          if (buf.includes('connected')) st.core.ctx.events.emit('cases.changed', { caseIds: ['abc'] });
          if (buf.includes('cases.changed')) {
            req.destroy();
            resolve(buf);
          }
        });
      });
      req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(got).toContain('"event":"cases.changed"');
    expect(got).toContain('"caseIds":["abc"]');
  });
});
