import { z } from 'zod';
import { CaseSchema } from '../cases/model';
import { FamilySchema, CatalogItemSchema } from '../catalog/types';
import { CalendarYearSchema } from '../calendar/schema';
import { RosterRowSchema } from '../persons';
import { FenSchema, InstantSchema, RegionCodeSchema, StationCodeSchema, UuidSchema } from './common';
import { CentralCaseStatusSchema } from './changes';
import { AttachmentRefSchema } from './ops';
import { PolicyTableInputSchema } from './policy';

/**
 * The back office (后台分类审批) API under /v1/admin, authorised by the admin token
 * (`Authorization: Bearer <admin token>`), never by a station credential. The CLI does the same through the
 * same services.
 */

const NoteSchema = z.string().trim().min(1).max(500);
const ReviewerSchema = z.string().trim().min(1).max(50);

// — stations —

export const IssueCodeRequestSchema = z.strictObject({
  /** Required the first time a station code is seen. */
  regionCode: RegionCodeSchema.optional(),
  name: z.string().trim().min(1).max(64).optional(),
  /** How long the code stays valid (default 72 hours). */
  ttlHours: z.number().int().min(1).max(24 * 30).optional(),
});
export type IssueCodeRequest = z.infer<typeof IssueCodeRequestSchema>;

export const IssueCodeResponseSchema = z.object({
  stationId: UuidSchema,
  stationCode: StationCodeSchema,
  regionCode: RegionCodeSchema,
  /** One-time code, shown once. */
  code: z.string(),
  expiresAt: InstantSchema,
});
export type IssueCodeResponse = z.infer<typeof IssueCodeResponseSchema>;

export const STATION_STATES = ['pending', 'active', 'revoked'] as const;

export const StationSummarySchema = z.object({
  stationId: UuidSchema,
  stationCode: StationCodeSchema,
  name: z.string(),
  regionCode: RegionCodeSchema,
  state: z.enum(STATION_STATES),
  lastSeq: z.number().int().min(0),
  enrolledAt: InstantSchema.nullable(),
  revokedAt: InstantSchema.nullable(),
  lastSeenAt: InstantSchema.nullable(),
});
export type StationSummary = z.infer<typeof StationSummarySchema>;

export const StationListResponseSchema = z.object({ stations: z.array(StationSummarySchema) });

// — cases —

/** A case as central holds it. */
export const CentralCaseSchema = z.object({
  caseId: UuidSchema,
  caseNo: z.string(),
  stationCode: StationCodeSchema,
  regionCode: RegionCodeSchema,
  itemCode: z.string(),
  family: FamilySchema,
  personId: z.string(),
  personIdNumber: z.string().nullable(),
  personName: z.string().nullable(),
  status: CentralCaseStatusSchema,
  materialsPending: z.boolean(),
  stationVersion: z.number().int().positive(),
  centralVersion: z.number().int().positive(),
  submittedAt: InstantSchema.nullable(),
  decidedAt: InstantSchema.nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  payoutFen: FenSchema.nullable(),
  attachments: z.array(AttachmentRefSchema),
  updatedAt: InstantSchema,
  /** The station's latest snapshot. */
  snapshot: CaseSchema,
});
export type CentralCase = z.infer<typeof CentralCaseSchema>;

export const CaseListQuerySchema = z.strictObject({
  status: CentralCaseStatusSchema.optional(),
  stationCode: StationCodeSchema.optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, '条数应为数字')
    .transform(Number)
    .pipe(z.number().int().min(1).max(500))
    .optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

export const CaseSummarySchema = CentralCaseSchema.omit({ snapshot: true, attachments: true });
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export const CaseListResponseSchema = z.object({ cases: z.array(CaseSummarySchema) });

export const ApproveRequestSchema = z.strictObject({ note: NoteSchema.nullable().optional(), reviewer: ReviewerSchema.optional() });
export const ReturnRequestSchema = z.strictObject({ note: NoteSchema, reviewer: ReviewerSchema.optional() });
export const RejectRequestSchema = z.strictObject({ reason: NoteSchema, reviewer: ReviewerSchema.optional() });
export const CompleteRequestSchema = z.strictObject({
  /** Amount paid out in fen; required for reimbursement items, null for items without a payout. */
  payoutFen: FenSchema.nullable(),
  note: NoteSchema.nullable().optional(),
  reviewer: ReviewerSchema.optional(),
});
export type ApproveRequest = z.infer<typeof ApproveRequestSchema>;
export type ReturnRequest = z.infer<typeof ReturnRequestSchema>;
export type RejectRequest = z.infer<typeof RejectRequestSchema>;
export type CompleteRequest = z.infer<typeof CompleteRequestSchema>;

// — reference data —

export const PublishCatalogRequestSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  items: z.array(CatalogItemSchema).min(1).max(1000),
});
export const PublishPolicyRequestSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  tables: z.array(PolicyTableInputSchema).min(1).max(1000),
});
export const PublishCalendarRequestSchema = z.strictObject({
  years: z.array(CalendarYearSchema).min(1).max(200),
});
export const PublishRosterRequestSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  rows: z.array(RosterRowSchema).max(100_000),
  /** ID numbers that left the region's roster. */
  removed: z.array(z.string().trim().min(1).max(32)).max(100_000).optional(),
});
export type PublishCatalogRequest = z.infer<typeof PublishCatalogRequestSchema>;
export type PublishPolicyRequest = z.infer<typeof PublishPolicyRequestSchema>;
export type PublishCalendarRequest = z.infer<typeof PublishCalendarRequestSchema>;
export type PublishRosterRequest = z.infer<typeof PublishRosterRequestSchema>;

export const PublishResponseSchema = z.object({
  kind: z.enum(['catalog', 'policy', 'calendar', 'roster']),
  /** New or changed entries (one change each). */
  published: z.number().int().min(0),
  /** Entries identical to what central already had (no change). */
  unchanged: z.number().int().min(0),
  removed: z.number().int().min(0),
});
export type PublishResponse = z.infer<typeof PublishResponseSchema>;

export const PruneResponseSchema = z.object({
  deleted: z.number().int().min(0),
  /** Changes up to this cursor are gone; pulling from an older cursor answers 410 reset-required. */
  floor: z.string(),
});
export type PruneResponse = z.infer<typeof PruneResponseSchema>;
