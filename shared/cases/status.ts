import { z } from 'zod';
import type { Actor } from '../roles';

/**
 * The local case status machine (DESIGN.md):
 *   draft → accepted (受理) → [awaiting_materials (容缺)] → queued (待上传) → submitted (已上报)
 *         → approved | returned (退回补正) | rejected → completed (办结/出件); also withdrawn.
 *
 * - `accepted`: taken in with complete materials; its submit op waits in the outbox.
 * - `awaiting_materials`: taken in under 容缺; materials promised by a date.
 * - `queued`: the sync engine has started uploading it (attachments first).
 * - `submitted`: central has applied it. From here central owns the status.
 */
export const CASE_STATUSES = [
  'draft',
  'accepted',
  'awaiting_materials',
  'queued',
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
  'start_upload',
  'upload_failed',
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
  { action: 'start_upload', from: ['accepted'], to: 'queued', actors: ['system'], reasonRequired: false },
  { action: 'upload_failed', from: ['queued'], to: 'accepted', actors: ['system'], reasonRequired: true },
  { action: 'mark_submitted', from: ['accepted', 'queued'], to: 'submitted', actors: ['system'], reasonRequired: false },
  { action: 'approve', from: ['submitted'], to: 'approved', actors: ['central'], reasonRequired: false },
  { action: 'return', from: ['submitted', 'approved'], to: 'returned', actors: ['central'], reasonRequired: true },
  { action: 'reject', from: ['accepted', 'queued', 'submitted'], to: 'rejected', actors: ['central'], reasonRequired: true },
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
