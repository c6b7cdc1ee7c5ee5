import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { intakeSample } from '../../core/testing/intake';
import type { Session } from '../../core/session';
import { CentralServer } from './central-server';

/**
 * 撤回 at the window while offline, after 受理: the station still owned the case, but its 受理 is on the way to
 * central and arrives first. Central honours the withdrawal while it has not decided (an applicant may withdraw
 * until the decision) — the case ends withdrawn on both sides and its claims are let go. An item central decides
 * on arrival (即时办结) is decided before the withdrawal arrives: the decision stands, and the window sees why.
 */
let central: CentralServer;
let st: TestStation;
let clerk: Session;
let personId: string;

beforeEach(async () => {
  central = await CentralServer.start({ autoDecide: { onTheSpot: true } });
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1958-02-19', 33), name: '赵春生' })).id;
  // The station talked to this central before the trip, so it knows central's protocol; then the link went down.
  const sup = await st.as('supervisor');
  await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
  expect((await st.call(clerk, 'sync.now', {})).ok).toBe(true);
});
afterEach(async () => {
  st?.cleanup();
  await central?.stop();
});

/** Taken in and withdrawn again before the next sync. */
async function acceptThenWithdraw(code: string) {
  const c = await intakeSample(st, clerk, code, personId);
  expect(c.status).toBe('accepted');
  await st.call(clerk, 'cases.withdraw', { caseId: c.id, version: c.version, reason: '群众决定不办了' });
  expect((await st.call(clerk, 'sync.now', {})).ok).toBe(true);
  return { c, view: await st.call(clerk, 'cases.get', { caseId: c.id }) };
}

describe('撤回 after 受理, offline', () => {
  it('central has not decided: the case is withdrawn at both ends and nothing is refused', async () => {
    const { c, view } = await acceptThenWithdraw('transfer_continuation');
    expect(view.case).toMatchObject({ status: 'withdrawn', syncState: 'synced', syncError: null });
    expect(view.events.map((e) => e.kind)).toEqual(['created', 'accept', 'withdraw']);
    expect(await central.store.caseById(c.id)).toMatchObject({ status: 'withdrawn' });
    expect(st.core.ctx.db.prepare("SELECT count(*) FROM outbox WHERE state = 'rejected'").pluck().get()).toBe(0);
  });

  it('an item central completes on arrival: the decision stands and the window is told the withdrawal came too late', async () => {
    const { c, view } = await acceptThenWithdraw('resident_enrollment');
    expect(view.case).toMatchObject({ status: 'completed', syncState: 'rejected', syncError: '中心已办结此案件，撤回未生效' });
    // The refusal comes with the push's answer, central's completion (in full) with the pull that follows it.
    expect(view.events.map((e) => e.kind)).toEqual(['created', 'accept', 'withdraw', 'sync_rejected', 'complete']);
    expect(await central.store.caseById(c.id)).toMatchObject({ status: 'completed' });
  });
});
