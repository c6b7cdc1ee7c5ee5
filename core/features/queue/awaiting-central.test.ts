import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import { intakeSample } from '../../testing/intake';
import type { Session } from '../../session';
import { applyCentralCaseState } from '../sync/apply';

/**
 * Items handled on the spot (即时办结) taken in while central cannot be reached wait for it: the queue says 待联网办结
 * and counts them apart from the cases overdue at the station, which they never are.
 */
let st: TestStation;
let clerk: Session;
let personId: string;
beforeEach(async () => {
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1948-05-06', 17), name: '王秀英' })).id;
});
afterEach(() => st.cleanup());

const intake = (code: string) => intakeSample(st, clerk, code, personId);

describe('待联网办结', () => {
  it('an on-the-spot item waiting for central is counted apart and never overdue; a time-limited one is overdue', async () => {
    const onTheSpot = await intake('resident_enrollment'); // due the same day
    const limited = await intake('transfer_continuation'); // due in 15 working days
    // A month later, nothing synced.
    st.clock.set('2026-12-23T09:00:00.000+08:00');
    const counts = await st.call(clerk, 'queue.counts', {});
    expect(counts).toMatchObject({ awaitingCentral: 1, overdue: 1 });
    const all = await st.call(clerk, 'queue.list', { filter: {}, page: { offset: 0, limit: 10 } });
    const row = (id: string) => all.rows.find((r) => r.id === id)!;
    expect(row(onTheSpot.id)).toMatchObject({ awaitingCentral: true, overdue: false });
    expect(row(limited.id)).toMatchObject({ awaitingCentral: false, overdue: true });
    const waiting = await st.call(clerk, 'queue.list', { filter: { awaitingCentral: true }, page: { offset: 0, limit: 10 } });
    expect(waiting.rows.map((r) => r.id)).toEqual([onTheSpot.id]);
    const overdue = await st.call(clerk, 'queue.list', { filter: { overdue: true }, page: { offset: 0, limit: 10 } });
    expect(overdue.rows.map((r) => r.id)).toEqual([limited.id]);
    const none = await st.call(clerk, 'queue.list', { filter: { awaitingCentral: true, statuses: ['draft'] }, page: { offset: 0, limit: 10 } });
    expect(none.rows).toEqual([]);

    // Central completes it: no longer waiting.
    st.core.ctx.tx(() => applyCentralCaseState(st.core.ctx, { caseId: onTheSpot.id, centralVersion: 2, status: 'completed', note: '即时办结' }));
    expect(await st.call(clerk, 'queue.counts', {})).toMatchObject({ awaitingCentral: 0, overdue: 1 });
  });
});
