import type { CaseStatus } from './status';

/**
 * What happens next with a case, as the proxy helper following it to the end (全程督办) reads it: who acts, and
 * the date that matters. Part of the status authority (no status list outside shared/cases/).
 *
 * - `window`: the station must act (take it in, correct it, hand the result out);
 * - `person`: the person owes something (容缺 materials by the promise date);
 * - `central`: central is deciding (by the item's time limit);
 * - `done`: nothing more to do.
 */
export type NextStepActor = 'window' | 'person' | 'central' | 'done';
export type NextStep =
  | 'accept'
  | 'bring_materials'
  | 'await_upload'
  | 'await_decision'
  | 'correct'
  | 'hand_out'
  | 'inform_rejection'
  | 'none';

const NEXT: Record<CaseStatus, { step: NextStep; actor: NextStepActor; due: 'promise' | 'sla' | null }> = {
  draft: { step: 'accept', actor: 'window', due: null },
  awaiting_materials: { step: 'bring_materials', actor: 'person', due: 'promise' },
  accepted: { step: 'await_upload', actor: 'central', due: 'sla' },
  submitted: { step: 'await_decision', actor: 'central', due: 'sla' },
  returned: { step: 'correct', actor: 'window', due: null },
  approved: { step: 'hand_out', actor: 'window', due: null },
  rejected: { step: 'inform_rejection', actor: 'done', due: null },
  completed: { step: 'none', actor: 'done', due: null },
  withdrawn: { step: 'none', actor: 'done', due: null },
};

/** The next step of a case in `status`, and which of its dates is the one that matters (its promise date or its time limit). */
export function nextStepOf(status: CaseStatus): { step: NextStep; actor: NextStepActor; due: 'promise' | 'sla' | null } {
  return NEXT[status];
}

/** Whether a helper still follows the case (its result not handed out, not withdrawn). */
export function isFollowed(status: CaseStatus): boolean {
  return NEXT[status].step !== 'none';
}

/** Whether the case asks the window for a correction (退回补正): it stands out on every work list. */
export function awaitsCorrection(status: CaseStatus): boolean {
  return status === 'returned';
}

/** Whether the case is taken in under 容缺 with materials still owed. */
export function owesPromisedMaterials(status: CaseStatus): boolean {
  return status === 'awaiting_materials';
}

/**
 * Whether a case of an item counts as "already in hand" for that person: taken in or further, not withdrawn or
 * rejected, and not a draft (a draft is not a case central will see). The batch import refuses a second such case;
 * the proactive lists leave out a person who has one.
 */
export function isLiveIntake(status: CaseStatus): boolean {
  return status !== 'draft' && status !== 'withdrawn' && status !== 'rejected';
}

/** Whether central decided in the person's favour (an approval, or the result handed out). */
export function isGranted(status: CaseStatus): boolean {
  return status === 'approved' || status === 'completed';
}
