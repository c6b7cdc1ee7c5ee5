import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import { intakeSample } from '../../testing/intake';
import { sendPersonFirst } from './person-first';

/** `unknown-person` fixed by the station: the person sent first, the refused change again — once per person. */
let st: TestStation;
beforeEach(async () => {
  st = await createTestStation();
});
afterEach(() => st.cleanup());

async function refusedOp() {
  const clerk = await st.as('clerk');
  const personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1950-02-03', 31), name: '陈玉兰' })).id;
  const c = await intakeSample(st, clerk, 'transfer_continuation', personId);
  const ops = st.core.ctx.repos.outbox.pendingAfter(0, 100);
  const personOp = ops.find((o) => o.kind === 'person.registered')!;
  const caseOp = ops.filter((o) => o.caseId === c.id).at(-1)!;
  return { personId, personOp, caseOp };
}

/** The ops written after `seq`. */
const opsAfter = (seq: number) => st.core.ctx.db.prepare('SELECT kind, state FROM outbox WHERE seq > ? ORDER BY seq').all(seq);

describe('sendPersonFirst', () => {
  it('never sent: the person, then the change again (new op ids, the same payload and base version)', async () => {
    const { personOp, caseOp } = await refusedOp();
    // The window's registration op is gone (say, a station that registered persons before it was connected).
    st.core.ctx.db.prepare('DELETE FROM outbox WHERE seq = ?').run(personOp.seq);
    st.core.ctx.repos.outbox.markDone(caseOp.seq, 'rejected', 'unknown-person', '不在中心的参保人员库中', '2026-11-23T09:00:00.000+08:00');
    expect(st.core.ctx.tx(() => sendPersonFirst(st.core.ctx, caseOp))).toBe(true);
    const after = st.core.ctx.repos.outbox.pendingAfter(caseOp.seq, 10);
    expect(after.map((o) => o.kind)).toEqual(['person.registered', caseOp.kind]);
    expect(after[1]).toMatchObject({ caseId: caseOp.caseId, baseVersion: caseOp.baseVersion, payloadJson: JSON.stringify(JSON.parse(caseOp.payloadJson)) });
    expect(after[1]!.opId).not.toBe(caseOp.opId);
  });

  it('the person’s op still waiting (sent in the same push): only the change again', async () => {
    const { caseOp } = await refusedOp();
    st.core.ctx.repos.outbox.markDone(caseOp.seq, 'rejected', 'unknown-person', 'x', '2026-11-23T09:00:00.000+08:00');
    expect(st.core.ctx.tx(() => sendPersonFirst(st.core.ctx, caseOp))).toBe(true);
    expect(opsAfter(caseOp.seq)).toEqual([{ kind: caseOp.kind, state: 'pending' }]);
  });

  it.each(['applied', 'rejected'] as const)('the person already sent (%s) and still unknown: not again (the refusal stands)', async (state) => {
    const { personOp, caseOp } = await refusedOp();
    st.core.ctx.repos.outbox.markDone(personOp.seq, state, null, null, '2026-11-23T09:00:00.000+08:00');
    st.core.ctx.repos.outbox.markDone(caseOp.seq, 'rejected', 'unknown-person', 'x', '2026-11-23T09:00:00.000+08:00');
    expect(st.core.ctx.tx(() => sendPersonFirst(st.core.ctx, caseOp))).toBe(false);
    expect(opsAfter(caseOp.seq)).toEqual([]);
  });
});
