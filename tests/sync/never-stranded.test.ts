import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { sampleFormOn } from '../../core/testing/seed';
import { loadRoster } from '../../core/features/persons/roster';
import { materialsFor } from '../../shared/cases/materials';
import type { FormValues } from '../../shared/catalog/form';
import type { Session } from '../../core/session';
import { CentralServer } from './central-server';

/**
 * Never strand a case (#12, point 4), station and reference central over HTTP:
 * - a case for a person central does not know: the station sends the person first and the refused change again,
 *   without a clerk, and central applies both in the same round;
 * - a case central refuses for what the window can fix (a second enrollment of the person for the year): it needs
 *   action (counted, with central's reason), is corrected on the correction screen's channel, goes up again as a
 *   new op and is applied; the refusal then leaves the list of work.
 */
let central: CentralServer;
let st: TestStation;
let clerk: Session;

beforeEach(async () => {
  central = await CentralServer.start();
  st = await createTestStation();
  clerk = await st.as('clerk');
  const sup = await st.as('supervisor');
  await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
});
afterEach(async () => {
  st?.cleanup();
  await central?.stop();
});

const item = (code: string) => st.core.ctx.catalog.get(code)!;
async function intake(code: string, personId: string, form: FormValues = sampleFormOn(item(code), '2026-11-23')) {
  const received = materialsFor(item(code), form, false)
    .filter((m) => m.needed)
    .map((m) => m.material.code);
  return st.call(clerk, 'cases.intake', { itemCode: code, personId, form, materialsReceived: received });
}

describe('a person central does not know', () => {
  it('is sent first, and the case after it, in the same round, without a clerk', async () => {
    // A person from the station's own roster file: never registered at the window, unknown to central.
    const idNumber = residentId('1950-02-03', 31);
    const loaded = await loadRoster(st.core.ctx, () => [{ idNumber, name: '陈玉兰', regionCode: '371002' }]);
    expect(loaded.ok).toBe(true);
    const person = st.core.ctx.repos.persons.byIdNumber(idNumber)!;
    expect(person.source).toBe('roster');
    const v = await intake('transfer_continuation', person.id);

    const run = await st.call(clerk, 'sync.now', {});
    expect(run.ok).toBe(true);
    const view = await st.call(clerk, 'cases.get', { caseId: v.case.id });
    expect(view.case.status).toBe('submitted');
    expect(view.case.syncState).toBe('synced');
    expect(view.events.some((e) => e.kind === 'sync_rejected')).toBe(false);
    const held = await central.admin<{ status: string; personIdNumber: string }>('GET', `/v1/admin/cases/${v.case.id}`);
    expect(held).toMatchObject({ status: 'submitted' });
    // The refused op stays in the outbox's history; it is not work for anyone.
    const ops = st.core.ctx.db.prepare('SELECT kind, state, result_code AS code FROM outbox ORDER BY seq').all();
    expect(ops).toEqual([
      { kind: 'case.accept', state: 'rejected', code: 'unknown-person' },
      { kind: 'person.registered', state: 'applied', code: null },
      { kind: 'case.accept', state: 'applied', code: null },
    ]);
    const s = await st.call(clerk, 'sync.status', {});
    expect(s.rejected).toEqual([]);
    expect([s.status.rejected, s.status.rejectedCases, s.status.pending]).toEqual([0, 0, 0]);
  });
});

describe('a case central refused, corrected at the window', () => {
  it('needs action with central’s reason, is corrected, sent again as a new op and applied', async () => {
    const personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1960-07-08', 41), name: '刘德明' })).id;
    const first = await intake('resident_enrollment', personId);
    // The same person's enrollment for the same year again: the window lets it through, central refuses it.
    const second = await intake('resident_enrollment', personId);
    await st.call(clerk, 'sync.now', {});

    let view = await st.call(clerk, 'cases.get', { caseId: second.case.id });
    expect(view.case.status).toBe('accepted');
    expect(view.case.syncState).toBe('rejected');
    expect(view.case.syncError).toContain('不能重复参保');
    expect(view.case.syncError).toContain(first.case.caseNo);
    // Not only 撤回: the correction screen's action is offered.
    expect(view.actions).toEqual(expect.arrayContaining(['withdraw', 'resubmit']));
    // The queue has it as work: its own filter and count.
    const counts = await st.call(clerk, 'queue.counts', {});
    expect(counts.needsAction).toBe(1);
    const listed = await st.call(clerk, 'queue.list', { filter: { needsAction: true }, page: { offset: 0, limit: 10 } });
    expect(listed.rows.map((r) => r.caseNo)).toEqual([second.case.caseNo]);
    expect((await st.call(clerk, 'sync.status', {})).status.rejectedCases).toBe(1);

    // Corrected (the next year's enrollment, as the person meant), with what was corrected.
    const form = { ...view.case.form, enrollmentYear: (view.case.form.enrollmentYear as number) + 1 };
    const fixed = await st.call(clerk, 'cases.resubmit', { caseId: second.case.id, version: view.case.version, form, reason: '更正参保年度' });
    expect(fixed.case).toMatchObject({ status: 'accepted', syncState: 'pending', syncError: null });
    expect(fixed.events.at(-1)).toMatchObject({ kind: 'resubmit', reason: '更正参保年度', data: expect.objectContaining({ resent: 'case.accept' }) });
    const op = st.core.ctx.repos.outbox.pending(10).find((o) => o.caseId === second.case.id)!;
    expect(op.kind).toBe('case.accept');

    const run = await st.call(clerk, 'sync.now', {});
    expect(run.pushed).toMatchObject({ applied: 1, rejected: 0 });
    view = await st.call(clerk, 'cases.get', { caseId: second.case.id });
    expect(view.case).toMatchObject({ status: 'submitted', syncState: 'synced' });
    const held = await central.admin<{ status: string; snapshot?: { form: FormValues } }>('GET', `/v1/admin/cases/${second.case.id}`);
    expect(held.status).toBe('submitted');
    expect((await st.call(clerk, 'queue.counts', {})).needsAction).toBe(0);
    const s = await st.call(clerk, 'sync.status', {});
    expect([s.rejected.length, s.status.rejectedCases]).toEqual([0, 0]);
  });
});
