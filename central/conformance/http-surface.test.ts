import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import { SyncErrorSchema } from '../../shared/sync/errors';
import type { OpResult } from '../../shared/sync/push';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { windowPerson } from '../testing/fixtures';

/**
 * The HTTP surface as an attacker or a careless client meets it: credentials checked before a body is read, a
 * readable 413 for a body over the limit (not a reset connection), a field of the wrong type named as such, and
 * op ids that belong to their station.
 */

interface RawAnswer {
  /** The status line and headers, and the body, of the first answer (empty when none came). */
  head: string;
  body: string;
  /** Bytes of the request body written before the answer arrived. */
  sentBeforeAnswer: number;
  /** Bytes of the body written in all. */
  sent: number;
  /** A socket error seen while sending (EPIPE, ECONNRESET), or null. */
  error: string | null;
  /** The server ended the connection (FIN) or it closed. */
  ended: boolean;
}

/**
 * A request over a plain socket: the headers, then (unless `bodyBytes` is 0) the body in 256 KiB pieces. Resolves
 * once the answer is in and the body is sent (a moment later, to see a reset that would follow), when the socket
 * closes, or after `waitMs`.
 */
function rawRequest(port: number, head: string, bodyBytes: number, o: { waitMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const a: RawAnswer = { head: '', body: '', sentBeforeAnswer: -1, sent: 0, error: null, ended: false };
    let text = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const i = text.indexOf('\r\n\r\n');
      a.head = i < 0 ? text : text.slice(0, i);
      a.body = i < 0 ? '' : text.slice(i + 4);
      s.destroy();
      resolve(a);
    };
    const timer = setTimeout(finish, o.waitMs ?? 5_000);
    const answered = () => {
      const i = text.indexOf('\r\n\r\n');
      const len = /content-length:\s*(\d+)/i.exec(text.slice(0, Math.max(i, 0)))?.[1];
      return i >= 0 && len !== undefined && Buffer.byteLength(text.slice(i + 4)) >= Number(len);
    };
    const maybeDone = () => {
      if (answered() && a.sent >= bodyBytes) setTimeout(finish, 300);
    };
    s.on('data', (d) => {
      if (a.sentBeforeAnswer < 0) a.sentBeforeAnswer = a.sent;
      text += d.toString('utf8');
      maybeDone();
    });
    s.on('error', (e) => {
      a.error ??= (e as NodeJS.ErrnoException).code ?? e.message;
    });
    s.on('end', () => {
      a.ended = true;
    });
    s.on('close', finish);
    s.write(head);
    const piece = Buffer.alloc(256 * 1024, 0x20);
    const pump = () => {
      while (a.sent < bodyBytes && !s.destroyed) {
        const n = Math.min(piece.length, bodyBytes - a.sent);
        a.sent += n;
        if (!s.write(n === piece.length ? piece : piece.subarray(0, n))) {
          s.once('drain', pump);
          return;
        }
      }
      maybeDone();
    };
    pump();
  });
}

const json = (body: string) => SyncErrorSchema.parse(JSON.parse(body));

describeBackends('the hardened HTTP surface ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  let port: number;
  beforeEach(async () => {
    h = await Harness.create(backend, { limits: { maxBodyBytes: 1024 * 1024, maxAdminBodyBytes: 2 * 1024 * 1024, chunkMaxBytes: 256 * 1024, maxUploadBytes: 4 * 1024 * 1024 } });
    s = await h.enroll('TOWN01');
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    port = (h.app.server.address() as AddressInfo).port;
  });
  afterEach(() => h?.close());

  it('refuses a request without a valid credential once its headers are in, before reading its body', async () => {
    for (const [path, type] of [
      ['/v1/sync/push', 'application/json'],
      ['/v1/sync/bundles', 'application/vnd.yibao.bundle'],
      ['/v1/uploads/01900000-0000-7000-8000-000000000001', 'application/offset+octet-stream'],
      ['/v1/admin/publish/roster', 'application/json'],
    ] as const) {
      const method = path.startsWith('/v1/uploads/') ? 'PATCH' : 'POST';
      // Headers announcing 200 MB, and not one byte of the body: the answer must come anyway.
      const a = await rawRequest(port, `${method} ${path} HTTP/1.1\r\nHost: central\r\nContent-Type: ${type}\r\nUpload-Offset: 0\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n`, 0, { waitMs: 3_000 });
      expect(a.head, path).toMatch(/^HTTP\/1\.1 401 /);
      expect(json(a.body).code, path).toBe('unauthenticated');
    }
    // A wrong credential likewise.
    const bad = await rawRequest(port, `POST /v1/sync/push HTTP/1.1\r\nHost: central\r\nAuthorization: Bearer ycs1_forged\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n`, 0, { waitMs: 3_000 });
    expect(bad.head).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('answers a body over the limit with a readable 413 and lets the client finish sending (no reset)', async () => {
    const total = 16 * 1024 * 1024;
    const a = await rawRequest(
      port,
      `POST /v1/sync/push HTTP/1.1\r\nHost: central\r\nAuthorization: Bearer ${s.info.credential}\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`,
      total,
      { waitMs: 10_000 },
    );
    expect(a.head).toMatch(/^HTTP\/1\.1 413 /);
    const e = json(a.body);
    expect(e.code).toBe('payload-too-large');
    expect(e.message).toContain(String(1024 * 1024));
    // The answer came before the body was through, and the client could send all of it without a reset.
    expect(a.sentBeforeAnswer).toBeLessThan(total);
    expect(a.error).toBeNull();
    expect(a.sent).toBe(total);
    // The same over fetch (the station's client): the 413 is read, not a network error.
    const r = await fetch(`http://127.0.0.1:${port}/v1/sync/push`, {
      method: 'POST',
      headers: { ...s.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: PROTOCOL_VERSION, stationId: s.id, ops: [], pad: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(r.status).toBe(413);
    expect(SyncErrorSchema.parse(await r.json()).code).toBe('payload-too-large');
  });

  it('does not read on forever: a client that keeps sending after its 413 is cut off, in order (FIN)', async () => {
    const total = 80 * 1024 * 1024;
    const a = await rawRequest(
      port,
      `POST /v1/sync/push HTTP/1.1\r\nHost: central\r\nAuthorization: Bearer ${s.info.credential}\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`,
      total,
      { waitMs: 20_000 },
    );
    expect(a.head).toMatch(/^HTTP\/1\.1 413 /);
    expect(a.ended).toBe(true);
    expect(a.sent).toBeLessThan(total);
  });

  it('names a field of the wrong type as 类型不对 with the type expected, and a missing one as 必填', async () => {
    const at = nowInstant(h.clock);
    const op = { seq: 1, opId: h.newId(), kind: 'person.registered', caseId: null, payload: {}, baseVersion: null, createdAt: at };
    const post = (body: unknown) => h.inject({ method: 'POST', url: '/v1/sync/push', headers: s.headers, payload: body as object });
    const wrong = await post({ protocol: PROTOCOL_VERSION, stationId: s.id, ops: [{ ...op, seq: '1' }] });
    expect(wrong.status).toBe(400);
    const e = SyncErrorSchema.parse(wrong.body);
    expect(e.field).toBe('ops.0.seq');
    expect(e.message).toContain('序号');
    expect(e.message).toContain('类型不对');
    expect(e.message).toMatch(/应为(整数|数字)/);
    expect(e.message).not.toContain('必填');
    const missing = await post({ protocol: PROTOCOL_VERSION, stationId: s.id, ops: [{ ...op, seq: undefined }] });
    expect(SyncErrorSchema.parse(missing.body)).toMatchObject({ field: 'ops.0.seq' });
    expect(SyncErrorSchema.parse(missing.body).message).toContain('必填');
    const list = await post({ protocol: PROTOCOL_VERSION, stationId: s.id, ops: 'none' });
    expect(SyncErrorSchema.parse(list.body).message).toContain('类型不对（应为列表）');
  });

  it('scopes op ids per station: another station’s op with a known op id is its own op, answered with its own outcome', async () => {
    const other = await h.enroll('TOWN02');
    const at = nowInstant(h.clock);
    const mine = s.op('person.registered', null, { person: windowPerson(h.newId(), 1, at) }, null);
    expect((await s.pushOk([mine])).results.map((r) => r.status)).toEqual(['applied']);
    // TOWN02 sends an op under the same op id (chance, a copied outbox, or an attacker fishing for outcomes).
    const theirs = { ...other.op('case.withdraw', h.newId(), { nonsense: true }, 1), opId: mine.opId };
    const r = await other.pushOk([theirs]);
    const result = r.results[0] as OpResult;
    // Its own op, decided on its own: not "duplicate" carrying TOWN01's outcome.
    expect(result.status).toBe('rejected');
    expect(r.lastSeq).toBe(1);
    const again = await other.pushOk([theirs]);
    expect(again.results[0]).toMatchObject({ status: 'duplicate', original: 'rejected' });
    // Within one station an op id is still one op: sent again under a new seq it is a duplicate of the first.
    const resend = { ...s.op('person.registered', null, { person: windowPerson(h.newId(), 2, at) }, null), opId: mine.opId };
    expect((await s.pushOk([resend])).results[0]).toMatchObject({ status: 'duplicate', original: 'applied' });
  });
});
