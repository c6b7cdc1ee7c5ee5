import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import { SyncErrorSchema } from '../../shared/sync/errors';
import { UploadCreateResponseSchema, UploadPatchResponseSchema, UPLOAD_CONTENT_TYPE } from '../../shared/sync/uploads';
import type { AttachmentRef } from '../../shared/sync/ops';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { enrollmentForm, SMALL_UPLOAD_LIMITS, windowPerson } from '../testing/fixtures';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describeBackends('attachments ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  beforeEach(async () => {
    h = await Harness.create(backend, { limits: SMALL_UPLOAD_LIMITS });
    s = await h.enroll('TOWN01');
  });
  afterEach(() => h?.close());

  const create = (bytes: Uint8Array, st = s, mime = 'image/jpeg') =>
    h.inject({ method: 'POST', url: '/v1/uploads', headers: st.headers, payload: { protocol: PROTOCOL_VERSION, sha256: sha(bytes), size: bytes.byteLength, mime } });
  const patch = (id: string, offset: number, chunk: Uint8Array, st = s) =>
    h.inject({ method: 'PATCH', url: `/v1/uploads/${id}`, headers: { ...st.headers, 'content-type': UPLOAD_CONTENT_TYPE, 'upload-offset': String(offset) }, payload: Buffer.from(chunk) });

  async function upload(bytes: Uint8Array, chunk = 64 * 1024): Promise<void> {
    const c = UploadCreateResponseSchema.parse((await create(bytes)).body);
    if (c.complete) return;
    for (let off = c.offset; off < bytes.byteLength; off += chunk) {
      const r = await patch(c.uploadId, off, bytes.subarray(off, off + chunk));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  }

  it('holds an op back while its attachment is missing, applies it once uploaded', async () => {
    const bytes = randomBytes(150 * 1024);
    const ref: AttachmentRef = { sha256: sha(bytes), size: bytes.byteLength, mime: 'image/jpeg', materialCode: 'valid_id', fileName: '身份证.jpg' };
    const person = windowPerson(h.newId(), 1, nowInstant(h.clock));
    const reg = s.op('person.registered', null, { person }, null);
    const c = s.newCase('resident_enrollment', 'enrollment', person.id, enrollmentForm(), ['valid_id']);
    const created = s.caseOp('case.created', null, c, { attachments: [ref] });
    const accept = s.caseOp('case.accept', c, s.next(c, { status: 'accepted' }), { attachments: [ref] });

    const first = await s.pushOk([reg, created, accept]);
    expect(first.lastSeq).toBe(1);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'blocked']);
    const blocked = first.results[1]!;
    expect(blocked.status === 'blocked' && blocked.code).toBe('attachment-missing');
    expect(blocked.status === 'blocked' && blocked.retryable).toBe(true);
    expect(blocked.status === 'blocked' && blocked.missing).toEqual([ref.sha256]);
    expect(await h.store.caseById(c.id)).toBeNull();

    await upload(bytes);
    const again = await s.pushOk([created, accept]);
    expect(again.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(again.lastSeq).toBe(3);
    const row = await h.store.caseById(c.id);
    expect(row?.status).toBe('submitted');
    expect(row?.attachments).toEqual([ref]);

    // The back office reads the stored bytes.
    const blob = await h.inject({ method: 'GET', url: `/v1/admin/blobs/${ref.sha256}`, headers: { authorization: `Bearer ${await h.signIns.token('reviewer')}` } });
    expect(blob.status).toBe(200);
    expect(blob.headers['content-type']).toBe('image/jpeg');
  });

  it('files a document added after the decision with the case (归档), leaving the decision and materials as they were', async () => {
    const scan = randomBytes(2048);
    const signature = randomBytes(1024);
    const ref = (b: Uint8Array, fileName: string, materialCode: string | null): AttachmentRef => ({ sha256: sha(b), size: b.byteLength, mime: 'image/png', materialCode, fileName });
    const first = ref(scan, '身份证.png', 'valid_id');
    await upload(scan);
    const person = windowPerson(h.newId(), 1, nowInstant(h.clock));
    const c = s.newCase('resident_enrollment', 'enrollment', person.id, enrollmentForm(), ['valid_id']);
    const accepted = s.next(c, { status: 'accepted' });
    await s.pushOk([s.op('person.registered', null, { person }, null), s.caseOp('case.created', null, c), s.caseOp('case.accept', c, accepted, { attachments: [first] })]);
    expect((await h.admin('POST', `/v1/admin/cases/${c.id}/approve`, {})).status).toBe(200);
    const decided = (await h.store.caseById(c.id))!;
    expect(decided).toMatchObject({ status: 'approved', centralVersion: 3 });

    // The receipt, signed after the decision: held back until its file is uploaded, then filed.
    const later = s.next(accepted, { materials: accepted.materials.map((m) => ({ ...m, received: false })) });
    const late = s.caseOp('case.attachment_added', accepted, later, { attachments: [first, ref(signature, 'signature-receipt-applicant.png', null)] });
    expect((await s.pushOk([late])).results[0]).toMatchObject({ status: 'blocked', code: 'attachment-missing', missing: [sha(signature)] });
    await upload(signature);
    const res = await s.pushOk([late]);
    expect(res.results[0]).toMatchObject({ status: 'applied', case: { caseId: c.id, status: 'approved', centralVersion: 3 } });
    const filed = (await h.store.caseById(c.id))!;
    expect(filed).toMatchObject({ status: 'approved', centralVersion: 3, stationVersion: later.version, decidedAt: decided.decidedAt, decidedBy: decided.decidedBy });
    expect(filed.attachments.map((a) => a.sha256)).toEqual([sha(scan), sha(signature)]);
    // What central decided on stays: a station's later materials (here: all un-ticked) do not replace it.
    expect(filed.snapshot.materials).toEqual(decided.snapshot.materials);
    // Filing is not news for the station: no status change in the feed.
    expect((await s.pullAll()).changes.flatMap((x) => (x.kind === 'case.status' && x.data.caseId === c.id ? [x.data.status] : []))).toEqual(['submitted', 'approved']);

    // A case the station withdrew before central had it takes nothing more.
    const d = s.newCase('resident_enrollment', 'enrollment', person.id, enrollmentForm(), ['valid_id']);
    const w = s.next(d, { status: 'withdrawn' });
    await s.pushOk([s.caseOp('case.created', null, d), s.caseOp('case.withdraw', d, w, { reason: '群众不办了' })]);
    const onWithdrawn = await s.pushOk([s.caseOp('case.attachment_added', w, s.next(w, {}), { attachments: [first] })]);
    expect(onWithdrawn.results[0]).toMatchObject({ status: 'rejected', code: 'illegal-transition' });
    expect((await h.store.caseById(d.id))?.attachments).toEqual([]);
  });

  it('answers complete for bytes central already holds, and resumes an open upload', async () => {
    const bytes = randomBytes(100 * 1024);
    const c1 = UploadCreateResponseSchema.parse((await create(bytes)).body);
    expect(c1.complete).toBe(false);
    if (c1.complete) return;
    expect((await patch(c1.uploadId, 0, bytes.subarray(0, 64 * 1024))).status).toBe(200);
    const c2 = UploadCreateResponseSchema.parse((await create(bytes)).body);
    expect(c2).toMatchObject({ complete: false, uploadId: c1.uploadId, offset: 64 * 1024 });
    const last = await patch(c1.uploadId, 64 * 1024, bytes.subarray(64 * 1024));
    expect(UploadPatchResponseSchema.parse(last.body)).toEqual({ uploadId: c1.uploadId, offset: bytes.byteLength, complete: true });
    const c3 = UploadCreateResponseSchema.parse((await create(bytes)).body);
    expect(c3).toEqual({ complete: true, sha256: sha(bytes) });
    // Another station benefits too (content addressing).
    const other = await h.enroll('TOWN02');
    expect(UploadCreateResponseSchema.parse((await create(bytes, other)).body).complete).toBe(true);
  });

  it('refuses a chunk at the wrong offset with 409 and the real offset', async () => {
    const bytes = randomBytes(80 * 1024);
    const c = UploadCreateResponseSchema.parse((await create(bytes)).body);
    if (c.complete) throw new Error('unexpected');
    await patch(c.uploadId, 0, bytes.subarray(0, 40 * 1024));
    const wrong = await patch(c.uploadId, 10, bytes.subarray(10, 20));
    expect(wrong.status).toBe(409);
    expect(wrong.headers['upload-offset']).toBe(String(40 * 1024));
    const e = SyncErrorSchema.parse(wrong.body);
    expect(e.code).toBe('offset-mismatch');
    expect(e.offset).toBe(40 * 1024);
    const head = await h.inject({ method: 'HEAD', url: `/v1/uploads/${c.uploadId}`, headers: s.headers });
    expect(head.status).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(40 * 1024));
    expect(head.headers['upload-length']).toBe(String(80 * 1024));
  });

  it('refuses bytes that do not hash to the declared sha256, and the upload starts over', async () => {
    const bytes = randomBytes(10 * 1024);
    const c = UploadCreateResponseSchema.parse((await create(bytes)).body);
    if (c.complete) throw new Error('unexpected');
    const forged = Buffer.from(bytes);
    forged[5] = forged[5]! ^ 0xff;
    const r = await patch(c.uploadId, 0, forged);
    expect(r.status).toBe(422);
    expect(SyncErrorSchema.parse(r.body).code).toBe('checksum-mismatch');
    expect(await h.store.blobBySha(sha(bytes))).toBeNull();
    const head = await h.inject({ method: 'HEAD', url: `/v1/uploads/${c.uploadId}`, headers: s.headers });
    expect(head.headers['upload-offset']).toBe('0');
    expect((await patch(c.uploadId, 0, bytes)).status).toBe(200);
    expect(await h.store.blobBySha(sha(bytes))).not.toBeNull();
  });

  it('limits chunk and attachment sizes, and keeps uploads to their station', async () => {
    const big = await h.inject({ method: 'POST', url: '/v1/uploads', headers: s.headers, payload: { protocol: PROTOCOL_VERSION, sha256: 'a'.repeat(64), size: 2 * 1024 * 1024, mime: 'application/pdf' } });
    expect(big.status).toBe(413);
    expect(SyncErrorSchema.parse(big.body).code).toBe('payload-too-large');
    const exe = await h.inject({ method: 'POST', url: '/v1/uploads', headers: s.headers, payload: { protocol: PROTOCOL_VERSION, sha256: 'a'.repeat(64), size: 10, mime: 'application/x-msdownload' } });
    expect(exe.status).toBe(400);

    const bytes = randomBytes(200 * 1024);
    const c = UploadCreateResponseSchema.parse((await create(bytes)).body);
    if (c.complete) throw new Error('unexpected');
    expect(c.chunkMax).toBe(64 * 1024);
    const tooBig = await patch(c.uploadId, 0, bytes.subarray(0, 100 * 1024));
    expect(tooBig.status).toBe(413);
    const small = await patch(c.uploadId, 0, bytes.subarray(0, 10));
    expect(small.status).toBe(200);
    const tiny = randomBytes(10);
    const t = UploadCreateResponseSchema.parse((await create(tiny)).body);
    if (t.complete) throw new Error('unexpected');
    const overflow = await patch(t.uploadId, 0, randomBytes(20));
    expect(overflow.status).toBe(400);
    expect(SyncErrorSchema.parse(overflow.body).message).toContain('声明的附件大小');
    const other = await h.enroll('TOWN02');
    expect((await patch(c.uploadId, 10, bytes.subarray(10, 20), other)).status).toBe(404);
    expect((await h.inject({ method: 'HEAD', url: `/v1/uploads/${c.uploadId}`, headers: other.headers })).status).toBe(404);
    const wrongType = await h.inject({ method: 'PATCH', url: `/v1/uploads/${c.uploadId}`, headers: { ...s.headers, 'content-type': 'application/octet-stream', 'upload-offset': '10' }, payload: Buffer.from('xx') });
    expect(wrongType.status).toBe(415);
  });

  it('resumes after a connection drops mid-chunk (real socket): HEAD tells where to continue', async () => {
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (h.app.server.address() as AddressInfo).port;
    const bytes = randomBytes(150 * 1024);
    const c = UploadCreateResponseSchema.parse((await create(bytes)).body);
    if (c.complete) throw new Error('unexpected');

    const send = (offset: number, chunk: Uint8Array, dropAfter?: number) =>
      new Promise<{ status: number; offset: string | undefined } | 'dropped'>((resolve) => {
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'PATCH',
          path: `/v1/uploads/${c.uploadId}`,
          headers: { ...s.headers, 'content-type': UPLOAD_CONTENT_TYPE, 'upload-offset': String(offset), 'content-length': String(chunk.byteLength) },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, offset: res.headers['upload-offset'] as string | undefined }));
        });
        req.on('error', () => resolve('dropped'));
        if (dropAfter === undefined) {
          req.end(chunk);
        } else {
          req.write(chunk.subarray(0, dropAfter), () => setTimeout(() => req.destroy(), 50));
        }
      });

    const first = await send(0, bytes.subarray(0, 64 * 1024));
    expect(first).toEqual({ status: 200, offset: String(64 * 1024) });
    // The second chunk is cut off half-way: nothing of it counts.
    expect(await send(64 * 1024, bytes.subarray(64 * 1024, 128 * 1024), 20 * 1024)).toBe('dropped');
    const head = await fetch(`http://127.0.0.1:${port}/v1/uploads/${c.uploadId}`, { method: 'HEAD', headers: s.headers });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBe(64 * 1024);
    for (let off = offset; off < bytes.byteLength; off += 64 * 1024) {
      const r = await send(off, bytes.subarray(off, off + 64 * 1024));
      expect(r !== 'dropped' && r.status).toBe(200);
    }
    expect(await h.store.blobBySha(sha(bytes))).not.toBeNull();
  });

  it('works on a limited number of attachment requests at once; the others wait their turn, and one whose station went away leaves', async () => {
    const g = await Harness.create(backend, { uploadConcurrency: 1, limits: SMALL_UPLOAD_LIMITS });
    try {
      const st = await g.enroll('TOWN02');
      await g.app.listen({ host: '127.0.0.1', port: 0 });
      const port = (g.app.server.address() as AddressInfo).port;
      const waitFor = async (want: { active: number; waiting: number }) => {
        while (JSON.stringify(g.ctx.uploadGate.load) !== JSON.stringify(want)) await new Promise((r) => setTimeout(r, 5));
      };
      /** A create carrying the whole scan; with `holdBack`, the last bytes of the body are not sent until asked. */
      const createWith = (bytes: Buffer, holdBack = 0) => {
        const q = new URLSearchParams({ protocol: PROTOCOL_VERSION, sha256: sha(bytes), size: String(bytes.length), mime: 'image/jpeg' });
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/v1/uploads?${q}`, headers: { ...st.headers, 'content-type': UPLOAD_CONTENT_TYPE, 'content-length': String(bytes.length) } });
        const answer = new Promise<number | 'gone'>((resolve) => {
          req.on('response', (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          });
          req.on('error', () => resolve('gone'));
        });
        req.write(bytes.subarray(0, bytes.length - holdBack));
        return { answer, rest: () => req.end(bytes.subarray(bytes.length - holdBack)), drop: () => req.destroy() };
      };
      // The first holds the only place (its body is still coming); the second and third wait for it.
      const first = createWith(randomBytes(3000), 100);
      await waitFor({ active: 1, waiting: 0 });
      const second = createWith(randomBytes(3000));
      const bytes3 = randomBytes(3000);
      const third = createWith(bytes3);
      await waitFor({ active: 1, waiting: 2 });
      // The second's station goes away while it waits: when its turn comes it leaves at once.
      second.drop();
      expect(await second.answer).toBe('gone');
      first.rest();
      expect(await first.answer).toBe(201);
      expect(await third.answer).toBe(201);
      expect(await g.store.blobBySha(sha(bytes3))).not.toBeNull();
      await waitFor({ active: 0, waiting: 0 });
      // Pushes never wait at the gate: one goes through while an attachment request holds the place.
      const holding = createWith(randomBytes(3000), 100);
      await waitFor({ active: 1, waiting: 0 });
      const person = windowPerson(g.newId(), 2, nowInstant(g.clock));
      expect((await st.pushOk([st.op('person.registered', null, { person }, null)])).results.map((r) => r.status)).toEqual(['applied']);
      holding.rest();
      expect(await holding.answer).toBe(201);
      await waitFor({ active: 0, waiting: 0 });
    } finally {
      await g.close();
    }
  });
});
