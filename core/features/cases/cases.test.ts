import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, refusalOf, residentId, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import { sampleFormOn } from '../../testing/seed';
import { materialsFor } from '../../../shared/cases/materials';
import { applyCentralCaseState } from '../sync/apply';
import { SyncMetaStore } from '../sync/meta';
import { intakeCase } from './cases';

let st: TestStation;
let clerk: Session;
let personId: string;

beforeEach(async () => {
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1948-05-06', 17), name: '王秀英' })).id;
});
afterEach(() => st.cleanup());

const item = (code: string) => st.core.ctx.catalog.get(code)!;
const form = (code: string) => sampleFormOn(item(code), '2026-11-23');
const needed = (code: string, proxy = false) => materialsFor(item(code), form(code), proxy).filter((m) => m.needed).map((m) => m.material);
const rows = (sql: string, ...p: unknown[]) => st.core.ctx.db.prepare(sql).all(...p);
const count = (table: string) => (st.core.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('creating and accepting cases', () => {
  it('creates a draft with a human case number and writes event, audit and outbox rows in the same transaction', async () => {
    const before = { events: count('case_events'), audit: count('audit_log'), outbox: count('outbox') };
    const v = await st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId, form: {} });
    expect(v.case.status).toBe('draft');
    expect(v.case.caseNo).toBe('TOWN01-20261123-0001');
    expect(v.case.version).toBe(1);
    expect(count('case_events')).toBe(before.events + 1);
    expect(count('audit_log')).toBe(before.audit + 1);
    expect(count('outbox')).toBe(before.outbox + 1);
    expect(rows('SELECT kind, case_id FROM outbox ORDER BY seq DESC LIMIT 1')).toEqual([{ kind: 'case.created', case_id: v.case.id }]);
  });

  it('accepts a case with complete materials: accepted, sla_due = today + the limit in working days', async () => {
    // transfer_continuation: 15 working days. 2026-11-23 (Mon) + 15 working days = 2026-12-14 (no holidays in between).
    const code = 'transfer_continuation';
    const d = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: form(code) });
    const v = await st.call(clerk, 'cases.accept', { caseId: d.case.id, version: 1, materialsReceived: needed(code).map((m) => m.code) });
    expect(v.case.status).toBe('accepted');
    expect(v.case.slaDue).toBe('2026-12-14');
    expect(v.case.acceptedAt).toBe('2026-11-23T09:00:00.000+08:00');
    expect(v.workingDaysLeft).toBe(15);
    expect(v.events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['created', null, 'draft'],
      ['accept', 'draft', 'accepted'],
    ]);
    expect(v.materials.filter((m) => m.needed).every((m) => m.received)).toBe(true);
  });

  it('one-step intake keeps both steps: two events, two audit rows, two ops (the draft, then the accepted case)', async () => {
    const code = 'transfer_continuation';
    const before = { events: count('case_events'), audit: count('audit_log'), outbox: count('outbox') };
    const v = await st.call(clerk, 'cases.intake', { itemCode: code, personId, form: form(code), materialsReceived: needed(code).map((m) => m.code) });
    expect(v.case.version).toBe(2);
    expect(v.events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['created', null, 'draft'],
      ['accept', 'draft', 'accepted'],
    ]);
    expect(count('case_events')).toBe(before.events + 2);
    expect(count('audit_log')).toBe(before.audit + 2);
    const ops = st.core.ctx.repos.outbox.pending(100).filter((o) => o.caseId === v.case.id);
    expect(ops.map((o) => [o.kind, o.baseVersion, (o.payload as { case: { status: string; version: number } }).case.status, (o.payload as { case: { version: number } }).case.version])).toEqual([
      ['case.created', null, 'draft', 1],
      ['case.accept', 1, 'accepted', 2],
    ]);
    expect(st.core.ctx.repos.cases.byId(v.case.id)).toEqual(v.case);
    expect(st.core.ctx.repos.audit.verify().ok).toBe(true);
  });

  it('one-step intake is ONE op when central speaks 1.1 (the accepted case, no base version); both steps keep their event and audit row', async () => {
    new SyncMetaStore(st.core.ctx).setCentralMinor(1);
    const code = 'transfer_continuation';
    const before = { events: count('case_events'), audit: count('audit_log') };
    const v = await st.call(clerk, 'cases.intake', { itemCode: code, personId, form: form(code), materialsReceived: needed(code).map((m) => m.code) });
    expect(count('case_events')).toBe(before.events + 2);
    expect(count('audit_log')).toBe(before.audit + 2);
    const ops = st.core.ctx.repos.outbox.pending(100).filter((o) => o.caseId === v.case.id);
    expect(ops.map((o) => [o.kind, o.baseVersion, (o.payload as { case: { status: string; version: number } }).case.status, (o.payload as { case: { version: number } }).case.version])).toEqual([
      ['case.accept', null, 'accepted', 2],
    ]);
    // A draft saved first and accepted later is still two ops: only the one-step intake is folded.
    const draft = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: form(code) });
    const accepted = await st.call(clerk, 'cases.accept', { caseId: draft.case.id, version: draft.case.version, materialsReceived: needed(code).map((m) => m.code) });
    expect(st.core.ctx.repos.outbox.pending(100).filter((o) => o.caseId === accepted.case.id).map((o) => [o.kind, o.baseVersion])).toEqual([
      ['case.created', null],
      ['case.accept', 1],
    ]);
  });

  it('an on-the-spot item is due the same day', async () => {
    const code = 'resident_enrollment';
    const v = await st.call(clerk, 'cases.intake', { itemCode: code, personId, form: form(code), materialsReceived: needed(code).map((m) => m.code) });
    expect(v.case.status).toBe('accepted');
    expect(v.case.slaDue).toBe('2026-11-23');
  });

  it('counts the due date over a public holiday (2026 National Day)', async () => {
    st.clock.set('2026-09-28T10:00:00.000+08:00'); // Mon; 1–7 Oct off, 10 Oct (Sat) a make-up working day
    const code = 'outpatient_reimbursement';
    const v = await st.call(clerk, 'cases.intake', { itemCode: code, personId, form: sampleFormOn(item(code), '2026-09-28'), materialsReceived: needed(code).map((m) => m.code) });
    // Working days after 28 Sep: 29, 30 Sep (2), 8, 9, 10(Sat make-up), 12, 13, 14, 15, 16 Oct → the 10th is 16 Oct.
    expect(v.case.slaDue).toBe('2026-10-16');
  });

  it('refuses acceptance when materials are missing and lists everything missing (一次性告知), changing nothing', async () => {
    const code = 'transfer_continuation';
    const d = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: form(code) });
    const before = { events: count('case_events'), outbox: count('outbox'), audit: count('audit_log') };
    const err = await refusalOf(st.call(clerk, 'cases.accept', { caseId: d.case.id, version: 1 }));
    expect(err.code).toBe('materials_missing');
    expect(err.missing?.map((m) => m.code).sort()).toEqual(needed(code).map((m) => m.code).sort());
    expect(err.message).toContain('缺少');
    const again = await st.call(clerk, 'cases.get', { caseId: d.case.id });
    expect(again.case.status).toBe('draft');
    expect(again.case.version).toBe(1);
    // Nothing but the read of the case itself (case.read, one audit row) was written.
    expect({ events: count('case_events'), outbox: count('outbox'), audit: count('audit_log') }).toEqual({ ...before, audit: before.audit + 1 });
    expect(st.core.ctx.db.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get()).toBe('case.read');
  });

  it('容缺: only deferrable materials missing → asks for a promise date, then awaiting_materials with sla_due = promise', async () => {
    const code = 'inpatient_reimbursement';
    const all = needed(code);
    const deferrable = all.filter((m) => m.deferrable).map((m) => m.code);
    expect(deferrable.length).toBeGreaterThan(0);
    const received = all.filter((m) => !m.deferrable).map((m) => m.code);
    const d = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: form(code), materialsReceived: received });
    const ask = await refusalOf(st.call(clerk, 'cases.accept', { caseId: d.case.id, version: 1 }));
    expect(ask.code).toBe('materials_missing');
    expect(ask.field).toBe('promiseDate');
    expect(ask.missing?.every((m) => m.deferrable)).toBe(true);
    // 10 working days after Mon 2026-11-23 (no holidays) = Mon 2026-12-07.
    expect(ask.latestPromiseDate).toBe('2026-12-07');

    const tooLate = await refusalOf(st.call(clerk, 'cases.accept', { caseId: d.case.id, version: 1, promiseDate: '2027-03-01' }));
    expect(tooLate.field).toBe('promiseDate');
    const past = await refusalOf(st.call(clerk, 'cases.accept', { caseId: d.case.id, version: 1, promiseDate: '2026-11-23' }));
    expect(past.field).toBe('promiseDate');

    const v = await st.call(clerk, 'cases.accept', { caseId: d.case.id, version: 1, promiseDate: '2026-11-30' });
    expect(v.case.status).toBe('awaiting_materials');
    expect(v.case.promiseDate).toBe('2026-11-30');
    expect(v.case.slaDue).toBe('2026-11-30');

    // The material arrives three days later: accepted, and the item's clock starts then.
    st.clock.set('2026-11-26T15:00:00.000+08:00');
    const done = await st.call(clerk, 'cases.recordMaterials', { caseId: d.case.id, version: v.case.version, received: deferrable });
    expect(done.case.status).toBe('accepted');
    expect(done.case.promiseDate).toBeNull();
    // 2026-11-26 (Thu) + 10 working days = 2026-12-10.
    expect(done.case.slaDue).toBe('2026-12-10');
    expect(done.events.map((e) => e.kind)).toEqual(['created', 'accept_rongque', 'complete_materials']);
  });

  it('refuses 容缺 when a non-deferrable material is missing (the list names it)', async () => {
    const code = 'inpatient_reimbursement';
    const d = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: form(code) });
    const err = await refusalOf(st.call(clerk, 'cases.accept', { caseId: d.case.id, version: 1, promiseDate: '2026-11-30' }));
    expect(err.code).toBe('materials_missing');
    expect(err.missing?.some((m) => !m.deferrable)).toBe(true);
  });

  it('validates the form at acceptance and names the field; a draft may be incomplete', async () => {
    const code = 'resident_enrollment';
    const d = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: { phone: '13912345678' } });
    const err = await refusalOf(st.call(clerk, 'cases.accept', { caseId: d.case.id, version: 1, materialsReceived: ['valid_id'] }));
    expect(err.code).toBe('invalid_input');
    expect(err.field).toMatch(/^form\./);
    const bad = await refusalOf(st.call(clerk, 'cases.create', { itemCode: code, personId, form: { phone: '12345' } }));
    expect(bad.field).toBe('form.phone');
    expect(bad.message).toContain('电话');
  });

  it('refuses materials that do not belong to the item', async () => {
    const err = await refusalOf(st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId, form: {}, materialsReceived: ['discharge_summary'] }));
    expect(err.field).toBe('materialsReceived');
  });

  it('refuses a stale version (another window changed the case)', async () => {
    const code = 'transfer_continuation';
    const d = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: form(code) });
    await st.call(clerk, 'cases.updateDraft', { caseId: d.case.id, version: 1, materialsReceived: [] });
    const err = await refusalOf(st.call(clerk, 'cases.accept', { caseId: d.case.id, version: 1 }));
    expect(err.code).toBe('conflict');
    expect(err.retryable).toBe(true);
  });

  it('intake refused for missing materials saves nothing at all', async () => {
    const before = { cases: count('cases'), seq: rows('SELECT * FROM case_numbers') };
    const err = await refusalOf(st.call(clerk, 'cases.intake', { itemCode: 'transfer_continuation', personId, form: form('transfer_continuation'), materialsReceived: [] }));
    expect(err.code).toBe('materials_missing');
    expect(count('cases')).toBe(before.cases);
    expect(rows('SELECT * FROM case_numbers')).toEqual(before.seq);
  });
});

describe('an intake told its form was already checked (a batch import)', () => {
  it('checks it again unless the person’s birth date, the day and the catalog item are those it was checked for', () => {
    const code = 'transfer_continuation';
    const input = { itemCode: code, personId, form: { ...form(code), bogus: 'x' }, materialsReceived: needed(code).map((m) => m.code) };
    const checkedFor = { item: item(code), day: '2026-11-23', birthDate: '1948-05-06' };
    const before = count('cases');
    for (const checked of [{ ...checkedFor, day: '2026-11-22' }, { ...checkedFor, birthDate: '1948-05-07' }, { ...checkedFor, item: { ...item(code) } }]) {
      expect(() => intakeCase(st.core.ctx, clerk.user!, input, { checked })).toThrow(/未知字段/);
    }
    expect(count('cases')).toBe(before);
  });
});

describe('proxy handling (帮办代办)', () => {
  it('needs the agent ID and authorisation materials and normalises the agent ID', async () => {
    const helper = await st.as('proxy_helper');
    const code = 'ltc_application';
    const proxy = { name: '李建华', idNumber: residentId('1975-06-01', 35).toLowerCase(), relationship: 'child' as const, authorisationReceived: true };
    const withProxy = needed(code, true).map((m) => m.code);
    expect(withProxy).toEqual(expect.arrayContaining(['agent_id', 'authorisation']));
    const err = await refusalOf(st.call(helper, 'cases.intake', { itemCode: code, personId, form: form(code), proxy, materialsReceived: needed(code).map((m) => m.code) }));
    expect(err.missing?.map((m) => m.code).sort()).toEqual(['agent_id', 'authorisation']);
    const v = await st.call(helper, 'cases.intake', { itemCode: code, personId, form: form(code), proxy, materialsReceived: withProxy });
    expect(v.case.proxy?.name).toBe('李建华');
    expect(v.case.proxy?.idNumber).toBe(proxy.idNumber.toUpperCase());
  });

  it("refuses an agent whose ID number is invalid, naming proxy.idNumber", async () => {
    const err = await refusalOf(
      st.call(clerk, 'cases.create', { itemCode: 'ltc_application', personId, form: {}, proxy: { name: '李建华', idNumber: '110105194912310021', relationship: 'child', authorisationReceived: true } }),
    );
    expect(err.field).toBe('proxy.idNumber');
    expect(err.message).toContain('校验');
  });

  it('refuses a proxy on an item that allows none', async () => {
    const err = await refusalOf(
      st.call(clerk, 'cases.create', { itemCode: 'employer_registration', personId, form: {}, proxy: { name: '李建华', idNumber: residentId('1975-06-01', 35), relationship: 'child', authorisationReceived: true } }),
    );
    expect(err.field).toBe('proxy');
  });
});

describe('withdrawal and roles', () => {
  it('withdraws with a reason; a proxy helper may not withdraw', async () => {
    const code = 'resident_enrollment';
    const v = await st.call(clerk, 'cases.intake', { itemCode: code, personId, form: form(code), materialsReceived: needed(code).map((m) => m.code) });
    const helper = await st.as('proxy_helper');
    const forbidden = await refusalOf(st.call(helper, 'cases.withdraw', { caseId: v.case.id, version: v.case.version, reason: '不办了' }));
    expect(forbidden.code).toBe('forbidden');
    const noReason = await refusalOf(st.call(clerk, 'cases.withdraw', { caseId: v.case.id, version: v.case.version, reason: '  ' }));
    expect(noReason.field).toBe('reason');
    const w = await st.call(clerk, 'cases.withdraw', { caseId: v.case.id, version: v.case.version, reason: '申请人决定暂不参保' });
    expect(w.case.status).toBe('withdrawn');
    expect(w.events.at(-1)?.reason).toBe('申请人决定暂不参保');
    expect(w.actions).toEqual([]);
    const twice = await refusalOf(st.call(clerk, 'cases.withdraw', { caseId: v.case.id, version: w.case.version, reason: '再撤' }));
    expect(twice.code).toBe('illegal_transition');
  });
});

describe('hand-out at the window (出件)', () => {
  it('closes an approved case, recording who collected the result', async () => {
    const code = 'transfer_continuation';
    const v = await st.call(clerk, 'cases.intake', { itemCode: code, personId, form: form(code), materialsReceived: needed(code).map((m) => m.code) });
    // Central approves it (as a pull would bring it).
    st.core.ctx.tx(() => applyCentralCaseState(st.core.ctx, { caseId: v.case.id, centralVersion: 2, status: 'approved', note: '准予转入', decidedBy: '市医保中心' }));
    const approved = await st.call(clerk, 'cases.get', { caseId: v.case.id });
    expect(approved.case.status).toBe('approved');
    expect(approved.actions).toContain('hand_out');
    const bad = await refusalOf(st.call(clerk, 'cases.handOut', { caseId: v.case.id, version: approved.case.version, collector: { name: '王小明', idNumber: '110105194912310021' } }));
    expect(bad.field).toBe('collector.idNumber');
    const done = await st.call(clerk, 'cases.handOut', { caseId: v.case.id, version: approved.case.version, collector: { name: '王小明', idNumber: residentId('1980-02-02', 7), relationship: '儿子' } });
    expect(done.case.status).toBe('completed');
    expect(done.events.at(-1)).toMatchObject({ kind: 'hand_out', data: { collector: { name: '王小明', relationship: '儿子' } } });
    const again = await refusalOf(st.call(clerk, 'cases.handOut', { caseId: v.case.id, version: done.case.version }));
    expect(again.code).toBe('illegal_transition');
  });
});

describe('case numbers', () => {
  it('runs a daily sequence per station and restarts the next day', async () => {
    const a = await st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId, form: {} });
    const b = await st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId, form: {} });
    st.clock.set('2026-11-24T08:30:00.000+08:00');
    const c = await st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId, form: {} });
    expect([a.case.caseNo, b.case.caseNo, c.case.caseNo]).toEqual(['TOWN01-20261123-0001', 'TOWN01-20261123-0002', 'TOWN01-20261124-0001']);
  });

  it('uses the Shanghai date: 23:30 UTC is already the next day', async () => {
    st.clock.set('2026-11-24T07:30:00.000+08:00');
    const a = await st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId, form: {} });
    expect(a.case.caseNo).toBe('TOWN01-20261124-0001');
  });
});

describe('audit log', () => {
  it('chains every row to the previous one and detects tampering', async () => {
    await st.call(clerk, 'cases.create', { itemCode: 'resident_enrollment', personId, form: {} });
    const audit = st.core.ctx.repos.audit;
    const ok = audit.verify();
    expect(ok.ok).toBe(true);
    const id = (st.core.ctx.db.prepare("SELECT id FROM audit_log WHERE action = 'case.created'").get() as { id: number }).id;
    st.core.ctx.db.prepare("UPDATE audit_log SET detail = '{\"caseNo\":\"forged\"}' WHERE id = ?").run(id);
    expect(audit.verify()).toEqual({ ok: false, brokenAt: id });
  });
});
