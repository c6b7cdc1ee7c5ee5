import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import { SyncErrorSchema } from '../../shared/sync/errors';
import { UploadCreateResponseSchema, UPLOAD_CONTENT_TYPE } from '../../shared/sync/uploads';
import { encodePack, PackResponseSchema, PACK_MAX_BLOBS, UPLOAD_PACK_CONTENT_TYPE, type PackEntry } from '../../shared/sync/upload-pack';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { SMALL_UPLOAD_LIMITS } from '../testing/fixtures';

/** Upload packs (protocol 1.5): several small attachments, each whole, in one request — on both backends. */

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const entry = (bytes: Uint8Array, mime: PackEntry['mime'] = 'image/jpeg'): PackEntry => ({ sha256: sha(bytes), size: bytes.byteLength, mime });

describeBackends('upload packs ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  beforeEach(async () => {
    h = await Harness.create(backend, { limits: SMALL_UPLOAD_LIMITS });
    s = await h.enroll('TOWN01');
  });
  afterEach(() => h?.close());

  const send = (body: Uint8Array, o: { st?: TestStation; protocol?: string; type?: string } = {}) =>
    h.inject({
      method: 'POST',
      url: `/v1/uploads/pack?protocol=${o.protocol ?? PROTOCOL_VERSION}`,
      headers: { ...(o.st ?? s).headers, 'content-type': o.type ?? UPLOAD_PACK_CONTENT_TYPE },
      payload: Buffer.from(body),
    });
  const pack = (...blobs: Uint8Array[]) => encodePack(blobs.map((bytes) => ({ entry: entry(bytes), bytes })));
  const held = async (bytes: Uint8Array) => (await h.store.blobBySha(sha(bytes))) !== null;
  const readBack = async (bytes: Uint8Array) => {
    const r = await h.app.inject({ method: 'GET', url: `/v1/admin/blobs/${sha(bytes)}`, headers: { authorization: `Bearer ${await h.signIns.token('reviewer')}` } });
    return r.statusCode === 200 ? r.rawPayload : null;
  };

  it('stores every blob of a pack whole, answers in the index order, and a repeated pack stores nothing twice', async () => {
    const blobs = [randomBytes(20 * 1024), randomBytes(1), randomBytes(30 * 1024)];
    const first = await send(pack(...blobs));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(PackResponseSchema.parse(first.body).results).toEqual(blobs.map((b) => ({ sha256: sha(b), status: 'stored' })));
    for (const b of blobs) expect(await held(b)).toBe(true);
    expect((await readBack(blobs[0]!))?.equals(blobs[0]!)).toBe(true);
    expect((await readBack(blobs[1]!))?.equals(blobs[1]!)).toBe(true);

    // Its answer was lost: the station sends the same pack again, and a create of one of them finds it stored.
    const again = await send(pack(...blobs));
    expect(PackResponseSchema.parse(again.body).results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    const create = await h.inject({ method: 'POST', url: '/v1/uploads', headers: s.headers, payload: { protocol: PROTOCOL_VERSION, sha256: sha(blobs[2]!), size: blobs[2]!.byteLength, mime: 'image/jpeg' } });
    expect(UploadCreateResponseSchema.parse(create.body)).toEqual({ complete: true, sha256: sha(blobs[2]!) });
  });

  it('keeps nothing of a blob whose bytes do not hash to its sha256, and the rest of the pack is stored', async () => {
    const good = randomBytes(10 * 1024);
    const bad = randomBytes(10 * 1024);
    const forged = Buffer.from(bad);
    forged[7] = forged[7]! ^ 0xff;
    const body = encodePack([
      { entry: entry(good), bytes: good },
      { entry: entry(bad), bytes: forged },
    ]);
    const r = await send(body);
    expect(r.status).toBe(200);
    expect(PackResponseSchema.parse(r.body).results).toEqual([
      { sha256: sha(good), status: 'stored' },
      { sha256: sha(bad), status: 'checksum-mismatch' },
    ]);
    expect(await held(good)).toBe(true);
    expect(await held(bad)).toBe(false);
    expect(await readBack(bad)).toBeNull();
  });

  it('finishes an upload of the same bytes left open by a chunked try (its open upload is gone)', async () => {
    const bytes = randomBytes(50 * 1024);
    const c = UploadCreateResponseSchema.parse((await h.inject({ method: 'POST', url: '/v1/uploads', headers: s.headers, payload: { protocol: PROTOCOL_VERSION, ...entry(bytes) } })).body);
    if (c.complete) throw new Error('unexpected');
    const chunk = await h.inject({ method: 'PATCH', url: `/v1/uploads/${c.uploadId}`, headers: { ...s.headers, 'content-type': UPLOAD_CONTENT_TYPE, 'upload-offset': '0' }, payload: bytes.subarray(0, 20 * 1024) });
    expect(chunk.status).toBe(200);
    const r = await send(pack(bytes));
    expect(PackResponseSchema.parse(r.body).results).toEqual([{ sha256: sha(bytes), status: 'stored' }]);
    expect(await held(bytes)).toBe(true);
    expect((await h.inject({ method: 'HEAD', url: `/v1/uploads/${c.uploadId}`, headers: s.headers })).status).toBe(404);
    // A late chunk of the old upload (a reset connection delivered after all) finds nothing to change.
    const late = await h.inject({ method: 'PATCH', url: `/v1/uploads/${c.uploadId}`, headers: { ...s.headers, 'content-type': UPLOAD_CONTENT_TYPE, 'upload-offset': String(20 * 1024) }, payload: bytes.subarray(20 * 1024) });
    expect(late.status).toBe(404);
    expect(await held(bytes)).toBe(true);
  });

  it('refuses a malformed pack naming what is wrong, and stores nothing of it', async () => {
    const a = randomBytes(4 * 1024);
    const b = randomBytes(4 * 1024);
    const refusals: [string, Uint8Array, string][] = [];
    const index = (json: string, rest: Uint8Array) => {
      const i = Buffer.from(json);
      const head = Buffer.alloc(4);
      head.writeUInt32BE(i.byteLength);
      return Buffer.concat([head, i, rest]);
    };
    refusals.push(['too short', Buffer.from([0, 0]), '过短']);
    refusals.push(['index length past the end', index('{"blobs":[]}', Buffer.alloc(0)).subarray(0, 8), '索引长度']);
    refusals.push(['index not JSON', index('{blobs:', a), '不是有效的 JSON']);
    refusals.push(['no blobs', index('{"blobs":[]}', Buffer.alloc(0)), '没有附件']);
    refusals.push(['a mime not allowed', index(JSON.stringify({ blobs: [{ ...entry(a), mime: 'application/x-msdownload' }] }), a), 'blobs.0.mime']);
    refusals.push(['sizes do not add up', index(JSON.stringify({ blobs: [entry(a), entry(b)] }), Buffer.concat([a, b.subarray(1)])), `${8 * 1024} 字节`]);
    refusals.push(['the same blob twice', index(JSON.stringify({ blobs: [entry(a), entry(a)] }), Buffer.concat([a, a])), '两次']);
    const many = Array.from({ length: PACK_MAX_BLOBS + 1 }, () => randomBytes(8));
    refusals.push(['too many blobs', pack(...many), `最多 ${PACK_MAX_BLOBS}`]);
    for (const [what, body, says] of refusals) {
      const r = await send(body);
      expect(r.status, what).toBe(400);
      const e = SyncErrorSchema.parse(r.body);
      expect(e.code, what).toBe('invalid-request');
      expect(e.field, what).toBe('body');
      expect(e.message, what).toContain(says);
    }
    expect(await held(a)).toBe(false);
    expect(await held(b)).toBe(false);
    expect(await held(many[0]!)).toBe(false);
  });

  it('is refused to a station speaking less than 1.5, without credentials, with another content type, and over the size limit', async () => {
    const a = randomBytes(4 * 1024);
    const old = await send(pack(a), { protocol: '1.4' });
    expect(old.status).toBe(400);
    expect(SyncErrorSchema.parse(old.body)).toMatchObject({ code: 'invalid-request', field: 'protocol' });
    expect(SyncErrorSchema.parse(old.body).message).toContain('1.5');
    const anonymous = await h.inject({ method: 'POST', url: `/v1/uploads/pack?protocol=${PROTOCOL_VERSION}`, headers: { 'content-type': UPLOAD_PACK_CONTENT_TYPE }, payload: Buffer.from(pack(a)) });
    expect(anonymous.status).toBe(401);
    const wrongType = await send(pack(a), { type: 'application/octet-stream' });
    expect(wrongType.status).toBe(415);
    // chunkMax is 64 KB here: a pack of 200 KB is refused with a readable 413.
    const big = await send(pack(randomBytes(100 * 1024), randomBytes(100 * 1024)));
    expect(big.status).toBe(413);
    expect(SyncErrorSchema.parse(big.body).code).toBe('payload-too-large');
    expect(await held(a)).toBe(false);
  });
});
