import { describe, expect, it } from 'vitest';
import { groupRejected } from './RejectedOps';

describe('refused changes in the sync panel', () => {
  it('groups a case’s refused ops, one reason once, latest case first', () => {
    const reason = { code: 'unknown-person', message: '参保人不在中心的参保人员库中' };
    const groups = groupRejected([
      { seq: 2, kind: 'case.accept', caseId: 'c1', caseNo: 'QS01-1', ...reason, at: '2026-11-24T08:55:01.000+08:00' },
      { seq: 1, kind: 'case.created', caseId: 'c1', caseNo: 'QS01-1', ...reason, at: '2026-11-24T08:55:00.000+08:00' },
      { seq: 5, kind: 'person.registered', caseId: null, caseNo: null, code: 'bad', message: 'x', at: '2026-11-24T09:00:00.000+08:00' },
    ]);
    expect(groups.map((g) => [g.caseNo, g.kinds, g.reasons.length])).toEqual([
      [null, ['person.registered'], 1],
      ['QS01-1', ['case.created', 'case.accept'], 1],
    ]);
  });
});
