import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles';
import { ROLES } from '../roles';
import {
  availableActions,
  CASE_ACTIONS,
  CASE_STATUSES,
  CaseStatusSchema,
  checkTransition,
  OPEN_STATUSES,
  STATION_OWNED,
  TERMINAL,
  TRANSITIONS,
  transitionFor,
  isTerminal,
  isStationOwned,
  canAddAttachment,
  isDecided,
  attachmentMarksMaterial,
  withdrawalOutrunByDecision,
  needsAction,
  canAcknowledgeRefusal,
  canCorrectRefused,
  canSaveEstimate,
  canRecordMaterials,
  canRecordAssessment,
  hasReceipt,
  mayOweMaterials,
  centralStatusChange,
  CENTRAL_STATUSES,
} from './status';
import type { CaseAction, CaseStatus } from './status';

const STAFF: Actor[] = ['clerk', 'proxy_helper', 'mobile_team', 'supervisor'];
const WINDOW: Actor[] = ['clerk', 'mobile_team', 'supervisor'];
const ACTORS: Actor[] = [...STAFF, 'system', 'central'];

/** The machine as DESIGN.md draws it, written out by hand. */
const EXPECTED: Record<CaseAction, { from: CaseStatus[]; to: CaseStatus; actors: Actor[]; reason: boolean }> = {
  accept: { from: ['draft'], to: 'accepted', actors: STAFF, reason: false },
  accept_rongque: { from: ['draft'], to: 'awaiting_materials', actors: STAFF, reason: false },
  complete_materials: { from: ['awaiting_materials'], to: 'accepted', actors: STAFF, reason: false },
  withdraw: { from: ['draft', 'accepted', 'awaiting_materials'], to: 'withdrawn', actors: WINDOW, reason: true },
  mark_submitted: { from: ['accepted'], to: 'submitted', actors: ['system'], reason: false },
  approve: { from: ['submitted'], to: 'approved', actors: ['central'], reason: false },
  return: { from: ['submitted', 'approved'], to: 'returned', actors: ['central'], reason: true },
  reject: { from: ['accepted', 'submitted'], to: 'rejected', actors: ['central'], reason: true },
  complete: { from: ['submitted', 'approved'], to: 'completed', actors: ['central'], reason: false },
  resubmit: { from: ['returned'], to: 'accepted', actors: WINDOW, reason: true },
  hand_out: { from: ['approved'], to: 'completed', actors: WINDOW, reason: false },
};

const sorted = <T extends string>(xs: readonly T[]) => [...xs].sort();

describe('TRANSITIONS', () => {
  it('has exactly one transition per action', () => {
    expect(sorted(TRANSITIONS.map((t) => t.action))).toEqual(sorted(CASE_ACTIONS));
    expect(CASE_ACTIONS).toHaveLength(11);
  });

  for (const action of Object.keys(EXPECTED) as CaseAction[]) {
    it(`${action}: from, to, actors and reason`, () => {
      const e = EXPECTED[action];
      const t = transitionFor(action);
      expect(t.action).toBe(action);
      expect(sorted(t.from)).toEqual(sorted(e.from));
      expect(t.to).toBe(e.to);
      expect(sorted(t.actors)).toEqual(sorted(e.actors));
      expect(t.reasonRequired).toBe(e.reason);
    });
  }

  it('every status and target is a known status, and no transition loops onto its own source', () => {
    for (const t of TRANSITIONS) {
      expect(CaseStatusSchema.safeParse(t.to).success).toBe(true);
      for (const f of t.from) {
        expect(CASE_STATUSES).toContain(f);
        expect(f).not.toBe(t.to);
      }
    }
  });

  it('nothing leaves a terminal status', () => {
    for (const s of TERMINAL) {
      for (const a of ACTORS) expect(availableActions(s, a), `${s} as ${a}`).toEqual([]);
      for (const action of CASE_ACTIONS) expect(checkTransition(action, s, 'central', 'x').ok).toBe(false);
    }
  });

  it('transitionFor refuses an unknown action', () => {
    expect(() => transitionFor('teleport' as CaseAction)).toThrow(/unknown case action/);
  });
});

describe('checkTransition', () => {
  it('allows each listed (action, from, actor) and gives the target', () => {
    for (const [action, e] of Object.entries(EXPECTED) as [CaseAction, (typeof EXPECTED)[CaseAction]][]) {
      for (const from of e.from) {
        for (const actor of e.actors) {
          expect(checkTransition(action, from, actor, '补正说明'), `${action} ${from} ${actor}`).toEqual({ ok: true, to: e.to });
        }
      }
    }
  });

  it('refuses every action from a status it does not start from, whoever asks (illegal before forbidden)', () => {
    let checked = 0;
    for (const [action, e] of Object.entries(EXPECTED) as [CaseAction, (typeof EXPECTED)[CaseAction]][]) {
      for (const from of CASE_STATUSES.filter((s) => !e.from.includes(s))) {
        for (const actor of ACTORS) {
          expect(checkTransition(action, from, actor, 'x'), `${action} ${from} ${actor}`).toEqual({ ok: false, code: 'illegal_transition' });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(450);
  });

  it('refuses the wrong actor with "forbidden"', () => {
    expect(checkTransition('approve', 'submitted', 'supervisor')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('approve', 'submitted', 'system')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('mark_submitted', 'accepted', 'clerk')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('mark_submitted', 'accepted', 'central')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('accept', 'draft', 'central')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('accept', 'draft', 'system')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('withdraw', 'draft', 'proxy_helper', '本人放弃')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('hand_out', 'approved', 'proxy_helper')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('resubmit', 'returned', 'proxy_helper', '已补正')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('reject', 'submitted', 'supervisor', '不符合条件')).toEqual({ ok: false, code: 'forbidden' });
  });

  it('refuses a missing or blank reason where one is required, and checks the actor first', () => {
    for (const reason of [undefined, '', '   ', '\u3000', '\n\t']) {
      expect(checkTransition('withdraw', 'accepted', 'clerk', reason), JSON.stringify(reason)).toEqual({ ok: false, code: 'reason_required' });
      expect(checkTransition('return', 'submitted', 'central', reason)).toEqual({ ok: false, code: 'reason_required' });
      expect(checkTransition('reject', 'accepted', 'central', reason)).toEqual({ ok: false, code: 'reason_required' });
      expect(checkTransition('resubmit', 'returned', 'clerk', reason)).toEqual({ ok: false, code: 'reason_required' });
    }
    expect(checkTransition('withdraw', 'accepted', 'proxy_helper')).toEqual({ ok: false, code: 'forbidden' });
    expect(checkTransition('withdraw', 'accepted', 'clerk', '本人申请撤回')).toEqual({ ok: true, to: 'withdrawn' });
  });

  it('does not ask for a reason where none is required', () => {
    expect(checkTransition('accept', 'draft', 'clerk')).toEqual({ ok: true, to: 'accepted' });
    expect(checkTransition('approve', 'submitted', 'central')).toEqual({ ok: true, to: 'approved' });
    expect(checkTransition('hand_out', 'approved', 'mobile_team', '')).toEqual({ ok: true, to: 'completed' });
  });

  it('withdrawal is possible only before the case reaches central', () => {
    const allowed = CASE_STATUSES.filter((s) => checkTransition('withdraw', s, 'clerk', '本人申请').ok);
    expect(sorted(allowed)).toEqual(['accepted', 'awaiting_materials', 'draft']);
    for (const s of ['submitted', 'approved', 'returned', 'rejected', 'completed', 'withdrawn'] as const) {
      expect(checkTransition('withdraw', s, 'supervisor', '本人申请')).toEqual({ ok: false, code: 'illegal_transition' });
    }
  });

  it('agrees with availableActions (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASE_ACTIONS), fc.constantFrom(...CASE_STATUSES), fc.constantFrom(...ACTORS), (action, from, actor) => {
        const r = checkTransition(action, from, actor, '理由');
        expect(r.ok).toBe(availableActions(from, actor).includes(action));
      }),
    );
  });
});

describe('availableActions', () => {
  /** By hand: what each kind of actor sees in each status. */
  const STAFF_SEES: Record<CaseStatus, CaseAction[]> = {
    draft: ['accept', 'accept_rongque', 'withdraw'],
    accepted: ['withdraw'],
    awaiting_materials: ['complete_materials', 'withdraw'],
    submitted: [],
    approved: ['hand_out'],
    returned: ['resubmit'],
    rejected: [],
    completed: [],
    withdrawn: [],
  };
  const PROXY_HELPER_SEES: Record<CaseStatus, CaseAction[]> = {
    draft: ['accept', 'accept_rongque'],
    accepted: [],
    awaiting_materials: ['complete_materials'],
    submitted: [],
    approved: [],
    returned: [],
    rejected: [],
    completed: [],
    withdrawn: [],
  };
  const SYSTEM_SEES: Record<CaseStatus, CaseAction[]> = {
    draft: [],
    accepted: ['mark_submitted'],
    awaiting_materials: [],
    submitted: [],
    approved: [],
    returned: [],
    rejected: [],
    completed: [],
    withdrawn: [],
  };
  const CENTRAL_SEES: Record<CaseStatus, CaseAction[]> = {
    draft: [],
    accepted: ['reject'],
    awaiting_materials: [],
    submitted: ['approve', 'return', 'reject', 'complete'],
    approved: ['return', 'complete'],
    returned: [],
    rejected: [],
    completed: [],
    withdrawn: [],
  };

  for (const status of CASE_STATUSES) {
    it(`in ${status}`, () => {
      for (const role of ['clerk', 'mobile_team', 'supervisor'] as const) {
        expect(sorted(availableActions(status, role)), role).toEqual(sorted(STAFF_SEES[status]));
      }
      expect(sorted(availableActions(status, 'proxy_helper'))).toEqual(sorted(PROXY_HELPER_SEES[status]));
      expect(sorted(availableActions(status, 'system'))).toEqual(sorted(SYSTEM_SEES[status]));
      expect(sorted(availableActions(status, 'central'))).toEqual(sorted(CENTRAL_SEES[status]));
    });
  }

  it('central-only and system-only actions are never offered to a signed-in role', () => {
    const machineOnly: CaseAction[] = ['mark_submitted', 'approve', 'return', 'reject', 'complete'];
    for (const role of ROLES) {
      for (const status of CASE_STATUSES) {
        for (const a of availableActions(status, role)) expect(machineOnly, `${role} in ${status}`).not.toContain(a);
      }
    }
  });

  it('system and central never get window actions', () => {
    const windowActions: CaseAction[] = ['accept', 'accept_rongque', 'complete_materials', 'withdraw', 'resubmit', 'hand_out'];
    for (const actor of ['system', 'central'] as const) {
      for (const status of CASE_STATUSES) {
        for (const a of availableActions(status, actor)) expect(windowActions).not.toContain(a);
      }
    }
  });

  it('lists actions in TRANSITIONS order', () => {
    expect(availableActions('submitted', 'central')).toEqual(['approve', 'return', 'reject', 'complete']);
    expect(availableActions('draft', 'clerk')).toEqual(['accept', 'accept_rongque', 'withdraw']);
  });
});

describe('status groups', () => {
  it('terminal, station-owned and open statuses', () => {
    expect(sorted(TERMINAL)).toEqual(['completed', 'rejected', 'withdrawn']);
    expect(sorted(STATION_OWNED)).toEqual(['accepted', 'awaiting_materials', 'draft', 'returned']);
    expect(sorted(OPEN_STATUSES)).toEqual(['accepted', 'approved', 'awaiting_materials', 'draft', 'returned', 'submitted']);
    for (const s of STATION_OWNED) expect(TERMINAL).not.toContain(s);
  });

  it('every non-terminal status can be left by someone, every status but draft can be reached', () => {
    for (const s of OPEN_STATUSES) {
      expect(ACTORS.some((a) => availableActions(s, a).length > 0), s).toBe(true);
    }
    const reachable = new Set(TRANSITIONS.map((t) => t.to));
    expect(sorted(CASE_STATUSES.filter((s) => !reachable.has(s)))).toEqual(['draft']);
  });

  it('CaseStatusSchema accepts the statuses only', () => {
    expect(CaseStatusSchema.safeParse('submitted').success).toBe(true);
    expect(CaseStatusSchema.safeParse('Submitted').success).toBe(false);
    expect(CaseStatusSchema.safeParse('queued').success).toBe(false);
    expect(CaseStatusSchema.safeParse('').success).toBe(false);
  });
});

describe('status questions', () => {
  it('answer by status group', () => {
    for (const s of CASE_STATUSES) {
      const finished = TERMINAL.includes(s);
      expect(isTerminal(s), s).toBe(finished);
      expect(isStationOwned(s), s).toBe(STATION_OWNED.includes(s));
      expect(canAddAttachment(s), s).toBe(s !== 'withdrawn');
      expect(isDecided(s), s).toBe(s === 'approved' || s === 'rejected' || s === 'completed');
      expect(attachmentMarksMaterial(s), s).toBe(!isDecided(s));
      expect(canSaveEstimate(s), s).toBe(!finished);
      expect(canRecordMaterials(s), s).toBe(STATION_OWNED.includes(s));
      expect(canRecordAssessment(s), s).toBe(!finished && s !== 'draft');
    }
  });

  it('a refusal needs action in any status; it is corrected while central does not hold the case, else taken note of', () => {
    for (const s of CASE_STATUSES) {
      expect(needsAction({ status: s, syncState: 'rejected' }), s).toBe(true);
      expect(needsAction({ status: s, syncState: 'synced' }), s).toBe(false);
      const correctable = s === 'accepted' || s === 'awaiting_materials';
      expect(canCorrectRefused(s, 'rejected'), s).toBe(correctable);
      expect(canAcknowledgeRefusal(s, 'rejected'), s).toBe(!correctable);
      expect(canAcknowledgeRefusal(s, 'synced'), s).toBe(false);
      expect(canAcknowledgeRefusal(s, 'pending'), s).toBe(false);
    }
  });

  it('warns that a withdrawal comes too late only for an on-the-spot item taken in and not yet sent', () => {
    for (const s of CASE_STATUSES) {
      expect(withdrawalOutrunByDecision('on_the_spot', s), s).toBe(s === 'accepted');
      expect(withdrawalOutrunByDecision('time_limited', s), s).toBe(false);
      expect(withdrawalOutrunByDecision('commitment', s), s).toBe(false);
    }
  });

  it('a receipt exists once the case was taken in; a notice of missing materials only before central holds it', () => {
    expect(sorted(CASE_STATUSES.filter(hasReceipt))).toEqual(['accepted', 'approved', 'awaiting_materials', 'completed', 'returned', 'submitted']);
    expect(sorted(CASE_STATUSES.filter(mayOweMaterials))).toEqual(['awaiting_materials', 'draft']);
  });

  it("central's word: drafts and withdrawals are the station's; a 容缺 case held with materials owed stays awaiting", () => {
    expect(centralStatusChange('draft', 'draft', false)).toBeNull();
    expect(centralStatusChange('withdrawn', 'withdrawn', false)).toBeNull();
    // A withdrawal on its way to a central that honours it until the decision: undecided news does not undo it.
    expect(centralStatusChange('submitted', 'withdrawn', false, true)).toBeNull();
    expect(centralStatusChange('returned', 'withdrawn', false, true)).toBeNull();
    expect(centralStatusChange('completed', 'withdrawn', false, true)).toEqual({ to: 'completed', event: 'complete' });
    expect(centralStatusChange('approved', 'withdrawn', false, true)).toEqual({ to: 'approved', event: 'approve' });
    expect(centralStatusChange('submitted', 'withdrawn', false, false)).toEqual({ to: 'submitted', event: 'mark_submitted' });
    expect(centralStatusChange('submitted', 'awaiting_materials', true)).toEqual({ to: 'awaiting_materials', event: 'mark_submitted' });
    expect(centralStatusChange('submitted', 'awaiting_materials', false)).toEqual({ to: 'submitted', event: 'mark_submitted' });
    expect(centralStatusChange('submitted', 'accepted', true)).toEqual({ to: 'submitted', event: 'mark_submitted' });
    expect(centralStatusChange('approved', 'submitted', false)).toEqual({ to: 'approved', event: 'approve' });
    expect(centralStatusChange('returned', 'approved', false)).toEqual({ to: 'returned', event: 'return' });
    expect(centralStatusChange('rejected', 'accepted', false)).toEqual({ to: 'rejected', event: 'reject' });
    expect(centralStatusChange('completed', 'approved', false)).toEqual({ to: 'completed', event: 'complete' });
    // Every central status is a status of the machine, and each event it records is a machine action.
    for (const c of CENTRAL_STATUSES) {
      expect(CASE_STATUSES).toContain(c);
      const ch = centralStatusChange(c, 'submitted', false);
      if (ch) expect(CASE_ACTIONS).toContain(ch.event);
    }
  });
});
