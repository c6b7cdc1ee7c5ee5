import { afterEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { INPATIENT_ALL, enrollmentForm, inpatientForm, windowPerson } from '../testing/fixtures';
import { AUTO_DECIDER } from '../apply/case-ops';

/**
 * Central's automatic rule for items handled on the spot (即时办结): decided as they arrive — completed once central's
 * checks pass — and the station hears it in the op's own answer (the same sync round). Items with a time limit
 * wait for the back office; without the rule, nothing is decided automatically.
 */
describeBackends('automatic decision of on-the-spot items ($name)', (backend) => {
  let h: Harness;
  afterEach(() => h?.close());

  async function station(onTheSpot: boolean): Promise<TestStation> {
    h = await Harness.create(backend, { autoDecide: { onTheSpot } });
    return h.enroll('TOWN01');
  }

  it('completes an on-the-spot item as it arrives; the answer and the change feed say so', async () => {
    const s = await station(true);
    const person = windowPerson(h.newId(), 1, nowInstant(h.clock));
    const draft = s.newCase('resident_enrollment', 'enrollment', person.id, enrollmentForm(), ['valid_id']);
    const res = await s.pushOk([s.op('person.registered', null, { person }, null), s.caseOp('case.accept', null, s.next(draft, { status: 'accepted' }))]);
    expect(res.results[1]).toMatchObject({ status: 'applied', case: { caseId: draft.id, status: 'completed' } });
    expect(await h.store.caseById(draft.id)).toMatchObject({ status: 'completed', decidedBy: AUTO_DECIDER, note: '即时办结' });
    const statuses = (await s.pullAll()).changes.filter((c) => c.kind === 'case.status').map((c) => c.data);
    expect(statuses).toEqual([expect.objectContaining({ caseId: draft.id, status: 'completed', note: '即时办结' })]);
  });

  it('leaves a time-limited item to the back office, and refused submissions undecided', async () => {
    const s = await station(true);
    const person = windowPerson(h.newId(), 1, nowInstant(h.clock));
    const claim = s.newCase('inpatient_reimbursement', 'reimbursement', person.id, inpatientForm(), INPATIENT_ALL);
    const bad = s.newCase('resident_enrollment', 'enrollment', person.id, { ...enrollmentForm(), phone: '123' }, ['valid_id']);
    const res = await s.pushOk([
      s.op('person.registered', null, { person }, null),
      s.caseOp('case.accept', null, s.next(claim, { status: 'accepted' })),
      s.caseOp('case.accept', null, s.next(bad, { status: 'accepted' })),
    ]);
    expect(res.results[1]).toMatchObject({ status: 'applied', case: { status: 'submitted' } });
    expect(res.results[2]).toMatchObject({ status: 'rejected', code: 'invalid-form' });
    expect(await h.store.caseById(bad.id)).toBeNull();
  });

  it('without the rule an on-the-spot item is submitted and waits', async () => {
    const s = await station(false);
    const person = windowPerson(h.newId(), 1, nowInstant(h.clock));
    const draft = s.newCase('resident_enrollment', 'enrollment', person.id, enrollmentForm(), ['valid_id']);
    const res = await s.pushOk([s.op('person.registered', null, { person }, null), s.caseOp('case.accept', null, s.next(draft, { status: 'accepted' }))]);
    expect(res.results[1]).toMatchObject({ status: 'applied', case: { status: 'submitted' } });
  });
});
