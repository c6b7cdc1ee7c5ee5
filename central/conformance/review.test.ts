import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import type { Case } from '../../shared/cases/model';
import { SyncErrorSchema } from '../../shared/sync/errors';
import { CaseListResponseSchema, CentralCaseSchema } from '../../shared/sync/admin';
import type { CentralCaseState } from '../../shared/sync/changes';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { INPATIENT_ALL, inpatientForm, windowPerson } from '../testing/fixtures';

describeBackends('back office review ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  let cursor: string;
  beforeEach(async () => {
    h = await Harness.create(backend);
    s = await h.enroll('TOWN01');
    cursor = '0';
  });
  afterEach(() => h?.close());

  /** A submitted inpatient claim: the station's accepted snapshot. */
  async function submitted(invoice = 'FP0001'): Promise<Case> {
    const person = windowPerson(h.newId(), 1, nowInstant(h.clock));
    const c = s.newCase('inpatient_reimbursement', 'reimbursement', person.id, inpatientForm([invoice]), INPATIENT_ALL);
    const acc = s.next(c, { status: 'accepted' });
    const r = await s.pushOk([s.op('person.registered', null, { person }, null), s.caseOp('case.created', null, c), s.caseOp('case.accept', c, acc)]);
    expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
    return acc;
  }

  /** The case.status changes the station pulls from where it was. */
  async function statuses(): Promise<CentralCaseState[]> {
    const r = await s.pullAll(cursor);
    cursor = r.cursor;
    return r.changes.filter((c) => c.kind === 'case.status').map((c) => c.data as CentralCaseState);
  }

  it('approve and complete with a payout flow to the station', async () => {
    const c = await submitted();
    expect((await statuses()).map((x) => x.status)).toEqual(['submitted']);

    const list = CaseListResponseSchema.parse((await h.admin('GET', '/v1/admin/cases?status=submitted')).body);
    expect(list.cases.map((x) => x.caseId)).toEqual([c.id]);

    const approved = await h.admin('POST', `/v1/admin/cases/${c.id}/approve`, { note: '材料齐全', reviewer: '李审核' });
    expect(approved.status).toBe(200);
    expect(CentralCaseSchema.parse(approved.body)).toMatchObject({ status: 'approved', centralVersion: 3, decidedBy: '李审核' });

    const noPayout = await h.admin('POST', `/v1/admin/cases/${c.id}/complete`, { payoutFen: null });
    expect(noPayout.status).toBe(400);
    const done = await h.admin('POST', `/v1/admin/cases/${c.id}/complete`, { payoutFen: 853_120 });
    expect(done.status).toBe(200);

    const pulled = await statuses();
    expect(pulled).toEqual([
      { caseId: c.id, caseNo: c.caseNo, centralVersion: 3, opId: null, decidedBy: '李审核', status: 'approved', note: '材料齐全' },
      { caseId: c.id, caseNo: c.caseNo, centralVersion: 4, opId: null, decidedBy: '中心后台', status: 'completed', payoutFen: 853_120, note: '材料齐全' },
    ]);

    const again = await h.admin('POST', `/v1/admin/cases/${c.id}/approve`, {});
    expect(again.status).toBe(409);
    const e = SyncErrorSchema.parse(again.body);
    expect(e.code).toBe('illegal-transition');
    expect(e.message).toContain('已办结');
  });

  it('reject with a reason flows to the station; a reason is required', async () => {
    const c = await submitted();
    expect((await h.admin('POST', `/v1/admin/cases/${c.id}/reject`, {})).status).toBe(400);
    expect((await h.admin('POST', `/v1/admin/cases/${c.id}/reject`, { reason: '  ' })).status).toBe(400);
    expect((await h.admin('POST', `/v1/admin/cases/${c.id}/reject`, { reason: '不属于报销范围' })).status).toBe(200);
    const pulled = await statuses();
    expect(pulled[pulled.length - 1]).toMatchObject({ status: 'rejected', reason: '不属于报销范围', centralVersion: 3 });
  });

  it('return, correction at the window, amendment: the case is submitted again', async () => {
    const c = await submitted();
    await statuses();
    expect((await h.admin('POST', `/v1/admin/cases/${c.id}/return`, {})).status).toBe(400);
    expect((await h.admin('POST', `/v1/admin/cases/${c.id}/return`, { note: '银行账号与户名不符，请核对' })).status).toBe(200);
    const [ret] = await statuses();
    expect(ret).toMatchObject({ status: 'returned', note: '银行账号与户名不符，请核对', centralVersion: 3 });
    if (!ret || ret.status !== 'returned') throw new Error('no return');

    // The station takes the return (local status returned), corrects the form, then resubmits.
    const local = s.next(c, { status: 'returned' });
    const corrected = s.next(local, { form: { ...inpatientForm(['FP0001']), bankAccount: '6228480099999999999' } });
    const edit = s.caseOp('case.edited', local, corrected);
    const resub = s.next(corrected, { status: 'accepted' });

    // An amendment that answers an older central state is refused, not applied over it.
    const stale = s.caseOp('case.resubmit', corrected, resub, { reason: '已更正银行账号', centralVersion: ret.centralVersion - 1 });
    const r1 = await s.pushOk([edit, stale]);
    expect(r1.results[0]!.status).toBe('applied');
    expect(r1.results[1]).toMatchObject({ status: 'rejected', code: 'conflict' });

    const ok = s.caseOp('case.resubmit', corrected, resub, { reason: '已更正银行账号', centralVersion: ret.centralVersion });
    const r2 = await s.pushOk([ok]);
    expect(r2.results[0]).toMatchObject({ status: 'applied', case: { status: 'submitted', centralVersion: 4 } });
    const [again] = await statuses();
    expect(again).toMatchObject({ status: 'submitted', centralVersion: 4, opId: ok.opId });

    const row = CentralCaseSchema.parse((await h.admin('GET', `/v1/admin/cases/${c.id}`)).body);
    expect(row.snapshot.form.bankAccount).toBe('6228480099999999999');
    expect(row.note).toBeNull();
    expect((await h.admin('POST', `/v1/admin/cases/${c.id}/approve`, {})).status).toBe(200);
  });

  it('an amendment without a return, or missing its fields, is refused', async () => {
    const c = await submitted();
    const next = s.next(c, { status: 'accepted' });
    const noReturn = s.caseOp('case.resubmit', c, next, { reason: '补正', centralVersion: 2 });
    const noVersion = s.caseOp('case.resubmit', next, s.next(next, {}), { reason: '补正' });
    const r = await s.pushOk([noReturn, noVersion]);
    expect(r.results[0]).toMatchObject({ status: 'rejected', code: 'illegal-transition' });
    expect(r.results[1]).toMatchObject({ status: 'rejected', code: 'invalid-payload' });
  });

  it('the window hands out an approved result (统一窗口出件)', async () => {
    const c = await submitted();
    const early = s.caseOp('case.hand_out', c, s.next(c, { status: 'completed' }));
    expect((await s.pushOk([early])).results[0]).toMatchObject({ status: 'rejected', code: 'illegal-transition' });
    await h.admin('POST', `/v1/admin/cases/${c.id}/approve`, {});
    const approved = s.next(c, { status: 'approved' });
    const out = s.caseOp('case.hand_out', approved, s.next(approved, { status: 'completed' }));
    expect((await s.pushOk([out])).results[0]).toMatchObject({ status: 'applied', case: { status: 'completed' } });
    const last = (await statuses()).pop();
    expect(last).toMatchObject({ status: 'completed', opId: out.opId });
  });

  it('refuses unknown cases and bad ids', async () => {
    expect((await h.admin('POST', `/v1/admin/cases/${h.newId()}/approve`, {})).status).toBe(404);
    expect((await h.admin('POST', `/v1/admin/cases/not-a-uuid/approve`, {})).status).toBe(400);
  });
});
