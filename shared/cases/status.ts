import { z } from 'zod';
import type { Actor } from '../roles';
import type { HandlingMode } from '../catalog/types';

/**
 * The one authority on case statuses: the local status machine (DESIGN.md) and every question asked of a
 * status anywhere in the program. No other module lists statuses (a test over the source enforces it).
 *
 *   draft → accepted (受理) → [awaiting_materials (容缺)] → submitted (已上报)
 *         → approved | returned (退回补正) | rejected → completed (办结/出件); also withdrawn.
 *
 * - `accepted`: taken in with complete materials; its ops wait in the outbox until central has them.
 * - `awaiting_materials`: taken in under 容缺; materials promised by a date.
 * - `submitted`: central has applied it. From here central owns the status.
 */
export const CASE_STATUSES = [
  'draft',
  'accepted',
  'awaiting_materials',
  'submitted',
  'approved',
  'returned',
  'rejected',
  'completed',
  'withdrawn',
] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const CASE_ACTIONS = [
  'accept',
  'accept_rongque',
  'complete_materials',
  'withdraw',
  'mark_submitted',
  'approve',
  'return',
  'reject',
  'complete',
  'resubmit',
  'hand_out',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface Transition {
  action: CaseAction;
  from: readonly CaseStatus[];
  to: CaseStatus;
  actors: readonly Actor[];
  reasonRequired: boolean;
}

const STAFF = ['clerk', 'proxy_helper', 'mobile_team', 'supervisor'] as const;
const WINDOW = ['clerk', 'mobile_team', 'supervisor'] as const;

export const TRANSITIONS: readonly Transition[] = [
  { action: 'accept', from: ['draft'], to: 'accepted', actors: STAFF, reasonRequired: false },
  { action: 'accept_rongque', from: ['draft'], to: 'awaiting_materials', actors: STAFF, reasonRequired: false },
  { action: 'complete_materials', from: ['awaiting_materials'], to: 'accepted', actors: STAFF, reasonRequired: false },
  // Withdrawal before central has it: the person changes their mind, or the case was a mistake.
  { action: 'withdraw', from: ['draft', 'accepted', 'awaiting_materials'], to: 'withdrawn', actors: WINDOW, reasonRequired: true },
  { action: 'mark_submitted', from: ['accepted'], to: 'submitted', actors: ['system'], reasonRequired: false },
  { action: 'approve', from: ['submitted'], to: 'approved', actors: ['central'], reasonRequired: false },
  { action: 'return', from: ['submitted', 'approved'], to: 'returned', actors: ['central'], reasonRequired: true },
  { action: 'reject', from: ['accepted', 'submitted'], to: 'rejected', actors: ['central'], reasonRequired: true },
  { action: 'complete', from: ['submitted', 'approved'], to: 'completed', actors: ['central'], reasonRequired: false },
  // A returned case corrected at the window goes back up as an amendment (补正).
  { action: 'resubmit', from: ['returned'], to: 'accepted', actors: WINDOW, reasonRequired: true },
  // 统一窗口出件: the window hands an approved result out and closes the case.
  { action: 'hand_out', from: ['approved'], to: 'completed', actors: WINDOW, reasonRequired: false },
];

const byAction = new Map<CaseAction, Transition>(TRANSITIONS.map((t) => [t.action, t]));

export function transitionFor(action: CaseAction): Transition {
  const t = byAction.get(action);
  if (!t) throw new Error(`unknown case action ${action}`);
  return t;
}

export type TransitionCheck =
  | { ok: true; to: CaseStatus }
  | { ok: false; code: 'illegal_transition' | 'forbidden' | 'reason_required' };

/** Whether `actor` may apply `action` to a case in `from`; pure, used by the core and by the UI to show buttons. */
export function checkTransition(action: CaseAction, from: CaseStatus, actor: Actor, reason?: string): TransitionCheck {
  const t = transitionFor(action);
  if (!t.from.includes(from)) return { ok: false, code: 'illegal_transition' };
  if (!t.actors.includes(actor)) return { ok: false, code: 'forbidden' };
  if (t.reasonRequired && (reason === undefined || reason.trim() === '')) return { ok: false, code: 'reason_required' };
  return { ok: true, to: t.to };
}

/** Actions `actor` may take on a case in `status` (for showing buttons). */
export function availableActions(status: CaseStatus, actor: Actor): CaseAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(status) && t.actors.includes(actor)).map((t) => t.action);
}

/** Statuses where the station still owns the content of the case. */
export const STATION_OWNED: readonly CaseStatus[] = ['draft', 'accepted', 'awaiting_materials', 'returned'];
/** Statuses that are finished: nothing more happens to them. */
export const TERMINAL: readonly CaseStatus[] = ['completed', 'withdrawn', 'rejected'];
/** Statuses counted as open work on the queue. */
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => !TERMINAL.includes(s));
/** Statuses of a case that was taken in (受理): it has a receipt (受理回执). */
const TAKEN_IN: readonly CaseStatus[] = ['accepted', 'awaiting_materials', 'submitted', 'approved', 'returned', 'completed'];
/** Statuses before central holds the case in which materials can still be owed (一次性告知 applies). */
const MATERIALS_OWED: readonly CaseStatus[] = ['draft', 'awaiting_materials'];

/** Finished: completed, withdrawn or rejected. */
export function isTerminal(s: CaseStatus): boolean {
  return TERMINAL.includes(s);
}

/** The station still owns the case's content (draft, accepted, 容缺, returned for correction). */
export function isStationOwned(s: CaseStatus): boolean {
  return STATION_OWNED.includes(s);
}

/** Central decided the case (approved, rejected, completed): nothing the station adds changes that decision. */
const DECIDED: readonly CaseStatus[] = ['approved', 'rejected', 'completed'];

/** Central decided the case: approved, rejected or completed. */
export function isDecided(s: CaseStatus): s is 'approved' | 'rejected' | 'completed' {
  return DECIDED.includes(s);
}

/**
 * Scans, photos and signatures can be added to any case but a withdrawn one: a case central already decided keeps
 * taking documents into its file (归档) — the receipt signed after 即时办结, a photo taken after the decision.
 */
export function canAddAttachment(s: CaseStatus): boolean {
  return s !== 'withdrawn';
}

/** An attachment for one of the case's materials marks it received until central decided on the materials. */
export function attachmentMarksMaterial(s: CaseStatus): boolean {
  return !isDecided(s);
}

/** An estimate can be kept with a case that is not finished. */
export function canSaveEstimate(s: CaseStatus): boolean {
  return !isTerminal(s);
}

/**
 * Withdrawing this case will most likely come too late: an item central decides on arrival (即时办结), taken in and not
 * yet sent — its 受理 reaches central first and is completed there, so the withdrawal is refused and the completion
 * stands. The window says so before the clerk confirms.
 */
export function withdrawalOutrunByDecision(mode: HandlingMode, s: CaseStatus): boolean {
  return mode === 'on_the_spot' && s === 'accepted';
}

/** Materials received can be recorded while the station owns the case. */
export function canRecordMaterials(s: CaseStatus): boolean {
  return isStationOwned(s);
}

/** An LTC assessment is recorded for a case taken in and not finished. */
export function canRecordAssessment(s: CaseStatus): boolean {
  return s !== 'draft' && !isTerminal(s);
}

/** The case was taken in, so it has a receipt (受理回执) to print. */
export function hasReceipt(s: CaseStatus): boolean {
  return TAKEN_IN.includes(s);
}

/**
 * The case holds the invoices its form lists (the station's index of claimed invoices): from 受理 on, and for
 * good once completed; a draft holds none, a withdrawn or rejected case has let them go.
 */
export function holdsInvoiceClaims(s: CaseStatus): boolean {
  return TAKEN_IN.includes(s);
}

/**
 * Statuses of a case taken in that central does not hold yet: when central refuses its submission (中心拒收), the
 * window corrects it (the correction screen of 退回补正) and sends it again, or withdraws it.
 */
const AWAITING_CENTRAL: readonly CaseStatus[] = ['accepted', 'awaiting_materials'];

/** Central refused the case's submission and the window can correct it and send it again. */
export function canCorrectRefused(s: CaseStatus, syncState: string): boolean {
  return syncState === 'rejected' && AWAITING_CENTRAL.includes(s);
}

/**
 * The actions `actor` may take on a case, its sync state considered: a case central refused is corrected on the
 * correction screen (`resubmit`, as a returned case is) — never left with only 撤回.
 */
export function caseActions(status: CaseStatus, syncState: string, actor: Actor): CaseAction[] {
  const actions = availableActions(status, actor);
  if (canCorrectRefused(status, syncState) && transitionFor('resubmit').actors.includes(actor) && !actions.includes('resubmit')) actions.push('resubmit');
  return actions;
}

/** Taken in and waiting for central's decision (an item handled on the spot shows 待联网办结 meanwhile). */
const AWAITING_DECISION: readonly CaseStatus[] = ['accepted', 'submitted'];

/** The statuses of a case taken in that central has not decided yet. */
export function awaitingDecisionStatuses(): readonly CaseStatus[] {
  return AWAITING_DECISION;
}

/**
 * The case needs the window's action because central refused a change of it (中心拒收 / 需处理), whatever its status:
 * a refusal on a finished case (a withdrawal that came after 办结) is still something to tell the person.
 */
export function needsAction(c: { status: CaseStatus; syncState: string }): boolean {
  return c.syncState === 'rejected';
}

/**
 * A refusal the station cannot correct (the case is past the correction screen: central holds it, decided it, or it
 * was withdrawn) is taken note of at the window (已知悉), which ends the 需处理. One it can correct must be corrected,
 * or the case withdrawn: a case is never left refused and forgotten.
 */
export function canAcknowledgeRefusal(s: CaseStatus, syncState: string): boolean {
  return syncState === 'rejected' && !canCorrectRefused(s, syncState);
}

/** Materials can still be owed, so a notice of what is missing (一次性告知书) can be printed. */
export function mayOweMaterials(s: CaseStatus): boolean {
  return MATERIALS_OWED.includes(s);
}

/** The statuses central reports for a case (a subset of the machine's): the protocol's `case.status`. */
export const CENTRAL_STATUSES = ['draft', 'withdrawn', 'submitted', 'approved', 'returned', 'rejected', 'completed'] as const satisfies readonly CaseStatus[];
export type CentralStatus = (typeof CENTRAL_STATUSES)[number];

/** The status central's word leaves the station's case in, and the event it is recorded as (null: nothing to apply). */
export function centralStatusChange(
  central: CentralStatus,
  local: CaseStatus,
  materialsPending: boolean,
  /** Central honours a withdrawal until its decision (protocol 1.6). */
  withdrawalsHonoured = false,
): { to: CaseStatus; event: Extract<CaseAction, 'mark_submitted' | 'approve' | 'return' | 'reject' | 'complete'> } | null {
  // The station owns drafts and withdrawals; central only mirrors them.
  if (central === 'draft' || central === 'withdrawn') return null;
  // Withdrawn at the window before the station heard central had the case: news of it undecided (the 受理's own
  // answer) does not undo the withdrawal on its way; a decision does (central then refuses the withdrawal).
  if (withdrawalsHonoured && local === 'withdrawn' && (central === 'submitted' || central === 'returned')) return null;
  // A 容缺 case central holds while materials are still owed stays "awaiting materials" at the window.
  const to: CaseStatus = central === 'submitted' && materialsPending && local === 'awaiting_materials' ? 'awaiting_materials' : central;
  const event = ({ submitted: 'mark_submitted', approved: 'approve', returned: 'return', rejected: 'reject', completed: 'complete' } as const)[central];
  return { to, event };
}
