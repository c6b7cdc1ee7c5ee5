import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { sampleFormOn } from '../../core/testing/seed';
import { materialsFor } from '../../shared/cases/materials';
import { PROTOCOL_MINOR } from '../../shared/sync/version';
import type { Session } from '../../core/session';
import { SyncEngine } from '../../core/features/sync/engine';
import { SyncMetaStore } from '../../core/features/sync/meta';
import { CentralServer } from './central-server';

/**
 * Protocol minors between a station and central (shared/sync/version.ts): the station learns central's minor
 * from GET /v1/health, speaks min(own, central), and writes a one-step intake as one op only when central
 * takes it (1.1). Here a fetch wrapper can make central announce 1.0 — as an older deployed central would.
 */
let central: CentralServer;
let st: TestStation;
let clerk: Session;
let personId: string;
/** The minor central's health answer announces (null: unchanged). */
let announce: number | null;
/** The `protocol` each push request named. */
let pushedAs: string[];

const link: typeof fetch = async (url, init) => {
  const u = String(url);
  if (u.endsWith('/v1/sync/push') && typeof init?.body === 'string') pushedAs.push((JSON.parse(init.body) as { protocol: string }).protocol);
  const res = await fetch(url, init);
  if (announce === null || !u.endsWith('/v1/health')) return res;
  const body = (await res.json()) as { protocol: { version: string; major: number; minor: number } };
  body.protocol = { ...body.protocol, version: `1.${announce}`, minor: announce };
  return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
};

beforeEach(async () => {
  central = await CentralServer.start();
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1950-03-04', 31), name: '孙玉兰' })).id;
  announce = null;
  pushedAs = [];
});
afterEach(async () => {
  st?.cleanup();
  await central?.stop();
});

async function intake(): Promise<string> {
  const item = st.core.ctx.catalog.get('transfer_continuation')!;
  const form = sampleFormOn(item, '2026-11-23');
  const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
  return (await st.call(clerk, 'cases.intake', { itemCode: item.code, personId, form, materialsReceived: received })).case.id;
}

const opsOf = (caseId: string) => st.core.ctx.db.prepare('SELECT kind, base_version AS baseVersion, state FROM outbox WHERE case_id = ? ORDER BY seq').all(caseId);

async function enrolledEngine(): Promise<SyncEngine> {
  const engine = new SyncEngine(st.core.ctx, { fetch: link, backoff: { attempts: 1, baseMs: 1, maxMs: 1 } });
  await engine.enroll(central.url, await central.issueCode('TOWN01'));
  return engine;
}

describe('protocol minors', () => {
  it('a station enrolled with a 1.1 central writes a one-step intake as one op, and central submits the case', async () => {
    const engine = await enrolledEngine();
    expect(new SyncMetaStore(st.core.ctx).centralMinor()).toBe(PROTOCOL_MINOR);
    const caseId = await intake();
    expect(opsOf(caseId)).toEqual([{ kind: 'case.accept', baseVersion: null, state: 'pending' }]);

    const run = await engine.syncNow();
    expect(run).toMatchObject({ ok: true, pushed: { applied: 2, rejected: 0 } }); // person.registered + the intake
    expect(pushedAs).toEqual([`1.${PROTOCOL_MINOR}`]);
    expect((await central.store.caseById(caseId))?.status).toBe('submitted');
    expect(st.core.ctx.repos.cases.byId(caseId)).toMatchObject({ status: 'submitted', syncState: 'synced' });
  });

  it('with a central that speaks 1.0 the station speaks 1.0 and sends the intake as created + accept', async () => {
    announce = 0;
    const engine = await enrolledEngine();
    expect(new SyncMetaStore(st.core.ctx).speaks()).toBe(0);
    const caseId = await intake();
    expect(opsOf(caseId).map((o) => [(o as { kind: string }).kind, (o as { baseVersion: number | null }).baseVersion])).toEqual([
      ['case.created', null],
      ['case.accept', 1],
    ]);
    const run = await engine.syncNow();
    expect(run).toMatchObject({ ok: true, pushed: { applied: 3, rejected: 0 } });
    expect(pushedAs).toEqual(['1.0']);
    expect((await central.store.caseById(caseId))?.status).toBe('submitted');

    // Central upgraded: the next run speaks 1.1, keeps its pull cursor (1.1 brings no new change kinds), and
    // the next intake is one op.
    const state = new SyncMetaStore(st.core.ctx);
    const cursor = state.cursor();
    expect(cursor).not.toBe('0');
    announce = null;
    const second = await intake();
    expect(opsOf(second)).toHaveLength(2); // written while the station still knew central as 1.0
    expect((await engine.syncNow()).ok).toBe(true);
    expect(state.speaks()).toBe(PROTOCOL_MINOR);
    expect(state.cursor()).not.toBe('0');
    expect(opsOf(await intake())).toEqual([{ kind: 'case.accept', baseVersion: null, state: 'pending' }]);
  });

  it('never sends a one-step op to a central that went back to 1.0: sync stops with the reason, nothing is lost', async () => {
    const engine = await enrolledEngine();
    const caseId = await intake();
    announce = 0;
    const run = await engine.syncNow();
    expect(run.ok).toBe(false);
    expect(run.error).toContain('协议版本');
    expect(run.error).toContain('1.1');
    expect(pushedAs).toEqual([]);
    expect(opsOf(caseId)).toEqual([{ kind: 'case.accept', baseVersion: null, state: 'pending' }]);
    expect(await central.store.caseById(caseId)).toBeNull();

    announce = null;
    expect(await engine.syncNow()).toMatchObject({ ok: true, pushed: { applied: 2 } });
    expect((await central.store.caseById(caseId))?.status).toBe('submitted');
  });
});
