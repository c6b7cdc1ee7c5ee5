import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { recomputeChain } from '../../core/testing/audit-tamper';
import type { Session } from '../../core/session';
import { SyncEngine } from '../../core/features/sync/engine';
import { verifyAudit, VERIFIED_KEY } from '../../core/features/audit/verify';
import { CentralServer } from './central-server';

/**
 * The audit head goes to central with every sync run (shared/sync/audit). A station's log with its tail deleted,
 * or rewritten and its chain recomputed (the local checkpoint forged too, so the station's own check passes), is
 * flagged at central; a break the station found itself is reported with the next run.
 */
let central: CentralServer;
let st: TestStation;
let clerk: Session;
let engine: SyncEngine;

beforeEach(async () => {
  central = await CentralServer.start();
  st = await createTestStation();
  clerk = await st.as('clerk');
  engine = new SyncEngine(st.core.ctx, { backoff: { attempts: 1, baseMs: 1, maxMs: 1 } });
  await engine.enroll(central.url, await central.issueCode('TOWN01'));
});
afterEach(async () => {
  st?.cleanup();
  await central?.stop();
});

const head = () => st.core.ctx.repos.audit.head()!;

async function work(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await st.call(clerk, 'persons.search', { q: '审计' });
  await st.call(clerk, 'persons.register', { idNumber: residentId('1960-02-03', Math.floor(Math.random() * 900) + 1), name: '赵审计' });
}

async function centralHead() {
  const id = (await central.store.stationByCode('TOWN01'))!.id;
  return { kept: await central.store.auditHead(id), events: await central.store.auditEvents(id) };
}

describe('the audit head at central', () => {
  it('follows an honest station run after run, unflagged', async () => {
    await work(2);
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    const first = head();
    expect((await centralHead()).kept).toMatchObject({ seq: first.seq, hash: first.hash, flaggedAt: null });
    await work(3);
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect((await centralHead()).kept).toMatchObject({ seq: head().seq, flaggedAt: null });
  });

  it('flags a deleted tail', async () => {
    await work(3);
    await engine.syncNow();
    const seen = head().seq;
    st.core.ctx.db.prepare('DELETE FROM audit_log WHERE id > ?').run(seen - 4);
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    expect((await centralHead()).kept).toMatchObject({ flagReason: 'truncated' });
  });

  it('flags a log rewritten with its chain recomputed, even with the local checkpoint forged to match', async () => {
    await work(3);
    await engine.syncNow();
    verifyAudit(st.core.ctx, 'incremental', null);
    const db = st.core.ctx.db;
    db.prepare(`UPDATE audit_log SET actor_name = 'forged' WHERE id = 5`).run();
    recomputeChain(db);
    const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    st.core.ctx.repos.settings.set(VERIFIED_KEY, JSON.stringify({ id: last.id, hash: last.hash, at: '2026-11-23T09:00:00.000+08:00' }));
    // The station itself sees nothing wrong now …
    expect(verifyAudit(st.core.ctx, 'incremental', null)).toMatchObject({ ok: true });
    expect(verifyAudit(st.core.ctx, 'full', null)).toMatchObject({ ok: true });
    // … but central kept the head it saw before.
    await work(1);
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    const { kept, events } = await centralHead();
    expect(kept).toMatchObject({ flagReason: 'rewritten' });
    expect(events.map((e) => e.kind)).toEqual(['flagged']);
  });

  it('reports a break the station found with the next run', async () => {
    await work(2);
    await engine.syncNow();
    const sup = await st.as('supervisor');
    st.core.ctx.db.prepare(`UPDATE audit_log SET detail = '{"forged":true}' WHERE id = 4`).run();
    const verified = await st.call(sup, 'audit.verify', {});
    expect(verified).toMatchObject({ ok: false, brokenAt: 4, status: { breaks: [{ seq: 4, reported: false }] } });
    expect(await engine.syncNow()).toMatchObject({ ok: true });
    const { kept, events } = await centralHead();
    expect(kept).toMatchObject({ flagReason: 'break-reported' });
    expect(events.map((e) => e.kind)).toEqual(['break_reported', 'flagged']);
    expect((await st.call(sup, 'audit.status', {})).breaks).toEqual([expect.objectContaining({ seq: 4, reported: true })]);
  });
});

describe('system actions carry the user who caused them', () => {
  it('enrolling and exporting a bundle name the user; the export lists the persons it carries', async () => {
    const sup = await st.as('supervisor');
    await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
    const enrolled = st.core.ctx.db.prepare("SELECT actor_id FROM audit_log WHERE action = 'sync.enroll' ORDER BY id DESC LIMIT 1").get() as { actor_id: string };
    expect(enrolled.actor_id).toBe(sup.user!.id);
    const person = await st.call(clerk, 'persons.register', { idNumber: residentId('1961-04-05', 77), name: '钱导出' });
    const r = await st.callRaw(clerk, 'sync.exportBundle', {});
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const row = st.core.ctx.db.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'bundle.export' ORDER BY id DESC LIMIT 1").get() as { actor_id: string; detail: string };
    expect(row.actor_id).toBe(clerk.user!.id);
    expect((JSON.parse(row.detail) as { personIds: string[] }).personIds).toContain(person.id);
  });
});
