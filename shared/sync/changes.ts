import { z } from 'zod';
import { CatalogItemSchema } from '../catalog/types';
import { CalendarYearSchema } from '../calendar/schema';
import { RosterRowSchema } from '../persons';
import { CursorSchema, FenSchema, InstantSchema, RegionCodeSchema, UuidSchema } from './common';
import { OpRejectCodeSchema } from './errors';
import { PolicyTableSchema } from './policy';
import { CENTRAL_STATUSES } from '../cases/status';
import { FollowUpDataSchema, FRONT_SINCE, RatingDataSchema } from './front';

/**
 * What a station pulls: changes for its own cases and reference data published for its region, in the order
 * central recorded them. Every change is a full state, never a diff of fields, and carries a version (or
 * centralVersion), so applying one twice or an older one after a newer one is harmless: keep the higher.
 */

/** The central statuses of a case (a subset of the station's status machine, listed in shared/cases/status). */
export const CENTRAL_CASE_STATUSES = CENTRAL_STATUSES;
export const CentralCaseStatusSchema = z.enum(CENTRAL_CASE_STATUSES);
export type CentralCaseStatus = z.infer<typeof CentralCaseStatusSchema>;

const caseStatusBase = {
  caseId: UuidSchema,
  caseNo: z.string(),
  /** Grows with every change central makes to the case; an amendment names the one it answers. */
  centralVersion: z.number().int().positive(),
  /** The station op that caused this status (a submission), or null for a back-office decision. */
  opId: UuidSchema.nullable(),
  /** The reviewer's name for a back-office decision, null otherwise. */
  decidedBy: z.string().nullable(),
};

/** `case.status`: the central case state — what central says about one of the station's cases. */
export const CentralCaseStateSchema = z.discriminatedUnion('status', [
  /** Central holds the case (已上报). With 容缺 materials still owed, `materialsPending` is true. */
  z.object({ ...caseStatusBase, status: z.literal('submitted'), materialsPending: z.boolean() }),
  z.object({ ...caseStatusBase, status: z.literal('approved'), note: z.string().nullable() }),
  /** 退回补正: correct what the note says and push `case.resubmit`. */
  z.object({ ...caseStatusBase, status: z.literal('returned'), note: z.string().min(1) }),
  z.object({ ...caseStatusBase, status: z.literal('rejected'), reason: z.string().min(1) }),
  /** 办结: `payoutFen` is the amount paid out (reimbursements), null for items without a payout. */
  z.object({ ...caseStatusBase, status: z.literal('completed'), payoutFen: FenSchema.nullable(), note: z.string().nullable() }),
]);
export type CentralCaseState = z.infer<typeof CentralCaseStateSchema>;

/** `op.result`: the outcome of one pushed op (also learned from the push answer; needed when ops travel by file). */
export const OpResultDataSchema = z.object({
  seq: z.number().int().positive(),
  opId: UuidSchema,
  kind: z.string(),
  caseId: UuidSchema.nullable(),
  result: z.enum(['applied', 'rejected']),
  code: OpRejectCodeSchema.nullable(),
  message: z.string().nullable(),
});
export type OpResultData = z.infer<typeof OpResultDataSchema>;

/** `catalog.item`: one item of the region's service-item catalog (事项清单), replacing the one with its code. */
export const CatalogItemDataSchema = z.object({
  code: z.string(),
  regionCode: RegionCodeSchema,
  version: z.number().int().positive(),
  item: CatalogItemSchema,
});
export type CatalogItemData = z.infer<typeof CatalogItemDataSchema>;

/** `policy.table`: a policy table for the region (opaque body, see policy.ts). */
export const PolicyTableDataSchema = z.object({ table: PolicyTableSchema });
export type PolicyTableData = z.infer<typeof PolicyTableDataSchema>;

/** `calendar.year`: one year of the national working-day calendar (for every region). */
export const CalendarYearDataSchema = z.object({
  version: z.number().int().positive(),
  calendar: CalendarYearSchema,
});
export type CalendarYearData = z.infer<typeof CalendarYearDataSchema>;

/**
 * `roster.person`: one insured person of the region's roster, added, changed or (removed: true) gone.
 * `personId` is central's id for the person; a station that adopts it can send cases central resolves by id.
 */
export const RosterPersonDataSchema = z.object({
  personId: UuidSchema,
  regionCode: RegionCodeSchema,
  version: z.number().int().positive(),
  removed: z.boolean(),
  row: RosterRowSchema,
});
export type RosterPersonData = z.infer<typeof RosterPersonDataSchema>;

export const CHANGE_KINDS = ['op.result', 'case.status', 'catalog.item', 'policy.table', 'calendar.year', 'roster.person', 'front.rating', 'front.followup'] as const;
export const ChangeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

/** The minor protocol version each change kind appeared in; a pull never sends a kind newer than the station's minor. */
export const CHANGE_KIND_SINCE: Record<ChangeKind, number> = {
  'op.result': 0,
  'case.status': 0,
  'catalog.item': 0,
  'policy.table': 0,
  'calendar.year': 0,
  'roster.person': 0,
  // The front office (1.3): this station's own 好差评 ratings and their follow-ups, as central keeps them.
  'front.rating': FRONT_SINCE,
  'front.followup': FRONT_SINCE,
};

function variants<S extends z.ZodRawShape>(extra: S) {
  return [
    z.object({ ...extra, kind: z.literal('op.result'), data: OpResultDataSchema }),
    z.object({ ...extra, kind: z.literal('case.status'), data: CentralCaseStateSchema }),
    z.object({ ...extra, kind: z.literal('catalog.item'), data: CatalogItemDataSchema }),
    z.object({ ...extra, kind: z.literal('policy.table'), data: PolicyTableDataSchema }),
    z.object({ ...extra, kind: z.literal('calendar.year'), data: CalendarYearDataSchema }),
    z.object({ ...extra, kind: z.literal('roster.person'), data: RosterPersonDataSchema }),
    z.object({ ...extra, kind: z.literal('front.rating'), data: RatingDataSchema }),
    z.object({ ...extra, kind: z.literal('front.followup'), data: FollowUpDataSchema }),
  ] as const;
}

/** One change of the log. `id` is its cursor: after applying it, `id` is where to pull from. */
export const ChangeSchema = z.discriminatedUnion('kind', variants({ id: CursorSchema, at: InstantSchema }));
export type Change = z.infer<typeof ChangeSchema>;

/** One item of a snapshot (a change without a position in the log). */
export const SnapshotItemSchema = z.discriminatedUnion('kind', variants({ at: InstantSchema }));
export type SnapshotItem = z.infer<typeof SnapshotItemSchema>;

/** The data of each change kind. */
export type ChangeData<K extends ChangeKind> = Extract<Change, { kind: K }>['data'];
