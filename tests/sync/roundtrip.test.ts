import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { sampleFormOn } from '../../core/testing/seed';
import { materialsFor } from '../../shared/cases/materials';
import type { Session } from '../../core/session';
import { CentralServer } from './central-server';
import { SyncEngine } from '../../core/features/sync/engine';

/**
 * A station and the reference central server talking over HTTP on 127.0.0.1: enrollment, push with
 * attachments, central review flowing back by pull, the 补正 round, completion with a payout.
 */
let central: CentralServer;
let st: TestStation;
let clerk: Session;
let personId: string;

beforeEach(async () => {
  central = await CentralServer.start();
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1952-04-05', 21), name: '周桂英' })).id;
});
afterEach(async () => {
  st?.cleanup();
  await central?.stop();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function claim() {
  const ctx = st.core.ctx;
  const item = ctx.catalog.get('outpatient_reimbursement')!;
  const form = sampleFormOn(item, '2026-11-23');
  const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
  const v = await st.call(clerk, 'cases.intake', { itemCode: item.code, personId, form, materialsReceived: received });
  const att = await st.call(clerk, 'attachments.add', { caseId: v.case.id, version: v.case.version, materialCode: received[0]!, fileName: '发票.png', mime: 'image/png', dataBase64: PNG.toString('base64') });
  return { caseId: v.case.id, version: att.caseVersion };
}

async function enrollment() {
  const item = st.core.ctx.catalog.get('resident_enrollment')!;
  const form = sampleFormOn(item, '2026-11-23');
  const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
  const v = await st.call(clerk, 'cases.intake', { itemCode: item.code, personId, form, materialsReceived: received });
  return { caseId: v.case.id };
}

describe('scheduling', () => {
  it('notices within seconds when the link comes back, and syncs on its own', async () => {
    const sup = await st.as('supervisor');
    await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
    let linkUp = false;
    const link: typeof fetch = async (url, init) => {
      if (!linkUp) throw new TypeError('fetch failed: no route to host');
      return fetch(url, init);
    };
    const engine = new SyncEngine(st.core.ctx, { fetch: link, reconnectProbeMs: 100, debounceMs: 50, intervalMs: 60_000, backoff: { attempts: 1, baseMs: 10_000, maxMs: 60_000 } });
    engine.start();
    try {
      await claim();
      // The change triggers a run (debounced) that finds no link.
      const until = async (cond: () => boolean, ms: number) => {
        const end = Date.now() + ms;
        while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
        return cond();
      };
      expect(await until(() => engine.status().online === false, 3_000)).toBe(true);
      linkUp = true;
      // Backoff alone would wait ≥ 5 s; the reconnect probe finds central well before that.
      expect(await until(() => st.core.ctx.repos.outbox.pendingCount() === 0, 2_000)).toBe(true);
      expect(engine.status().online).toBe(true);
    } finally {
      engine.stop();
      await engine.idle();
    }
  });
});

describe('station ⇄ central', () => {
  it('enrolls, pushes a case with its attachment exactly once, and takes back the review: returned → corrected → approved → completed with payout', async () => {
    const sup = await st.as('supervisor');
    const badCode = await st.callRaw(sup, 'sync.enroll', { centralUrl: central.url, code: 'WRONG1' });
    expect(badCode).toMatchObject({ ok: false, error: { field: 'code' } });
    const enrolled = await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
    expect(enrolled.status).toMatchObject({ configured: true, online: true });

    const { caseId } = await claim();
    expect((await st.call(clerk, 'sync.status', {})).status.pending).toBeGreaterThan(0);
    const run = await st.call(clerk, 'sync.now', {});
    expect(run).toMatchObject({ ok: true, status: { pending: 0, online: true } });
    expect(run.pushed?.uploaded).toBe(1);

    let view = await st.call(clerk, 'cases.get', { caseId });
    expect(view.case.status).toBe('submitted');
    expect(view.case.syncState).toBe('synced');
    const held = await central.admin<{ status: string; attachments?: { sha256: string }[] }>('GET', `/v1/admin/cases/${caseId}`);
    expect(held.status).toBe('submitted');
    // The attachment arrived whole: central's blob hashes to what the station holds.
    const sha = createHash('sha256').update(PNG).digest('hex');
    // The station's file is encrypted on disk: read back through the station's blobs, it is the scan.
    const blob = st.core.ctx.blobs.read(join(st.dir, 'attachments', sha.slice(0, 2), sha));
    expect(createHash('sha256').update(blob).digest('hex')).toBe(sha);
    const centralBlob = await fetch(`${central.url}/v1/admin/blobs/${sha}`, { headers: await central.adminHeaders('GET', `/v1/admin/blobs/${sha}`) });
    expect(centralBlob.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await centralBlob.arrayBuffer())).digest('hex')).toBe(sha);

    // Back office returns it with a note; the station learns it on the next sync.
    // Returned by the signed-in reviewer account (李审核): the station shows who did it.
    await central.admin('POST', `/v1/admin/cases/${caseId}/return`, { note: '发票金额与费用清单不符，请核对' });
    await st.call(clerk, 'sync.now', {});
    view = await st.call(clerk, 'cases.get', { caseId });
    expect(view.case.status).toBe('returned');
    expect(view.central.note).toBe('发票金额与费用清单不符，请核对');
    expect(view.events.at(-1)).toMatchObject({ kind: 'return', actorName: '李审核', actorRole: 'central' });

    // Corrected and sent again as an amendment; central takes it; approved; completed with a payout.
    const fixed = await st.call(clerk, 'cases.resubmit', { caseId, version: view.case.version, reason: '已核对发票金额，更正第2张发票' });
    expect(fixed.case.status).toBe('accepted');
    await st.call(clerk, 'sync.now', {});
    expect((await st.call(clerk, 'cases.get', { caseId })).case.status).toBe('submitted');
    await central.admin('POST', `/v1/admin/cases/${caseId}/approve`, { note: null });
    await central.admin('POST', `/v1/admin/cases/${caseId}/complete`, { payoutFen: 98_765, note: '已打款' });
    await st.call(clerk, 'sync.now', {});
    view = await st.call(clerk, 'cases.get', { caseId });
    expect(view.case.status).toBe('completed');
    expect(view.central.payoutFen).toBe(98_765);
    expect(view.events.map((e) => e.kind)).toEqual(['created', 'accept', 'attachment_added', 'mark_submitted', 'return', 'resubmit', 'mark_submitted', 'approve', 'complete']);

    // Everything went up exactly once: central holds one case, the station's outbox is empty.
    const list = await central.admin<{ cases: { caseId: string }[] }>('GET', '/v1/admin/cases?stationCode=TOWN01');
    expect(list.cases.filter((c) => c.caseId === caseId)).toHaveLength(1);
    expect(st.core.ctx.repos.outbox.pendingCount()).toBe(0);
  });

  it('a refused op is recorded on its case with the reason, and the queue goes on', async () => {
    const sup = await st.as('supervisor');
    await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
    // The same person enrolled twice for the same year (the window does not know; central does): the second
    // enrollment is refused, the rest goes on.
    const first = await enrollment();
    const other = await enrollment();
    await st.call(clerk, 'sync.now', {});
    const a = await st.call(clerk, 'cases.get', { caseId: first.caseId });
    const b = await st.call(clerk, 'cases.get', { caseId: other.caseId });
    expect(a.case.status).toBe('submitted');
    expect(b.case.syncState).toBe('rejected');
    expect(b.case.syncError).toMatch(/不能重复参保/);
    expect(b.events.some((e) => e.kind === 'sync_rejected')).toBe(true);
    const s = await st.call(clerk, 'sync.status', {});
    expect(s.status.pending).toBe(0);
    expect(s.rejected[0]).toMatchObject({ caseId: other.caseId, code: 'duplicate-enrollment' });
    expect(s.status.rejectedCases).toBe(1);
  });

  it('reports offline when central cannot be reached, keeping every change for later', async () => {
    const sup = await st.as('supervisor');
    await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
    await central.app.close();
    await claim();
    const run = await st.call(clerk, 'sync.now', {});
    expect(run.ok).toBe(false);
    expect(run.status.online).toBe(false);
    expect(run.error).toMatch(/连接/);
    expect(run.status.pending).toBeGreaterThan(0);
  });
});

describe('central’s decision, heard first in the answer to one of the station’s ops', () => {
  it('still brings each step, its decider, note and payout: the answer says the status, the pull the rest', async () => {
    const sup = await st.as('supervisor');
    await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
    const { caseId } = await claim();
    await st.call(clerk, 'sync.now', {});
    await central.admin('POST', `/v1/admin/cases/${caseId}/approve`, { note: null });
    await central.admin('POST', `/v1/admin/cases/${caseId}/complete`, { payoutFen: 12_345, note: '已打款至社保卡' });

    // Before the station hears of it, the window files the resident's bank slip with the case.
    const before = await st.call(clerk, 'cases.get', { caseId });
    expect(before.case.status).toBe('submitted');
    await st.call(clerk, 'attachments.add', { caseId, version: before.case.version, fileName: '银行回单.png', mime: 'image/png', dataBase64: Buffer.concat([PNG, Buffer.from('slip')]).toString('base64') });
    expect((await st.call(clerk, 'sync.now', {})).ok).toBe(true);

    const view = await st.call(clerk, 'cases.get', { caseId });
    expect(view.case.status).toBe('completed');
    expect(view.central).toMatchObject({ payoutFen: 12_345, note: '已打款至社保卡' });
    // Every step central took is in the history, each with who took it and what they said, once.
    const central_ = view.events.filter((e) => e.actorRole === 'central').map((e) => [e.kind, e.actorName, e.reason]);
    expect(central_).toEqual([
      ['approve', expect.not.stringMatching(/^中心系统$/), null],
      ['complete', expect.not.stringMatching(/^中心系统$/), '已打款至社保卡'],
    ]);
  });

  it('with the pull lost to the link, the answer alone moves the case; the next round brings the payout and note', async () => {
    let pullsDown = false;
    const link: typeof fetch = async (url, init) => {
      if (pullsDown && String(url).includes('/v1/sync/pull')) throw new TypeError('fetch failed: link dropped');
      return fetch(url, init);
    };
    const engine = new SyncEngine(st.core.ctx, { fetch: link, backoff: { attempts: 1, baseMs: 1, maxMs: 1 } });
    await engine.enroll(central.url, await central.issueCode('TOWN01'));
    const { caseId } = await claim();
    expect((await engine.syncNow()).ok).toBe(true);
    await central.admin('POST', `/v1/admin/cases/${caseId}/approve`, { note: null });
    await central.admin('POST', `/v1/admin/cases/${caseId}/complete`, { payoutFen: 12_345, note: '已打款至社保卡' });
    const before = await st.call(clerk, 'cases.get', { caseId });
    await st.call(clerk, 'attachments.add', { caseId, version: before.case.version, fileName: '银行回单.png', mime: 'image/png', dataBase64: Buffer.concat([PNG, Buffer.from('slip')]).toString('base64') });

    pullsDown = true;
    expect((await engine.syncNow()).ok).toBe(false);
    let view = await st.call(clerk, 'cases.get', { caseId });
    expect(view.case.status).toBe('completed');
    expect(view.central.payoutFen).toBeNull();

    pullsDown = false;
    expect((await engine.syncNow()).ok).toBe(true);
    view = await st.call(clerk, 'cases.get', { caseId });
    expect(view.central).toMatchObject({ payoutFen: 12_345, note: '已打款至社保卡' });
    expect(view.events.filter((e) => e.kind === 'complete')).toHaveLength(1);
  });
});
