import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, refusalOf, residentId, type TestStation } from '../../testing/fixtures';
import { intakeSample } from '../../testing/intake';
import type { Session } from '../../session';
import { applyCentralCaseState, recordRejection } from '../sync/apply';

/**
 * 需处理 lists every case central refused a change of, finished ones too; a refusal the station cannot correct is
 * taken note of (已知悉) and leaves the list, its history kept; one it can correct must be corrected instead.
 */
let st: TestStation;
let clerk: Session;
let personId: string;
beforeEach(async () => {
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1949-09-30', 27), name: '孙玉珍' })).id;
});
afterEach(() => st.cleanup());

const intake = () => intakeSample(st, clerk, 'resident_enrollment', personId);

const TOO_LATE = '中心已办结此案件，撤回未生效';
const listed = async () => (await st.call(clerk, 'queue.list', { filter: { needsAction: true }, page: { offset: 0, limit: 10 } })).rows.map((r) => r.id);
const rows = (table: string) => st.core.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('已知悉 of a refusal', () => {
  it('a refusal on a finished case is in 需处理 until the window takes note of it; its history keeps both', async () => {
    const c = await intake();
    // Central completed it (即时办结), then refused the withdrawal the window had made offline.
    st.core.ctx.tx(() => {
      applyCentralCaseState(st.core.ctx, { caseId: c.id, centralVersion: 2, status: 'completed', note: '即时办结' });
      recordRejection(st.core.ctx, c.id, 'illegal-transition', TOO_LATE, 'case.withdraw');
    });
    expect((await st.call(clerk, 'queue.counts', {})).needsAction).toBe(1);
    expect(await listed()).toEqual([c.id]);
    const before = await st.call(clerk, 'cases.get', { caseId: c.id });
    expect(before.case).toMatchObject({ status: 'completed', syncState: 'rejected', syncError: TOO_LATE });
    const outbox = rows('outbox');

    const after = await st.call(clerk, 'cases.acknowledgeRefusal', { caseId: c.id, version: before.case.version, note: '已电话告知参保人' });
    expect(after.case).toMatchObject({ status: 'completed', syncState: 'synced', syncError: null, version: before.case.version });
    expect(after.events.slice(-2).map((e) => [e.kind, e.reason])).toEqual([
      ['sync_rejected', TOO_LATE],
      ['refusal_acknowledged', '已电话告知参保人'],
    ]);
    expect(after.events.at(-1)).toMatchObject({ actorName: 'clerk用户', data: { refusal: TOO_LATE } });
    expect((await st.call(clerk, 'queue.counts', {})).needsAction).toBe(0);
    expect(await listed()).toEqual([]);
    // Local only: central already answered.
    expect(rows('outbox')).toBe(outbox);
    const audit = st.core.ctx.db.prepare("SELECT actor_name AS actor, entity_id AS id FROM audit_log WHERE action = 'case.refusal_acknowledged'").all();
    expect(audit).toEqual([{ actor: 'clerk用户', id: c.id }]);

    // Nothing left to take note of: refused, nothing written.
    const events = rows('case_events');
    const again = await refusalOf(st.call(clerk, 'cases.acknowledgeRefusal', { caseId: c.id, version: after.case.version }));
    expect(again).toMatchObject({ code: 'illegal_transition', field: 'caseId', message: '此案件没有待处理的中心拒收' });
    expect(rows('case_events')).toBe(events);
  });

  it("central's later word on the case does not clear a refusal the window has not answered", async () => {
    const c = await intake();
    // Central holds the case; a withdrawal sent to an older central was refused; then central decides.
    st.core.ctx.tx(() => {
      applyCentralCaseState(st.core.ctx, { caseId: c.id, centralVersion: 2, status: 'submitted' });
      recordRejection(st.core.ctx, c.id, 'illegal-transition', '案件已上报中心，不能撤回', 'case.withdraw');
      applyCentralCaseState(st.core.ctx, { caseId: c.id, centralVersion: 3, status: 'approved', note: '审核通过' });
    });
    const view = await st.call(clerk, 'cases.get', { caseId: c.id });
    expect(view.case).toMatchObject({ status: 'approved', syncState: 'rejected', syncError: '案件已上报中心，不能撤回' });
    expect(await listed()).toEqual([c.id]);
    // The same news again (a repeated pull) changes nothing either.
    st.core.ctx.tx(() => applyCentralCaseState(st.core.ctx, { caseId: c.id, centralVersion: 4, status: 'approved' }));
    expect((await st.call(clerk, 'cases.get', { caseId: c.id })).case).toMatchObject({ syncState: 'rejected', syncError: '案件已上报中心，不能撤回' });
    await st.call(clerk, 'cases.acknowledgeRefusal', { caseId: c.id, version: view.case.version });
    expect(await listed()).toEqual([]);
  });

  it('a refused 受理 the window can correct is not closed by taking note: it stays in 需处理', async () => {
    const c = await intake();
    st.core.ctx.tx(() => recordRejection(st.core.ctx, c.id, 'invalid-form', '联系电话格式不正确', 'case.accept'));
    const view = await st.call(clerk, 'cases.get', { caseId: c.id });
    expect(view.actions).toContain('resubmit');
    const err = await refusalOf(st.call(clerk, 'cases.acknowledgeRefusal', { caseId: c.id, version: view.case.version }));
    expect(err).toMatchObject({ code: 'illegal_transition', field: 'caseId' });
    expect(err.message).toContain('须更正后重新提交');
    expect((await st.call(clerk, 'cases.get', { caseId: c.id })).case.syncState).toBe('rejected');
    expect(await listed()).toEqual([c.id]);
  });
});
