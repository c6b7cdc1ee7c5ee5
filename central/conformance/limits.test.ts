import { afterEach, beforeEach, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import { SyncErrorSchema } from '../../shared/sync/errors';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';

const CHINESE = /[\u4e00-\u9fff]/;

describeBackends('request limits and malformed requests ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  beforeEach(async () => {
    h = await Harness.create(backend, { limits: { maxBodyBytes: 64 * 1024, maxAdminBodyBytes: 256 * 1024, chunkMaxBytes: 32 * 1024, maxUploadBytes: 1024 * 1024 } });
    s = await h.enroll('TOWN01');
  });
  afterEach(() => h?.close());

  const post = (payload: string, type = 'application/json') =>
    h.inject({ method: 'POST', url: '/v1/sync/push', headers: { ...s.headers, 'content-type': type }, payload });

  it('refuses a body over the limit with 413', async () => {
    const big = JSON.stringify({ protocol: PROTOCOL_VERSION, stationId: s.id, ops: [], pad: 'x'.repeat(70 * 1024) });
    const r = await post(big);
    expect(r.status).toBe(413);
    const e = SyncErrorSchema.parse(r.body);
    expect(e.code).toBe('payload-too-large');
    expect(e.message).toMatch(CHINESE);
    expect(e.message).toContain(String(64 * 1024));
  });

  it('refuses malformed JSON with 400 naming the problem and where', async () => {
    const r = await post('{"protocol": "1.0", "ops": [1, 2,, 3]}');
    expect(r.status).toBe(400);
    const e = SyncErrorSchema.parse(r.body);
    expect(e.code).toBe('bad-json');
    expect(e.message).toContain('不是合法的 JSON');
    expect(e.message).toContain("第 1 行第 34 列：意外的字符“,”");
    const empty = await post('');
    expect(empty.status).toBe(400);
    expect(SyncErrorSchema.parse(empty.body).message).toContain('为空');
  });

  it('refuses other content types with 415', async () => {
    const r = await post('protocol=1.0', 'application/x-www-form-urlencoded');
    expect(r.status).toBe(415);
    expect(SyncErrorSchema.parse(r.body).code).toBe('unsupported-media-type');
  });

  it('names the offending field of a request that breaks the schema, in Chinese', async () => {
    const op = { seq: 1, opId: 'nope', kind: 'person.registered', caseId: null, payload: {}, baseVersion: null, createdAt: '2026-05-20T09:00:00.000+08:00' };
    const r = await post(JSON.stringify({ protocol: PROTOCOL_VERSION, stationId: s.id, ops: [op] }));
    expect(r.status).toBe(400);
    const e = SyncErrorSchema.parse(r.body);
    expect(e.code).toBe('invalid-request');
    expect(e.field).toBe('ops.0.opId');
    expect(e.message).toContain('操作编号');
    expect(e.message).toMatch(CHINESE);
    const extra = await post(JSON.stringify({ protocol: PROTOCOL_VERSION, stationId: s.id, ops: [{ ...op, opId: h.newId() }], extra: 1 }));
    expect(SyncErrorSchema.parse(extra.body).message).toContain('extra');
    const many = await post(JSON.stringify({ protocol: PROTOCOL_VERSION, stationId: s.id, ops: [] }));
    expect(SyncErrorSchema.parse(many.body).message).toContain('至少');
  });

  it('answers unknown routes with a Chinese 404', async () => {
    const r = await h.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(r.status).toBe(404);
    expect(SyncErrorSchema.parse(r.body).message).toContain('没有这个接口');
  });
});
