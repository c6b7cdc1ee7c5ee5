import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import { SyncErrorSchema } from '../../shared/sync/errors';
import { PushResponseSchema, type OpResult } from '../../shared/sync/push';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { INPATIENT_ALL, INPATIENT_RONGQUE, enrollmentForm, inpatientForm, residentId, rosterRow, windowPerson } from '../testing/fixtures';

const CHINESE = /[\u4e00-\u9fff]/;

function only<T extends OpResult['status']>(r: OpResult, status: T): Extract<OpResult, { status: T }> {
  expect(r.status, JSON.stringify(r)).toBe(status);
  return r as Extract<OpResult, { status: T }>;
}

describeBackends('push ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  beforeEach(async () => {
    h = await Harness.create(backend);
    s = await h.enroll('TOWN01');
  });
  afterEach(() => h?.close());

  /** A registered person and their id. */
  function registered(n: number) {
    const person = windowPerson(h.newId(), n, nowInstant(h.clock));
    return { person, op: s.op('person.registered', null, { person }, null) };
  }

  it('applies ops in order, answers duplicates on a resend, and reports central status', async () => {
    const p = registered(1);
    const draft = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(), ['valid_id']);
    const created = s.caseOp('case.created', null, draft);
    const accepted = s.next(draft, { status: 'accepted' });
    const accept = s.caseOp('case.accept', draft, accepted);
    const batch = [p.op, created, accept];

    const first = PushResponseSchema.parse(await s.pushOk(batch));
    expect(first.lastSeq).toBe(3);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(only(first.results[2]!, 'applied').case).toEqual({ caseId: draft.id, status: 'submitted', centralVersion: 2, materialsPending: false });

    const again = await s.pushOk(batch);
    expect(again.lastSeq).toBe(3);
    for (const r of again.results) expect(only(r, 'duplicate').original).toBe('applied');

    const row = await h.store.caseById(draft.id);
    expect(row?.status).toBe('submitted');
    expect(row?.stationVersion).toBe(2);
    expect(row?.personIdNumber).toBe(residentId(1));
    expect(row?.snapshot.form).toEqual(enrollmentForm());
  });

  it('takes a case created and accepted in one step as one op (1.1), and refuses it from a 1.0 station', async () => {
    const p = registered(1);
    const draft = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(), ['valid_id']);
    const accepted = s.next(draft, { status: 'accepted' });
    // The one-step op: the accepted snapshot (version 2) with no base version.
    const oneStep = (c = accepted) => s.caseOp('case.accept', null, c);

    const old = await s.pushOk([p.op, oneStep()], '1.0');
    expect(old.results[0]!.status).toBe('applied');
    expect(only(old.results[1]!, 'rejected')).toMatchObject({ code: 'invalid-payload', field: 'baseVersion' });
    expect(await h.store.caseById(draft.id)).toBeNull();

    const wrongVersion = await s.pushOk([oneStep(draft)]);
    expect(only(wrongVersion.results[0]!, 'rejected')).toMatchObject({ code: 'invalid-payload', field: 'baseVersion' });

    const res = await s.pushOk([oneStep()]);
    expect(only(res.results[0]!, 'applied').case).toEqual({ caseId: draft.id, status: 'submitted', centralVersion: 1, materialsPending: false });
    const row = await h.store.caseById(draft.id);
    expect(row).toMatchObject({ status: 'submitted', stationVersion: 2, centralVersion: 1, personIdNumber: residentId(1) });
    expect(row?.submittedAt).not.toBeNull();
    const statuses = (await s.pullAll()).changes.filter((c) => c.kind === 'case.status').map((c) => c.data);
    expect(statuses).toEqual([expect.objectContaining({ caseId: draft.id, status: 'submitted', centralVersion: 1 })]);

    // It takes the year's enrollment claim like a two-step intake: a second one for the person is refused.
    const again = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(), ['valid_id']);
    const second = await s.pushOk([s.caseOp('case.accept', null, s.next(again, { status: 'accepted' }))]);
    expect(only(second.results[0]!, 'rejected').code).toBe('duplicate-enrollment');
  });

  it('refuses a gap with 409 out-of-order and the expected seq, applying nothing', async () => {
    const p = registered(1);
    await s.pushOk([p.op]);
    const skipped = registered(2);
    const after = registered(3);
    void skipped;
    const r = await s.push([after.op]);
    expect(r.status).toBe(409);
    const e = SyncErrorSchema.parse(r.body);
    expect(e.code).toBe('out-of-order');
    expect(e.expectedSeq).toBe(2);
    expect(e.message).toMatch(CHINESE);
    expect((await h.store.stationById(s.id))?.lastSeq).toBe(1);
  });

  it('refuses a batch whose seqs are not ascending', async () => {
    const a = registered(1).op;
    const b = registered(2).op;
    const r = await s.push([b, a]);
    expect(r.status).toBe(400);
    expect(SyncErrorSchema.parse(r.body).code).toBe('invalid-request');
  });

  it('a rejected op advances lastSeq and the queue goes on', async () => {
    const stranger = h.newId();
    const bad = s.newCase('resident_enrollment', 'enrollment', stranger, enrollmentForm(), ['valid_id']);
    const rejected = s.caseOp('case.created', null, bad, { person: { idNumber: residentId(99), name: '陌生人' } });
    const p = registered(1);
    const good = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(), ['valid_id']);
    const res = await s.pushOk([rejected, p.op, s.caseOp('case.created', null, good)]);
    expect(res.lastSeq).toBe(3);
    const r0 = only(res.results[0]!, 'rejected');
    expect(r0.code).toBe('unknown-person');
    expect(r0.message).toMatch(CHINESE);
    expect(r0.message).not.toContain(residentId(99));
    expect(res.results[1]!.status).toBe('applied');
    expect(res.results[2]!.status).toBe('applied');
    // A resend tells the original outcome.
    const again = await s.pushOk([rejected]);
    const d = only(again.results[0]!, 'duplicate');
    expect(d.original).toBe('rejected');
    expect(d.code).toBe('unknown-person');
  });

  it('resolves a roster person by ID number when the station id is its own', async () => {
    const pub = await h.admin('POST', '/v1/admin/publish/roster', { regionCode: '371002', rows: [rosterRow(5, '王五')] });
    expect(pub.status).toBe(200);
    const c = s.newCase('resident_enrollment', 'enrollment', h.newId(), enrollmentForm(), ['valid_id']);
    const res = await s.pushOk([s.caseOp('case.created', null, c, { person: { idNumber: residentId(5), name: '王五' } })]);
    expect(res.results[0]!.status).toBe('applied');
    expect((await h.store.caseById(c.id))?.personName).toBe('王五');
  });

  it('rejects payloads that break the schema, contradict the envelope, or use unknown kinds', async () => {
    const p = registered(1);
    const c = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(), ['valid_id']);
    const broken = s.op('case.created', c.id, { case: { ...c, version: 'one' }, event: 'created', reason: null }, null);
    const wrongEvent = s.op('case.created', c.id, { case: c, event: 'edited', reason: null }, null);
    const wrongVersion = s.caseOp('case.edited', c, { ...s.next(c, {}), version: 5 });
    const unknown = s.op('case.teleported', c.id, {}, null);
    const local = s.op('case.mark_submitted', c.id, {}, null);
    const res = await s.pushOk([p.op, broken, wrongEvent, wrongVersion, unknown, local]);
    expect(res.lastSeq).toBe(6);
    const codes = res.results.map((r) => (r.status === 'rejected' ? r.code : r.status));
    expect(codes).toEqual(['applied', 'invalid-payload', 'invalid-payload', 'invalid-payload', 'unsupported-op-kind', 'unsupported-op-kind']);
    const field = only(res.results[1]!, 'rejected');
    expect(field.field).toBe('payload.case.version');
    expect(field.message).toMatch(CHINESE);
    expect(only(res.results[5]!, 'rejected').message).toContain('本地');
  });

  it('checks the form and the materials of a submitted case against the item', async () => {
    const p = registered(1);
    const incomplete = { ...enrollmentForm() };
    delete incomplete.residenceBasis;
    const c1 = s.newCase('resident_enrollment', 'enrollment', p.person.id, incomplete, ['valid_id']);
    const c2 = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(2027), []);
    const res = await s.pushOk([
      p.op,
      s.caseOp('case.created', null, c1),
      s.caseOp('case.accept', c1, s.next(c1, { status: 'accepted' })),
      s.caseOp('case.created', null, c2),
      s.caseOp('case.accept', c2, s.next(c2, { status: 'accepted' })),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied', 'rejected']);
    const form = only(res.results[2]!, 'rejected');
    expect(form.code).toBe('invalid-form');
    expect(form.message).toContain('参保依据');
    expect(form.field).toBe('form.residenceBasis');
    const materials = only(res.results[4]!, 'rejected');
    expect(materials.code).toBe('materials-missing');
    expect(materials.message).toContain('有效身份证件');
    expect((await h.store.caseById(c1.id))?.status).toBe('draft');
  });

  it('refuses a second enrollment of a person for the same year and region, at any station', async () => {
    const other = await h.enroll('TOWN02');
    await h.admin('POST', '/v1/admin/publish/roster', { regionCode: '371002', rows: [rosterRow(7)] });
    const ref = { idNumber: residentId(7), name: '居民7' };
    const a = s.newCase('resident_enrollment', 'enrollment', h.newId(), enrollmentForm(2026), ['valid_id']);
    const ra = await s.pushOk([s.caseOp('case.created', null, a, { person: ref }), s.caseOp('case.accept', a, s.next(a, { status: 'accepted' }), { person: ref })]);
    expect(ra.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const b = other.newCase('resident_enrollment', 'enrollment', h.newId(), enrollmentForm(2026), ['valid_id']);
    const next = other.newCase('resident_enrollment', 'enrollment', h.newId(), enrollmentForm(2027), ['valid_id']);
    const rb = await other.pushOk([
      other.caseOp('case.created', null, b, { person: ref }),
      other.caseOp('case.accept', b, other.next(b, { status: 'accepted' }), { person: ref }),
      other.caseOp('case.created', null, next, { person: ref }),
      other.caseOp('case.accept', next, other.next(next, { status: 'accepted' }), { person: ref }),
    ]);
    const dup = only(rb.results[1]!, 'rejected');
    expect(dup.code).toBe('duplicate-enrollment');
    expect(dup.message).toContain('TOWN01');
    expect(dup.message).toContain(a.caseNo);
    expect(rb.results[3]!.status).toBe('applied');
  });

  it('refuses an invoice already claimed at another station, until central rejects that claim', async () => {
    const other = await h.enroll('TOWN02');
    await h.admin('POST', '/v1/admin/publish/roster', { regionCode: '371002', rows: [rosterRow(8), rosterRow(9)] });
    const mine = s.newCase('inpatient_reimbursement', 'reimbursement', h.newId(), inpatientForm(['fp 2026 0001', 'FP20260002']), INPATIENT_ALL);
    const ra = await s.pushOk([
      s.caseOp('case.created', null, mine, { person: { idNumber: residentId(8), name: '居民8' } }),
      s.caseOp('case.accept', mine, s.next(mine, { status: 'accepted' })),
    ]);
    expect(ra.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const theirs = other.newCase('inpatient_reimbursement', 'reimbursement', h.newId(), inpatientForm(['FP20260001']), INPATIENT_ALL);
    const ref = { idNumber: residentId(9), name: '居民9' };
    const rb = await other.pushOk([other.caseOp('case.created', null, theirs, { person: ref }), other.caseOp('case.accept', theirs, other.next(theirs, { status: 'accepted' }))]);
    const claimed = only(rb.results[1]!, 'rejected');
    expect(claimed.code).toBe('invoice-claimed');
    expect(claimed.message).toContain('FP20260001');
    expect(claimed.message).toContain('站点 TOWN01');

    // Central rejects the first claim: the invoice is free again.
    expect((await h.admin('POST', `/v1/admin/cases/${mine.id}/reject`, { reason: '票据与住院记录不符' })).status).toBe(200);
    const retry = other.newCase('inpatient_reimbursement', 'reimbursement', h.newId(), inpatientForm(['FP20260001']), INPATIENT_ALL);
    const rc = await other.pushOk([other.caseOp('case.created', null, retry, { person: ref }), other.caseOp('case.accept', retry, other.next(retry, { status: 'accepted' }))]);
    expect(rc.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('refuses the same invoice twice within one claim (a rule of the form: the draft already)', async () => {
    const p = registered(1);
    const c = s.newCase('inpatient_reimbursement', 'reimbursement', p.person.id, inpatientForm(['X1', 'x1']), INPATIENT_ALL);
    const res = await s.pushOk([p.op, s.caseOp('case.created', null, c), s.caseOp('case.accept', c, s.next(c, { status: 'accepted' }))]);
    expect(only(res.results[1]!, 'rejected')).toMatchObject({ code: 'invalid-form', field: 'form.invoices.1.invoiceNo' });
    expect(only(res.results[2]!, 'rejected')).toMatchObject({ code: 'invalid-form', field: 'form.invoices.1.invoiceNo' });
  });

  it('keeps a submitted case from station edits; a withdrawal made before the station heard is honoured until the decision', async () => {
    const p = registered(1);
    const c = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(), ['valid_id']);
    const acc = s.next(c, { status: 'accepted' });
    const edited = s.next(acc, { form: { ...enrollmentForm(), phone: '13900139000' } });
    const withdrawn = s.next(edited, { status: 'withdrawn' });
    const res = await s.pushOk([
      p.op,
      s.caseOp('case.created', null, c),
      s.caseOp('case.accept', c, acc),
      s.caseOp('case.edited', acc, edited),
      s.caseOp('case.withdraw', edited, withdrawn, { reason: '群众不办了' }),
    ]);
    expect(only(res.results[3]!, 'rejected').code).toBe('case-locked');
    // Withdrawn at the window while its 受理 was still on the way: undecided, so withdrawn; the refused edit stays out.
    expect(only(res.results[4]!, 'applied').case).toMatchObject({ caseId: c.id, status: 'withdrawn', centralVersion: 3 });
    expect(await h.store.caseById(c.id)).toMatchObject({ status: 'withdrawn', stationVersion: withdrawn.version, snapshot: { form: enrollmentForm() } });
    // Its enrollment year is let go: the person can be enrolled for it again.
    const again = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(), ['valid_id']);
    const res2 = await s.pushOk([s.caseOp('case.created', null, again), s.caseOp('case.accept', again, s.next(again, { status: 'accepted' }))]);
    expect(res2.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // After the decision a withdrawal comes too late: refused, and the decision stands.
    expect((await h.admin('POST', `/v1/admin/cases/${again.id}/approve`, {})).status).toBe(200);
    const late = s.next(s.next(again, { status: 'accepted' }), { status: 'withdrawn' });
    const res3 = await s.pushOk([s.caseOp('case.withdraw', s.next(again, { status: 'accepted' }), late, { reason: '群众不办了' })]);
    expect(only(res3.results[0]!, 'rejected')).toMatchObject({ code: 'illegal-transition', message: '中心已批准此案件，撤回未生效' });
    expect(await h.store.caseById(again.id)).toMatchObject({ status: 'approved' });
  });

  it('a withdrawn draft stays withdrawn centrally', async () => {
    const p = registered(1);
    const c = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(), []);
    const w = s.next(c, { status: 'withdrawn' });
    const res = await s.pushOk([p.op, s.caseOp('case.created', null, c), s.caseOp('case.withdraw', c, w, { reason: '误建' }), s.caseOp('case.accept', w, s.next(w, { status: 'accepted' }))]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'rejected']);
    expect((await h.store.caseById(c.id))?.status).toBe('withdrawn');
  });

  it('容缺: accepted with deferrable materials missing is submitted with materials pending until they arrive', async () => {
    const p = registered(1);
    const c = s.newCase('inpatient_reimbursement', 'reimbursement', p.person.id, inpatientForm(), INPATIENT_RONGQUE);
    const rq = s.next(c, { status: 'awaiting_materials', promiseDate: '2026-05-27' });
    const res = await s.pushOk([p.op, s.caseOp('case.created', null, c), s.caseOp('case.accept_rongque', c, rq)]);
    expect(only(res.results[2]!, 'applied').case).toMatchObject({ status: 'submitted', materialsPending: true });

    const approve = await h.admin('POST', `/v1/admin/cases/${c.id}/approve`, {});
    expect(approve.status).toBe(409);

    const done = s.next(rq, { status: 'accepted', materials: INPATIENT_ALL.map((code) => ({ code, received: true, receivedAt: nowInstant(h.clock) })) });
    const res2 = await s.pushOk([s.caseOp('case.complete_materials', rq, done)]);
    expect(only(res2.results[0]!, 'applied').case).toMatchObject({ status: 'submitted', materialsPending: false, centralVersion: 3 });
    expect((await h.admin('POST', `/v1/admin/cases/${c.id}/approve`, {})).status).toBe(200);
  });

  it('takes attachments and estimates added at the window without disturbing a submitted case', async () => {
    const p = registered(1);
    const c = s.newCase('inpatient_reimbursement', 'reimbursement', p.person.id, inpatientForm(), INPATIENT_RONGQUE);
    const rq = s.next(c, { status: 'awaiting_materials', promiseDate: '2026-05-27' });
    await s.pushOk([p.op, s.caseOp('case.created', null, c), s.caseOp('case.accept_rongque', c, rq)]);
    const scanned = s.next(rq, { materials: [...rq.materials, { code: 'cost_list', received: true, receivedAt: nowInstant(h.clock) }], form: { ...inpatientForm(), hospitalName: '改了' } });
    const estimated = s.next(scanned, {});
    const res = await s.pushOk([s.caseOp('case.attachment_added', rq, scanned), s.caseOp('case.estimate_saved', scanned, estimated)]);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const row = await h.store.caseById(c.id);
    expect(row).toMatchObject({ status: 'submitted', materialsPending: true, stationVersion: 4, centralVersion: 2 });
    // Materials are taken from a submitted case; the rest of its content is central's.
    expect(row?.snapshot.materials.map((m) => m.code)).toContain('cost_list');
    expect(row?.snapshot.form.hospitalName).toBe(inpatientForm().hospitalName);
    await h.admin('POST', `/v1/admin/cases/${c.id}/reject`, { reason: '不符合条件' });
    const late = s.next(estimated, {});
    expect((await s.pushOk([s.caseOp('case.estimate_saved', estimated, late)])).results[0]!.status).toBe('applied');
    // A document added after the decision is filed with the case (归档); the decision stands.
    const lateScan = s.next(late, {});
    expect((await s.pushOk([s.caseOp('case.attachment_added', late, lateScan)])).results[0]).toMatchObject({ status: 'applied', case: { status: 'rejected' } });
    expect(await h.store.caseById(c.id)).toMatchObject({ status: 'rejected', stationVersion: lateScan.version, reason: '不符合条件' });
  });

  it('answers seq-reused when a seq already applied comes with another op id', async () => {
    await s.pushOk([registered(1).op]);
    s.seq = 0;
    const res = await s.pushOk([registered(2).op]);
    expect(only(res.results[0]!, 'rejected').code).toBe('seq-reused');
    expect(res.lastSeq).toBe(1);
  });

  it('an op id seen before under a new seq is a duplicate and uses up the seq', async () => {
    const p = registered(1);
    await s.pushOk([p.op]);
    const res = await s.pushOk([{ ...p.op, seq: 2 }]);
    expect(only(res.results[0]!, 'duplicate').original).toBe('applied');
    expect(res.lastSeq).toBe(2);
  });

  it('pushes a batch of 300 cases in one request', async () => {
    const ops = [];
    for (let i = 0; i < 100; i++) {
      const p = registered(i);
      const c = s.newCase('resident_enrollment', 'enrollment', p.person.id, enrollmentForm(), ['valid_id']);
      ops.push(p.op, s.caseOp('case.created', null, c), s.caseOp('case.accept', c, s.next(c, { status: 'accepted' })));
    }
    const res = await s.pushOk(ops);
    expect(res.lastSeq).toBe(300);
    expect(res.results.filter((r) => r.status === 'applied')).toHaveLength(300);
    expect(await h.store.listCases({ status: 'submitted', limit: 500 })).toHaveLength(100);
  });
});
