import { afterEach, beforeEach, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import { SyncErrorSchema } from '../../shared/sync/errors';
import { HealthResponseSchema } from '../../shared/sync/health';
import { EnrollResponseSchema } from '../../shared/sync/stations';
import { describeBackends } from '../testing/backends';
import { Harness, REGION } from '../testing/harness';

const CHINESE = /[\u4e00-\u9fff]/;

describeBackends('enrollment and authentication ($name)', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create(backend);
  });
  afterEach(() => h?.close());

  it('reports health without a credential, naming the storage backend', async () => {
    const r = await h.inject({ method: 'GET', url: '/v1/health' });
    expect(r.status).toBe(200);
    const body = HealthResponseSchema.parse(r.body);
    expect(body.storage).toBe(backend.name);
    expect(body.protocol.version).toBe(PROTOCOL_VERSION);
    expect(body.time).toMatch(/\+08:00$/);
  });

  it('enrolls once with a one-time code; the code cannot be used again', async () => {
    const issued = await h.admin<{ code: string; stationId: string }>('POST', '/v1/admin/stations/TOWN01/codes', { regionCode: REGION, name: '东港区某镇便民服务中心' });
    expect(issued.status).toBe(201);
    const enroll = () => h.inject({ method: 'POST', url: '/v1/stations/enroll', payload: { protocol: PROTOCOL_VERSION, stationCode: 'TOWN01', code: issued.body.code.toLowerCase() } });
    const first = await enroll();
    expect(first.status).toBe(201);
    const info = EnrollResponseSchema.parse(first.body);
    expect(info.stationId).toBe(issued.body.stationId);
    expect(info.regionCode).toBe(REGION);
    expect(info.lastSeq).toBe(0);
    expect(info.credential.length).toBeGreaterThan(40);

    const again = await enroll();
    expect(again.status).toBe(403);
    expect(SyncErrorSchema.parse(again.body).code).toBe('enroll-refused');

    // The credential works; central keeps only its hash.
    const me = await h.inject({ method: 'GET', url: '/v1/stations/me', headers: { authorization: `Bearer ${info.credential}` } });
    expect(me.status).toBe(200);
    const station = await h.store.stationById(info.stationId);
    expect(station?.credentialHash).toMatch(/^[0-9a-f]{64}$/);
    expect(station?.credentialHash).not.toContain(info.credential);
  });

  it('refuses wrong codes, locks after too many, and a new code unlocks', async () => {
    await h.admin('POST', '/v1/admin/stations/TOWN02/codes', { regionCode: REGION });
    const tryCode = (code: string) => h.inject({ method: 'POST', url: '/v1/stations/enroll', payload: { protocol: PROTOCOL_VERSION, stationCode: 'TOWN02', code } });
    for (let i = 0; i < 5; i++) expect((await tryCode('AAAA-AAAA')).status).toBe(403);
    const fresh = await h.admin<{ code: string }>('POST', '/v1/admin/stations/TOWN02/codes', {});
    const unknownStation = await h.inject({ method: 'POST', url: '/v1/stations/enroll', payload: { protocol: PROTOCOL_VERSION, stationCode: 'NOSUCH', code: fresh.body.code } });
    expect(unknownStation.status).toBe(403);
    expect((await tryCode(fresh.body.code)).status).toBe(201);
  });

  it('locks enrollment after the configured number of wrong codes', async () => {
    const issued = await h.admin<{ code: string }>('POST', '/v1/admin/stations/TOWN03/codes', { regionCode: REGION });
    const tryCode = (code: string) => h.inject({ method: 'POST', url: '/v1/stations/enroll', payload: { protocol: PROTOCOL_VERSION, stationCode: 'TOWN03', code } });
    for (let i = 0; i < 5; i++) await tryCode('BBBB-BBBB');
    const locked = await tryCode(issued.body.code);
    expect(locked.status).toBe(403);
    expect(SyncErrorSchema.parse(locked.body).message).toContain('锁定');
  });

  it('an expired code is refused', async () => {
    const issued = await h.admin<{ code: string }>('POST', '/v1/admin/stations/TOWN04/codes', { regionCode: REGION, ttlHours: 1 });
    h.clock.advance(2 * 3_600_000);
    const r = await h.inject({ method: 'POST', url: '/v1/stations/enroll', payload: { protocol: PROTOCOL_VERSION, stationCode: 'TOWN04', code: issued.body.code } });
    expect(r.status).toBe(403);
  });

  it('refuses requests without, or with an unknown, credential (401, Chinese message)', async () => {
    const none = await h.inject({ method: 'GET', url: '/v1/sync/pull' });
    expect(none.status).toBe(401);
    const e = SyncErrorSchema.parse(none.body);
    expect(e.code).toBe('unauthenticated');
    expect(e.message).toMatch(CHINESE);
    const bogus = await h.inject({ method: 'GET', url: '/v1/sync/pull', headers: { authorization: 'Bearer ycs1_not-a-real-credential' } });
    expect(bogus.status).toBe(401);
    expect(SyncErrorSchema.parse(bogus.body).code).toBe('unauthenticated');
  });

  it('a revoked station is refused with 403; re-enrolling keeps its id and lastSeq', async () => {
    const s = await h.enroll('TOWN05');
    const person = s.op('person.registered', null, { person: (await import('../testing/fixtures')).windowPerson(h.newId(), 1, '2026-05-20T09:00:00.000+08:00') }, null);
    expect((await s.pushOk([person])).lastSeq).toBe(1);

    const revoked = await h.admin<{ state: string }>('POST', '/v1/admin/stations/TOWN05/revoke', {});
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    const refused = await s.pull();
    expect(refused.status).toBe(403);
    const e = SyncErrorSchema.parse(refused.body);
    expect(e.code).toBe('station-revoked');
    expect(e.message).toMatch(CHINESE);

    const code = await h.admin<{ code: string }>('POST', '/v1/admin/stations/TOWN05/codes', {});
    const again = await h.inject({ method: 'POST', url: '/v1/stations/enroll', payload: { protocol: PROTOCOL_VERSION, stationCode: 'TOWN05', code: code.body.code } });
    expect(again.status).toBe(201);
    const info = EnrollResponseSchema.parse(again.body);
    expect(info.stationId).toBe(s.id);
    expect(info.lastSeq).toBe(1);
    // The old credential stays dead; the new one works.
    expect((await s.pull()).status).toBe(401);
    expect((await h.inject({ method: 'GET', url: '/v1/stations/me', headers: { authorization: `Bearer ${info.credential}` } })).status).toBe(200);
  });

  it('refuses a push naming another station', async () => {
    const a = await h.enroll('TOWN06');
    const b = await h.enroll('TOWN07');
    const r = await a.push([a.op('person.registered', null, {}, null)], b.id);
    expect(r.status).toBe(403);
    expect(SyncErrorSchema.parse(r.body).code).toBe('station-mismatch');
  });

  it('guards the back office with a signed-in account, not a station credential', async () => {
    const s = await h.enroll('TOWN08');
    expect((await h.inject({ method: 'GET', url: '/v1/admin/stations' })).status).toBe(401);
    expect((await h.inject({ method: 'GET', url: '/v1/admin/stations', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await h.inject({ method: 'GET', url: '/v1/admin/stations', headers: s.headers })).status).toBe(401);
    // A signed-in account without the administrator role may not either.
    expect((await h.inject({ method: 'GET', url: '/v1/admin/stations', headers: { authorization: `Bearer ${await h.signIns.token('reviewer')}` } })).status).toBe(403);
    const ok = await h.inject<{ stations: { stationCode: string }[] }>({ method: 'GET', url: '/v1/admin/stations', headers: { authorization: `Bearer ${await h.signIns.token('administrator')}` } });
    expect(ok.body.stations.map((x) => x.stationCode)).toEqual(['TOWN08']);
  });

  it('speaks older minors and refuses newer minors and other majors', async () => {
    const s = await h.enroll('TOWN09');
    const op = s.op('person.registered', null, {}, null);
    const body = (protocol: string) => ({ protocol, stationId: s.id, ops: [op] });
    const newer = await h.inject({ method: 'POST', url: '/v1/sync/push', headers: s.headers, payload: body('1.99') });
    expect(newer.status).toBe(400);
    expect(SyncErrorSchema.parse(newer.body).code).toBe('protocol-unsupported');
    const major = await h.inject({ method: 'GET', url: '/v1/sync/pull?protocol=2.0', headers: s.headers });
    expect(major.status).toBe(400);
    expect(SyncErrorSchema.parse(major.body).message).toMatch(CHINESE);
    const current = await h.inject({ method: 'POST', url: '/v1/sync/push', headers: s.headers, payload: body('1.0') });
    expect(current.status).toBe(200);
  });
});

describeBackends('request log ($name)', (backend) => {
  it('logs every request once, with the station id', async () => {
    const lines: string[] = [];
    const h = await Harness.create(backend, { logLevel: 'info', logStream: { write: (l: string) => void lines.push(l) } });
    try {
      const s = await h.enroll('TOWN10');
      await s.pull();
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.msg === 'request');
      const pull = entries.find((e) => e.route === '/v1/sync/pull');
      expect(pull?.stationId).toBe(s.id);
      expect(pull?.statusCode).toBe(200);
      expect(lines.join('\n')).not.toContain(s.info.credential);
    } finally {
      await h.close();
    }
  });
});
